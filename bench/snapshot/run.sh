#!/usr/bin/env bash
# Heavy reads beside light ones: timeline reads (wrk, 8 connections) while two analysts ask
# for the outcome report back to back, on one SQLite database, served in turn by a server
# from before this change (the report read inside the write transaction) and by this one
# (the report on a snapshot of its own). Prints the timeline's p50 and p99 under the
# reports for both, the ratio, the report's own time, and the report's time when served
# from the cache (a second look at unchanged data). The reports of the "after" run are
# never served from the cache (report_cache_mb 0): each reads and computes the whole
# report, as "before" does.
# The database: `regenpath demo` with --patients (at most 100,000; a few minutes per
# 5,000 on 2 shared cores), or an existing demo database (--db), grown --copies times by
# bench/snapshot/scale_sqlite.py (copies of its patients with their histories).
#
#   bench/snapshot/run.sh [--patients N | --db DEMO.db] [--copies K] [--seconds S] BEFORE_BIN AFTER_BIN
# BEFORE_BIN: a regenpath built from the commit before (e.g. git worktree + cmake --build
# --target regenpath); AFTER_BIN: this tree's. Needs wrk, curl and sqlite3 (python3's).
set -euo pipefail
patients=5000 seconds=20 copies=1 from=
while [ $# -gt 2 ]; do
  case "$1" in
    --patients) patients=$2; shift 2 ;;
    --db) from=$2; shift 2 ;;
    --copies) copies=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    *) break ;;
  esac
done
before=$1 after=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/rp-bench-snapshot.XXXXXX")
server=
stop() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap stop EXIT
password=Bench-pass-2026

start=$(date +%s)
if [ -n "$from" ]; then
  mkdir -p "$work/demo"
  cp "$from" "$work/demo/demo.db"
else
  "$after" demo --no-serve --patients "$patients" --data "$work/demo" >"$work/demo.json"
fi
patients=$(/usr/bin/python3 "$(dirname "$0")/scale_sqlite.py" "$work/demo/demo.db" "$copies")
for who in analyst:analyst coordinator:coordinator; do
  "$after" user add --db "$work/demo/demo.db" --username "bench.${who%%:*}" --role "${who##*:}" \
    --centre tehran-1 --password "$password" >/dev/null
done
echo "database: $patients patients (demo histories; built in $(($(date +%s) - start)) s): $(du -h "$work/demo/demo.db" | cut -f1)"

sign_in() {  # user jar
  curl -s -c "$2" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}" "$url/api/v1/auth/login" >/dev/null
}
ms() { awk -v t="$1" 'BEGIN { v = t + 0; if (t ~ /us$/) v /= 1000; else if (t ~ /[0-9]s$/) v *= 1000; printf "%.1f", v }'; }

serve() {  # binary label cache_mb: a server over a copy of the database, signed in
  cp "$work/demo/demo.db" "$work/$2.db"
  REGENPATH_LOG_LEVEL=warn REGENPATH_REPORT_CACHE_MB=$3 "$1" serve --port 0 --db "$work/$2.db" \
    >"$work/$2.out" 2>"$work/$2.err" &
  server=$!
  for _ in $(seq 1 100); do grep -q listening "$work/$2.out" 2>/dev/null && break; sleep 0.1; done
  url=$(sed 's/.*"listening":"\([^"]*\)".*/\1/' "$work/$2.out")
  sign_in bench.analyst "$work/analyst.jar"
  sign_in bench.coordinator "$work/coordinator.jar"
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }
report_s() { curl -s -o /dev/null -w '%{time_total}\n' -b "$work/analyst.jar" "$url/api/v1/reports/outcomes"; }

# Timeline reads under reports: prints "p50 p99 reports report_ms".
measure() {  # binary label
  serve "$1" "$2" 0
  cookie="rp_session=$(awk '$6 == "rp_session" {print $7}' "$work/coordinator.jar")"
  episode=$(curl -s -b "$work/coordinator.jar" "$url/api/v1/patients?state=follow_up&limit=1" |
    /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["episodes"][0]["id"])')
  printf 'wrk.headers["Cookie"] = "%s"\n' "$cookie" >"$work/read.lua"
  # Two analysts' reports back to back for as long as the timeline reads run.
  : >"$work/$2.reports"
  local loops=""
  for _ in 1 2; do
    (end=$(($(date +%s) + seconds + 1)); while [ "$(date +%s)" -lt "$end" ]; do report_s >>"$work/$2.reports"; done) &
    loops="$loops $!"
  done
  sleep 1
  # wrk's timeout above any wait here, so that a read held up is measured, not dropped.
  wrk -t1 -c8 -d"${seconds}s" --timeout 120s --latency -s "$work/read.lua" "$url/api/v1/episodes/$episode/timeline" >"$work/$2.wrk"
  for p in $loops; do wait "$p" || true; done
  stop_server
  echo "$(ms "$(awk '$1 == "50%" {print $2}' "$work/$2.wrk")") $(ms "$(awk '$1 == "99%" {print $2}' "$work/$2.wrk")")" \
    "$(awk '/requests in/ {print $1}' "$work/$2.wrk")" "$(wc -l <"$work/$2.reports")" \
    "$(sort -n "$work/$2.reports" | awk '{a[NR] = $1} END {printf "%.0f", a[int((NR + 1) / 2)] * 1000}')"
}

# A second look at unchanged data, served from the cache: prints "first_ms second_ms".
cached() {
  serve "$after" cached 64
  first=$(report_s)
  second=$(report_s)
  stop_server
  awk -v f="$first" -v s="$second" 'BEGIN { printf "%.0f %.1f\n", f * 1000, s * 1000 }'
}

read -r b50 b99 breads bn bms < <(measure "$before" before)
read -r a50 a99 areads an ams < <(measure "$after" after)
read -r first second < <(cached)
printf 'timeline reads (wrk, 8 connections) while two analysts ask for reports, %s s each:\n' "$seconds"
printf '  before (report inside the write transaction): p50 %s ms  p99 %s ms  (%s reads; %s reports, p50 %s ms)\n' \
  "$b50" "$b99" "$breads" "$bn" "$bms"
printf '  after  (report on its own snapshot):         p50 %s ms  p99 %s ms  (%s reads; %s reports, p50 %s ms)\n' \
  "$a50" "$a99" "$areads" "$an" "$ams"
# No read answered at all (each waited past the run's end) leaves no percentile to divide.
awk -v b="$b99" -v a="$a99" -v b5="$b50" -v a5="$a50" -v br="$breads" -v ar="$areads" -v s="$seconds" 'BEGIN {
  if (br == 0) printf "  ratio: no timeline read answered in %s s before, %s after (%.0f/s)\n", s, ar, ar / s
  else printf "  ratio before/after: p50 %.1fx  p99 %.1fx  reads %.1fx\n", b5 / a5, b / a, ar / br }'
printf 'report, first look %s ms; second look at unchanged data (cache) %s ms; ratio %s\n' "$first" "$second" \
  "$(awk -v f="$first" -v s="$second" 'BEGIN { printf "%.0fx", f / s }')"
