#!/usr/bin/env bash
# Profiles one or more JMH benchmarks and prints where the time (or the allocation) goes.
#
#   benchmarks/profile.sh 'TokenEventBench.c$'            CPU, async-profiler (flat, top 30)
#   benchmarks/profile.sh 'SequenceInvokeBench.e$' alloc      allocated bytes by type
#   benchmarks/profile.sh 'RunTreeBench.g$' stack      JMH's own stack sampler (no native library)
#   benchmarks/profile.sh 'UnobservedRunBench' gc            JMH's -prof gc only (B/op)
#
# Uses callbacks-benchmarks/target/benchmarks.jar (build it with benchmarks/run.sh or
# ./mvnw -B -q -pl callbacks-benchmarks -am -DskipTests package). async-profiler comes from Maven
# Central (tools.profiler:async-profiler, which ships the Linux x64 library); the first use
# downloads it with the Maven wrapper into the local repository. Output: benchmarks/work/profile/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REGEX="${1:?usage: profile.sh REGEX [cpu|alloc|stack|gc]}"
KIND="${2:-cpu}"
JAR="$ROOT/callbacks-benchmarks/target/benchmarks.jar"
AP_VERSION=3.0
AP_JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar"
AP_DIR="$ROOT/benchmarks/work/async-profiler"
OUT="$ROOT/benchmarks/work/profile"
JMH=(java -jar "$JAR" "$REGEX" -f 1 -wi 3 -w 1s -i 3 -r 2s)
[[ -f "$JAR" ]] || { echo "profile.sh: build the benchmarks first ($JAR is missing)" >&2; exit 1; }

case "$KIND" in
  stack) exec "${JMH[@]}" -prof gc -prof 'stack:lines=3;top=20' ;;
  gc) exec "${JMH[@]}" -prof gc ;;
  cpu|alloc) ;;
  *) echo "profile.sh: unknown kind '$KIND' (cpu, alloc, stack or gc)" >&2; exit 2 ;;
esac

if [[ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]]; then
  echo "profile.sh: async-profiler is set up for Linux x86_64 only here; use 'stack'" >&2
  exit 1
fi
if [[ ! -f "$AP_JAR" ]]; then
  (cd "$ROOT" && ./mvnw -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION")
fi
if [[ ! -f "$AP_DIR/linux-x64/libasyncProfiler.so" ]]; then
  mkdir -p "$AP_DIR"
  (cd "$AP_DIR" && unzip -o -q "$AP_JAR" 'linux-x64/*')
fi
LIB="$AP_DIR/linux-x64/libasyncProfiler.so"
INTERVAL=$([[ "$KIND" == cpu ]] && echo 1000000 || echo 65536)
rm -rf "$OUT/$KIND"
"${JMH[@]}" -prof gc -prof "async:libPath=$LIB;output=text;event=$KIND;interval=$INTERVAL;dir=$OUT/$KIND" \
  | grep -E '^(Benchmark|Scenario|Floor)' | grep -v ':gc\.\(count\|time\|alloc\.rate \)'
for summary in "$OUT/$KIND"/*/summary-*.txt; do
  echo
  echo "== $(basename "$(dirname "$summary")") ($KIND, flat, top 30)"
  sed -n '/percent  samples  top/,$p' "$summary" | sed -n '1,32p'
done
echo
echo "profile.sh: full trees (call paths) in $OUT/$KIND/*/summary-$KIND.txt"
