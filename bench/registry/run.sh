#!/usr/bin/env bash
# The registry bench: N treated hips (default 1,000,000) with their questionnaire scores,
# generated, loaded with COPY into a throw-away PostgreSQL 15 cluster migrated by
# `regenpath db migrate`, then the cross-centre report as the registry analyst reads it,
# beside a plain SQL aggregate on the same server and R (glm + survfit + coxph) on the
# same patients, in one run. Prints the load time, the time to store the report's derived
# rows after it, each figure and the ratios.
#
#   bench/registry/run.sh [--episodes N] [--runs R] [BUILD_DIR]
# Needs postgresql-15 (scripts/setup installs it) and, for the R figure, r-cran-survival.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
episodes=1000000 runs=3 build=$root/build-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --episodes) episodes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) build=$1; shift ;;
  esac
done
# An existing build folder (the tests' own, say) is used as it is configured.
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRP_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target bench_registry regenpath

pg=/usr/lib/postgresql/15/bin
work=$(mktemp -d "${TMPDIR:-/tmp}/rp-bench-registry.XXXXXX")
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$work"
  as_owner=(runuser -u postgres --)
fi
# RP_BENCH_KEEP=1 leaves the loaded cluster running (its URL printed) to study plans.
stop() {
  if [ "${RP_BENCH_KEEP:-}" = 1 ]; then echo "kept: $url (data in $work)"; return; fi
  [ -f "$work/data/postmaster.pid" ] && "${as_owner[@]}" "$pg/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap stop EXIT
url=
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_owner[@]}" "$pg/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
# A server tuned as a registry's would be for its size, not the tests' minimal one.
"${as_owner[@]}" "$pg/pg_ctl" -D "$work/data" -l "$work/server.log" -w -o "-p $port -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories=$work -c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB \
  -c max_wal_size=4GB -c max_parallel_workers_per_gather=2" start >/dev/null
url="postgresql://postgres@127.0.0.1:$port/registry"
"$pg/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE registry" postgres
"$build/regenpath" db migrate --db "$url" >/dev/null

data=$work/rows
mkdir -p "$data"
"$build/bench/bench_registry" emit --episodes "$episodes" --out "$data"
start=$(date +%s.%N)
for table in centres patients episodes episode_transitions schedule_items questionnaire_responses response_scores; do
  columns=$(head -1 "$data/$table.csv")
  "$pg/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d registry -v ON_ERROR_STOP=1 \
    -c "COPY $table ($columns) FROM STDIN (FORMAT csv, HEADER true)" <"$data/$table.csv"
done
"$pg/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d registry -c "ANALYZE"
load=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "loaded them with COPY in $load s (indexes, foreign keys and the outcome rows' stale marks), then ANALYZE"
# The outcome report's derived rows (migration 0019) of every joint the load marked stale,
# as `db migrate` stores them after an upgrade: once, before the first report.
start=$(date +%s.%N)
"$build/regenpath" db migrate --db "$url" >/dev/null
"$pg/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d registry -c "ANALYZE outcome_joints"
fill=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "stored the outcome rows of every joint in $fill s (regenpath db migrate)"
"$build/bench/bench_registry" measure --db "$url" --peer "$data/peer.csv" --runs "$runs"
