#!/bin/sh
# Builds and runs the outcome-report bench: 1,000,000 episodes, our full report against
# R survfit + survdiff on the same data. Usage: bench/outcomes/run.sh [BUILD_DIR] [bench args]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-bench}
[ $# -gt 0 ] && shift
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRP_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target bench_outcomes
exec "$build/bench/bench_outcomes" "$@"
