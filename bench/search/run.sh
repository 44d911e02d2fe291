#!/bin/sh
# Builds and runs the patient search bench: a SQLite file of 200,000 patients (one centre)
# written by SQL, then searches by national id, mobile, record number and name fragments,
# ours beside the search as it was before migration 0018 on the same file, p50 and p99 and
# the ratio. Usage: bench/search/run.sh [BUILD_DIR] [--patients N] [--queries Q] [--centres C]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-bench}
[ $# -gt 0 ] && shift
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRP_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target bench_search
exec "$build/bench/bench_search" "$@"
