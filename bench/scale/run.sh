#!/usr/bin/env bash
# The scale bench (issue 16): a clinic network of N patients (default 1,000,000 across 20
# centres) generated with their histories straight into the store, then a mixed day of
# searches, timelines, worklists, questionnaire submissions and one outcome report a
# minute from K clinicians over real HTTP on loopback, against `regenpath serve` on the
# generated database and, in the same run, against the demo database; prints p50/p99 per
# kind of request, requests/s, the server's CPU per request and RSS, side by side with the
# goals.
#
#   bench/scale/run.sh [--patients N] [--db sqlite|pg] [--seconds D] [--clients K] [--rate R]
#                      [--centres C] [--seed S] [--report-every S] [--check] [BUILD_DIR]
#
# --rate R paces the clients to R requests/s in all, the latencies then those of a server
# with room to spare; without it each client asks again as soon as it is answered, which
# measures throughput and CPU per request (the latencies mostly queueing on 2 cores).
# --report-every 0 leaves the outcome report out (default: one a minute, the first at
# a tenth of that), to see the other kinds without it.
# --check runs `regenpath db check` on the generated database before the day (the audit
# chain and every record's content hash, which takes a while at a million patients).
#
# SQLite: the generated file is kept under BUILD_DIR/scale-data and reused by later runs
# with the same N, C and S (the day's submissions add to it; delete it to start afresh).
# PostgreSQL (--db pg): a throw-away cluster (postgresql-15, as bench/registry/run.sh),
# generated on every run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
patients=1000000 engine=sqlite seconds=60 clients=8 rate=0 centres=20 seed=1 report_every=60 check=0 build=$root/build-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) patients=$2; shift 2 ;;
    --db) engine=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --centres) centres=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --report-every) report_every=$2; shift 2 ;;
    --check) check=1; shift ;;
    *) build=$1; shift ;;
  esac
done
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRP_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target regenpath bench_scale_generate bench_scale_load
build=$(cd "$build" && pwd)
bin=$build/regenpath
work=$(mktemp -d "${TMPDIR:-/tmp}/rp-bench-scale.XXXXXX")
# The server keeps a PostgreSQL database's audit anchors under ./regenpath-data, named by
# the database: working in the run's own folder, a throw-away cluster's never meet another's.
cd "$work"
server=
pg=/usr/lib/postgresql/15/bin
as_owner=()
stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  server=
}
cleanup() {
  stop_server
  [ -f "$work/pg/postmaster.pid" ] && "${as_owner[@]}" "$pg/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_listening() {
  for _ in $(seq 1 600); do grep -q listening "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "the server did not start: $(tail -5 "$1" "$2")" >&2
  return 1
}
load() { # label port pid out staff... -- analyst
  local label=$1 port=$2 pid=$3 out=$4
  shift 4
  "$build/bench/bench_scale_load" run --port "$port" --server-pid "$pid" --seconds "$seconds" --clients "$clients" \
    --rate "$rate" \
    --report-every "$report_every" --label "$label" --out "$out" "$@"
}

# --- the generated database -------------------------------------------------------
password=scalebench2026staff
if [ "$engine" = pg ]; then
  [ "$(id -u)" = 0 ] && { chown postgres: "$work"; as_owner=(runuser -u postgres --); }
  pg_port=$(free_port)
  "${as_owner[@]}" "$pg/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
  "${as_owner[@]}" "$pg/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $pg_port -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories=$work -c shared_buffers=256MB -c max_wal_size=4GB" start >/dev/null
  "$pg/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE scale" postgres
  db="postgresql://postgres@127.0.0.1:$pg_port/scale"
  fresh=1
else
  data=$build/scale-data
  mkdir -p "$data"
  file=$data/scale-$patients-c$centres-s$seed.db
  db=sqlite:$file
  fresh=0
  [ -f "$file.generated" ] || { rm -f "$file" "$file"-*; fresh=1; }
fi
if [ "$fresh" = 1 ]; then
  "$bin" db migrate --db "$db" >/dev/null
  "$build/bench/bench_scale_generate" --db "$db" --patients "$patients" --centres "$centres" --seed "$seed" \
    --password "$password" | tee "$work/generate.txt"
  [ "$engine" = pg ] || date -u +%F >"$file.generated"
else
  echo "reusing $file (generated on $(cat "$file.generated"))"
fi
if [ "$check" = 1 ]; then
  "$bin" db check --db "$db"
  echo
fi

# --- the demo database, then the generated one, the same day's load on each -----------
port=$(free_port)
REGENPATH_LOG_LEVEL=warn "$bin" demo --data "$work/demo" --port "$port" >"$work/demo.out" 2>"$work/demo.err" &
server=$!
wait_listening "$work/demo.out" "$work/demo.err"
pass() { awk -v u="$1" '$1 == u {print $2}' "$work/demo.err"; }
load "demo database" "$port" "$server" "$work/demo.json" \
  --staff "coordinator.tehran-1:$(pass coordinator.tehran-1)" --staff "coordinator.mashhad-1:$(pass coordinator.mashhad-1)" \
  --staff "surgeon.tehran-1:$(pass surgeon.tehran-1)" --staff "surgeon.mashhad-1:$(pass surgeon.mashhad-1)" \
  --analyst "analyst.tehran-1:$(pass analyst.tehran-1)"
stop_server

port=$(free_port)
REGENPATH_LOG_LEVEL=warn "$bin" serve --db "$db" --port "$port" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
wait_listening "$work/serve.out" "$work/serve.err"
load "generated database ($patients patients, $engine)" "$port" "$server" "$work/scale.json" \
  --staff "coordinator.tehran-1:$password" --staff "coordinator.mashhad-1:$password" \
  --staff "surgeon.isfahan-1:$password" --staff "surgeon.shiraz-1:$password" \
  --analyst "analyst.tehran-1:$password"
stop_server

"$build/bench/bench_scale_load" compare --demo "$work/demo.json" --scale "$work/scale.json" --patients "$patients"
echo "($(nproc) cores; $clients clients for $seconds s on each database; sync probe: $(python3 -c "
import os,time
f=os.open('$work/probe',os.O_WRONLY|os.O_CREAT); t=[]
for i in range(50):
  os.write(f,b'x'*512); s=time.perf_counter(); os.fsync(f); t.append(time.perf_counter()-s)
t.sort(); print('%.2f ms median fsync' % (t[len(t)//2]*1000))"))"
