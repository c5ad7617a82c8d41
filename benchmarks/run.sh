#!/usr/bin/env bash
# Runs the callback benchmarks side by side with LangChain.js on this machine and writes a
# Markdown comparison (see BENCHMARKS.md).
#
#   benchmarks/run.sh                 full run, about 10 minutes on 2 cores
#   benchmarks/run.sh --quick         smoke run, a few seconds per case (CI)
#   benchmarks/run.sh --update-md     full run, then replace the table in BENCHMARKS.md
#
# Other options:
#   --only REGEX      JMH benchmarks to run (a JMH regex, e.g. 'RunLifecycle|TokenEvent');
#                     --only L runs scenario L alone: LangSmithExportBench and langsmith-js
#   --js-only IDS     LangChain.js cases to run (bench.mjs --only, e.g. A,C,F)
#   --no-js           skip LangChain.js
#   --skip-build      reuse callbacks-benchmarks/target/benchmarks.jar
#   --jmh "ARGS"      extra JMH arguments (e.g. "-prof stack")
#   --ignore-lock     run even if another JMH run holds /tmp/jmh.lock (both results suffer)
#
# Steps: build the JMH jar; run every JMH benchmark (one fork each, with -prof gc for B/op);
# run LangChain.js's bench.mjs (after npm ci) from ../shared/bench/langchainjs; measure the
# floor benchmarks again to show whether the machine's speed drifted during the run; scenario L's
# langsmith-js counterpart (benchmarks/langsmith-js-bench.mjs) against a standalone LoopbackSink; write
# benchmarks/results/<timestamp>-<mode>/report.md (and benchmarks/results/latest.md).
# The only network use is npm ci (and Maven, if the local repository lacks an artifact).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE=full
ONLY=""
JS_ONLY=""
RUN_JS=1
SCENARIO_L_ONLY=0
BUILD=1
UPDATE_MD=0
EXTRA_JMH=""
JAVA_FLAGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) MODE=quick ;;
    --only) ONLY="$2"; shift
      [[ "$ONLY" == L ]] && { ONLY='LangSmithExportBench'; SCENARIO_L_ONLY=1; } ;;
    --js-only) JS_ONLY="$2"; shift ;;
    --no-js) RUN_JS=0 ;;
    --skip-build) BUILD=0 ;;
    --update-md) UPDATE_MD=1 ;;
    --jmh) EXTRA_JMH="$2"; shift ;;
    --ignore-lock) JAVA_FLAGS=(-Djmh.ignoreLock=true) ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

if [[ "$MODE" == quick ]]; then
  JMH_OPTS=(-f 1 -wi 1 -w 200ms -i 2 -r 200ms -prof gc)
  JS_ARGS=(--quick)
else
  # Forks, warm-up and measurement come from each class's annotations: 1 fork, 5 x 1 s measured,
  # after 3 x 1 s of warm-up for the dispatch-only cases and 6 x 1 s for the runnable, stream and
  # async cases, whose code takes the JIT about 5 s to finish compiling on 2 cores.
  JMH_OPTS=(-prof gc)
  JS_ARGS=()
fi
# shellcheck disable=SC2206
EXTRA=($EXTRA_JMH)
[[ -n "$JS_ONLY" ]] && JS_ARGS+=("--only=$JS_ONLY")

STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
OUT="$ROOT/benchmarks/results/$STAMP-$MODE"
JAR="$ROOT/callbacks-benchmarks/target/benchmarks.jar"
# LANGCHAINJS_DIR overrides the location (a git worktree is not next to ../shared).
JS_SRC="${LANGCHAINJS_DIR:-$ROOT/../shared/bench/langchainjs}"
JS_WORK="$ROOT/benchmarks/work/langchainjs"
FLOOR_NOTES="$ROOT/../shared/bench/java-floor/notes.md"
mkdir -p "$OUT"
START=$SECONDS

log() {
  printf '\n=== %s (%s, load %s) ===\n' "$1" "$(date -u +%H:%M:%S)" \
    "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
}

# ---- build -----------------------------------------------------------------------------------
if [[ $BUILD == 1 ]]; then
  log "build"
  (cd "$ROOT" && ./mvnw -B -q -pl callbacks-benchmarks -am -DskipTests package)
fi
[[ -f "$JAR" ]] || { echo "run.sh: $JAR is missing (build failed or --skip-build without a jar)" >&2; exit 1; }

# ---- environment -----------------------------------------------------------------------------
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
# The shaded jar keeps no Micrometer version; ask Maven (offline, from the local repository).
MICROMETER="$(cd "$ROOT" && ./mvnw -B -q -o -pl callbacks-core dependency:list -DincludeArtifactIds=micrometer-core \
  -DoutputFile="$OUT/micrometer.txt" >/dev/null 2>&1 && grep -o 'micrometer-core:jar:[^:]*' "$OUT/micrometer.txt" \
  | cut -d: -f3 || echo n/a)"
export OUT MODE LOAD_START JAR MICROMETER
python3 - <<'PY'
import json, os, platform, re, subprocess, zipfile
def sh(*cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (r.stdout + r.stderr).strip()
    except Exception:
        return "n/a"
def cpuinfo():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "n/a"
def mem():
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "n/a"
def jar_version(group, artifact):
    try:
        with zipfile.ZipFile(os.environ["JAR"]) as z:
            text = z.read(f"META-INF/maven/{group}/{artifact}/pom.properties").decode()
            return re.search(r"^version=(.*)$", text, re.M).group(1)
    except Exception:
        return "n/a"
java = sh("java", "-version").splitlines()
env = {
    "date (UTC)": sh("date", "-u", "+%Y-%m-%d %H:%M"),
    "mode": os.environ["MODE"],
    "nproc": sh("nproc"),
    "cpu": cpuinfo(),
    "memory": mem(),
    "kernel": platform.release(),
    "clocksource": sh("cat", "/sys/devices/system/clocksource/clocksource0/current_clocksource"),
    "jdk": " / ".join(java[:2]) if java else "n/a",
    "jmh": jar_version("org.openjdk.jmh", "jmh-core"),
    "micrometer": os.environ.get("MICROMETER") or "n/a",
    "git commit": sh("git", "-C", os.path.dirname(os.environ["JAR"]), "rev-parse", "--short", "HEAD"),
    "load average at start (1/5/15 min)": os.environ["LOAD_START"],
}
json.dump(env, open(os.path.join(os.environ["OUT"], "env.json"), "w"), indent=2)
PY

# ---- JMH: every scenario and the floor ----------------------------------------------------------
log "JMH ($MODE): ${ONLY:-all benchmarks}"
JMH_CMD=(java ${JAVA_FLAGS[@]+"${JAVA_FLAGS[@]}"} -jar "$JAR" "${JMH_OPTS[@]}" ${EXTRA[@]+"${EXTRA[@]}"}
  -rf json -rff "$OUT/jmh.json")
[[ -n "$ONLY" ]] && JMH_CMD+=("$ONLY")
echo "${JMH_CMD[*]}" > "$OUT/jmh-command.txt"
"${JMH_CMD[@]}" 2>&1 | tee "$OUT/jmh.txt"

# ---- LangChain.js ----------------------------------------------------------------------------
JS_RESULT=""
if [[ $RUN_JS == 0 ]]; then
  echo "run.sh: LangChain.js skipped (--no-js)"
elif ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "run.sh: node or npm not found: LangChain.js skipped; the table shows Java results only"
elif [[ $SCENARIO_L_ONLY == 1 ]]; then
  echo "run.sh: LangChain.js's bench.mjs skipped (--only L)"
elif [[ ! -f "$JS_SRC/bench.mjs" || ! -f "$JS_SRC/package-lock.json" ]]; then
  echo "run.sh: $JS_SRC/bench.mjs not found: LangChain.js skipped; the table shows Java results only"
else
  log "LangChain.js: npm ci && node bench.mjs ${JS_ARGS[*]:-}"
  # bench.mjs runs from a copy, so node_modules is not written into the shared (read-only) folder;
  # the script resolves its dependencies relative to its own directory, so this changes nothing.
  mkdir -p "$JS_WORK"
  cp "$JS_SRC/bench.mjs" "$JS_SRC/package.json" "$JS_SRC/package-lock.json" "$JS_WORK/"
  (cd "$JS_WORK" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  (cd "$JS_WORK" && node bench.mjs ${JS_ARGS[@]+"${JS_ARGS[@]}"}) 2>&1 | tee "$OUT/langchainjs.txt"
  JS_RESULT="$OUT/langchainjs.txt"
fi

# ---- langsmith-js, scenario L: the same loopback sink as LangSmithExportBench, standalone ------------
LS_JS_RESULT=""
if [[ $RUN_JS == 1 && ( -z "$ONLY" || "$ONLY" == *LangSmithExport* ) ]] && command -v node >/dev/null \
    && command -v npm >/dev/null && [[ -f "$JS_SRC/package-lock.json" ]]; then
  log "langsmith-js: node langsmith-js-bench.mjs ${JS_ARGS[*]:-}"
  mkdir -p "$JS_WORK"
  cp "$JS_SRC/package.json" "$JS_SRC/package-lock.json" "$ROOT/benchmarks/langsmith-js-bench.mjs" "$JS_WORK/"
  [[ -d "$JS_WORK/node_modules/langsmith" ]] \
    || (cd "$JS_WORK" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  java -cp "$JAR" dev.callbacks.benchmarks.LoopbackSink 0 > "$OUT/langsmith-sink.txt" 2>&1 &
  SINK_PID=$!
  trap 'kill "$SINK_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [[ -s "$OUT/langsmith-sink.txt" ]] && break; sleep 0.1; done
  SINK_URL="$(head -1 "$OUT/langsmith-sink.txt")"
  if (cd "$JS_WORK" && node langsmith-js-bench.mjs "--endpoint=$SINK_URL" ${JS_ARGS[@]+"${JS_ARGS[@]}"}) 2>&1 \
      | tee "$OUT/langsmith-js.txt"; then
    LS_JS_RESULT="$OUT/langsmith-js.txt"
  else
    echo "run.sh: langsmith-js run failed, see $OUT/langsmith-js.txt"
  fi
  kill "$SINK_PID" 2>/dev/null || true
elif [[ $RUN_JS == 1 && ( -z "$ONLY" || "$ONLY" == *LangSmithExport* ) ]]; then
  echo "run.sh: node, npm or $JS_SRC missing: langsmith-js (scenario L) skipped"
fi

# ---- the floor again: did the machine's speed drift during the run? ------------------------------
FLOOR_CHECK=()
if [[ -z "$ONLY" ]]; then
  log "JMH: floor benchmarks again"
  java ${JAVA_FLAGS[@]+"${JAVA_FLAGS[@]}"} -jar "$JAR" "${JMH_OPTS[@]}" -rf json -rff "$OUT/floor-end.json" \
    'FloorBench' > "$OUT/floor-end.txt" 2>&1 \
    && FLOOR_CHECK=(--floor-check "$OUT/floor-end.json") \
    || echo "run.sh: floor re-run failed, see $OUT/floor-end.txt"
fi

# ---- report ----------------------------------------------------------------------------------
log "report"
python3 - "$OUT/env.json" <<'PY'
import json, sys
path = sys.argv[1]
env = json.load(open(path))
try:
    env["load average at end (1/5/15 min)"] = " ".join(open("/proc/loadavg").read().split()[:3])
except OSError:
    pass
json.dump(env, open(path, "w"), indent=2)
PY
REPORT_ARGS=(--jmh "$OUT/jmh.json" --env "$OUT/env.json" --out "$OUT/report.md" ${FLOOR_CHECK[@]+"${FLOOR_CHECK[@]}"})
[[ -n "$JS_RESULT" ]] && REPORT_ARGS+=(--js "$JS_RESULT")
[[ -n "$LS_JS_RESULT" ]] && REPORT_ARGS+=(--langsmith-js "$LS_JS_RESULT")
[[ -f "$FLOOR_NOTES" ]] && REPORT_ARGS+=(--floor-notes "$FLOOR_NOTES")
[[ $UPDATE_MD == 1 ]] && REPORT_ARGS+=(--update-md "$ROOT/BENCHMARKS.md")
python3 "$ROOT/benchmarks/report.py" "${REPORT_ARGS[@]}"
cp "$OUT/report.md" "$ROOT/benchmarks/results/latest.md"

FAILED=$(grep -c '<failure>' "$OUT/jmh.txt" || true)
echo
sed -n '1,/^<details>/p' "$OUT/report.md" | sed '$d'
echo
echo "run.sh: done in $(( (SECONDS - START) / 60 )) min $(( (SECONDS - START) % 60 )) s; results in $OUT"
if [[ "$FAILED" != 0 ]]; then
  echo "run.sh: $FAILED JMH benchmark(s) failed; see $OUT/jmh.txt" >&2
  exit 1
fi
