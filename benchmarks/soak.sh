#!/usr/bin/env bash
# The soak test of issue 16: 2 M runs, 10 % never ending, a 1 MB input every 1,000th run and a
# throwing handler, through the built-in stateful handlers; prints heap after GC, timed runs,
# abandoned runs and dropped (evicted) runs. Measures memory and counts, not speed.
#
#   benchmarks/soak.sh                         full size (a few minutes on 2 cores)
#   benchmarks/soak.sh 200000 10 1000          smaller: runs, never-end-every, big-input-every
#   SOAK_HEAP=256m benchmarks/soak.sh          the maximum heap (default 512m)
#   benchmarks/soak.sh --skip-build ...        reuse callbacks-benchmarks/target/benchmarks.jar
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/callbacks-benchmarks/target/benchmarks.jar"
if [[ "${1:-}" == "--skip-build" ]]; then
  shift
else
  (cd "$ROOT" && ./mvnw -B -q -o -pl callbacks-benchmarks -am -DskipTests package)
fi
echo "java: $(java -version 2>&1 | head -1); cores: $(nproc); $(date -u '+%Y-%m-%d %H:%M UTC')"
exec java -Xmx"${SOAK_HEAP:-512m}" -cp "$JAR" dev.callbacks.benchmarks.SoakHarness "$@"
