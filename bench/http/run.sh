#!/bin/sh
# Whole-system HTTP bench: our server beside nginx (a static 600-byte JSON file) and
# Orthanc (GET /patients/{id}), all on loopback, wrk with 64 connections, 15 s each.
# Prints each figure, the peer's, and the ratio; and the idle server's RSS.
# Orthanc binds every interface, so it runs inside a private network namespace holding
# only loopback (unshare --net), with its wrk client inside too.
# The timeline is read twice: (b) as a browser asks for it (Accept-Encoding: gzip, so the
# kept gzip form goes out), and (b') by a client that asks for no coding (the whole JSON).
# (b) and nginx's (c) take turns, ROUNDS rounds of DUR/ROUNDS seconds each (15 s each in
# all): on a shared machine the rate drifts by a quarter within a minute, and taking
# turns lets the drift fall on both alike. Each figure is its requests over its seconds.
# Usage: bench/http/run.sh [BUILD_DIR]   (needs wrk, nginx, Orthanc: deps/debian-packages.txt)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build-http}
BIN=$BUILD/regenpath
DUR=${DUR:-15}
ROUNDS=${ROUNDS:-3}
ROUND_S=$((DUR / ROUNDS))
T=$(mktemp -d /tmp/rp-bench-http.XXXXXX)
PIDS=""
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null || true; done; sleep 0.5; rm -rf "$T"; }
trap cleanup EXIT INT TERM

# A file may hold several wrk runs (rounds): the rate is all their requests over all
# their seconds, the p99 the highest of theirs.
rate() { awk '/requests in/ {n += $1; s += $4 + 0} END {printf "%.2f", n / s}' "$1"; }
p99() {
  awk '/ 99%/ {v = $2 + 0; if ($2 ~ /us$/) v /= 1000; else if ($2 ~ /[0-9]s$/) v *= 1000; if (v > m) m = v}
       END {printf "%.2fms", m}' "$1"
}
requests() { awk '/requests in/ {n += $1} END {print n}' "$1"; }

# --- ours: the demo database, the server on its own port ---------------------------
PORT=18181
REGENPATH_WORKERS=${WORKERS:-64} REGENPATH_LOG_LEVEL=warn "$BIN" demo --data "$T/demo" --port $PORT >"$T/demo.out" 2>"$T/demo.err" &
PIDS="$PIDS $!"
for i in $(seq 1 100); do grep -q listening "$T/demo.out" 2>/dev/null && break; sleep 0.2; done
SERVER_PID=$(pgrep -n -f "$BIN demo --data $T/demo" || true)
sleep 2
RSS_IDLE=$(awk '/VmRSS/ {print $2}' /proc/"$SERVER_PID"/status)
PASS=$(awk '$1 == "coordinator.tehran-1" {print $2}' "$T/demo.err")
URL=http://127.0.0.1:$PORT
curl -s -c "$T/cj" -H 'Content-Type: application/json' \
  -d "{\"username\":\"coordinator.tehran-1\",\"password\":\"$PASS\"}" $URL/api/v1/auth/login >"$T/login.json"
CSRF=$(sed 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/' "$T/login.json")
COOKIE="rp_session=$(awk '$6 == "rp_session" {print $7}' "$T/cj")"
# Reads go to one follow-up episode, submissions to another, so the timeline read keeps
# its real size (40 items) however many submissions the write bench stores.
follow_up_episode() {
  P=$(curl -s -b "$T/cj" "$URL/api/v1/patients?state=follow_up&limit=2" | python3 -c "import json,sys; print(json.load(sys.stdin)[$1]['id'])")
  curl -s -b "$T/cj" "$URL/api/v1/patients/$P" | python3 -c 'import json,sys; print(json.load(sys.stdin)["episodes"][0]["id"])'
}
EP=$(follow_up_episode 0)
EP_WRITE=$(follow_up_episode 1)
ITEMS=$(curl -s -b "$T/cj" "$URL/api/v1/episodes/$EP/timeline" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(len(j["schedule"])+len(j["transitions"]))')
BYTES=$(curl -s -b "$T/cj" "$URL/api/v1/episodes/$EP/timeline" | wc -c)
BROWSER_CODINGS="gzip, deflate, br"
BYTES_GZIP=$(curl -s -b "$T/cj" -H "Accept-Encoding: $BROWSER_CODINGS" "$URL/api/v1/episodes/$EP/timeline" | wc -c)

cat >"$T/submit.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "$COOKIE"
wrk.headers["X-CSRF-Token"] = "$CSRF"
wrk.body = '{"instrument":"nrs","item_id":"prom-2w","answers":{"pain_rest":2,"pain_activity":4}}'
LUA
cat >"$T/read.lua" <<LUA
wrk.headers["Cookie"] = "$COOKIE"
wrk.headers["Accept-Encoding"] = "$BROWSER_CODINGS"
LUA
cat >"$T/read-identity.lua" <<LUA
wrk.headers["Cookie"] = "$COOKIE"
LUA
# --- nginx: a static 600-byte JSON file ---------------------------------------------
mkdir -p "$T/www" "$T/nginx"
python3 -c "
import json
base = json.dumps({'id': 'p-1', 'pad': ''})
open('$T/www/record.json', 'w').write(json.dumps({'id': 'p-1', 'pad': 'x' * (600 - len(base))}))"
cat >"$T/nginx/nginx.conf" <<NGX
worker_processes 2;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:18182; root $T/www; }
}
NGX
nginx -c "$T/nginx/nginx.conf" -p "$T/nginx" &
sleep 1
PIDS="$PIDS $(cat "$T/nginx/nginx.pid")"

# A sync probe from this run: fsync latency on these machines is bimodal.
PROBE=$(python3 -c "
import os,time
f=os.open('$T/probe',os.O_WRONLY|os.O_CREAT); t=[]
for i in range(50):
  os.write(f,b'x'*512); s=time.perf_counter(); os.fsync(f); t.append(time.perf_counter()-s)
t.sort(); print('%.2f' % (t[len(t)//2]*1000))")
# Server CPU per request (user + system, from /proc): unlike req/s it hardly moves with
# what else the shared machine is running.
cpu_ticks() { awk '{print $14 + $15}' /proc/"$SERVER_PID"/stat; }
per_request() { python3 -c "print('%.0f' % (($2 - $1) * 1e6 / $(getconf CLK_TCK) / $(requests "$3")))"; }
# (b) and (c) in turns; our CPU counted over (b)'s rounds only.
CPU_B_TICKS=0
: >"$T/b.txt"
: >"$T/c.txt"
for round in $(seq 1 "$ROUNDS"); do
  C0=$(cpu_ticks)
  wrk -t2 -c64 -d${ROUND_S}s --latency -s "$T/read.lua" "$URL/api/v1/episodes/$EP/timeline" >>"$T/b.txt"
  C1=$(cpu_ticks)
  CPU_B_TICKS=$((CPU_B_TICKS + C1 - C0))
  wrk -t2 -c64 -d${ROUND_S}s --latency http://127.0.0.1:18182/record.json >>"$T/c.txt"
done
kill "$(cat "$T/nginx/nginx.pid")" 2>/dev/null || true
C1=$(cpu_ticks)
wrk -t2 -c64 -d${DUR}s --latency -s "$T/read-identity.lua" "$URL/api/v1/episodes/$EP/timeline" >"$T/b0.txt"
C1b=$(cpu_ticks)
wrk -t2 -c64 -d${DUR}s --latency -s "$T/submit.lua" "$URL/api/v1/episodes/$EP_WRITE/questionnaires" >"$T/a.txt"
C2=$(cpu_ticks)
CPU_B=$(per_request 0 "$CPU_B_TICKS" "$T/b.txt")
CPU_B0=$(per_request "$C1" "$C1b" "$T/b0.txt")
CPU_A=$(per_request "$C1b" "$C2" "$T/a.txt")
STATUS_A=$(grep -c "Non-2xx" "$T/a.txt" || true)
COMMITS=$(curl -s $URL/metrics | awk '/^regenpath_store_commits_total/ {c=$2} /^regenpath_store_writes_total/ {w=$2} END {printf "%.1f", w/c}')

# --- Orthanc: GET /patients/{id}, inside a loopback-only namespace -------------------
python3 "$ROOT/bench/http/make_dicom.py" "$T/bench.dcm"
mkdir -p "$T/orthanc-db"
cat >"$T/orthanc.json" <<OJ
{ "Name": "bench", "StorageDirectory": "$T/orthanc-db", "IndexDirectory": "$T/orthanc-db",
  "HttpPort": 18183, "DicomServerEnabled": false, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "Plugins": [], "HttpDescribeErrors": false }
OJ
unshare --net sh -c "
  ip link set lo up
  Orthanc --logdir=$T $T/orthanc.json >/dev/null 2>&1 &
  OP=\$!
  for i in \$(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:18183/system && break; sleep 0.2; done
  PID=\$(curl -s -X POST --data-binary @$T/bench.dcm http://127.0.0.1:18183/instances | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"ParentPatient\"])')
  curl -s http://127.0.0.1:18183/patients/\$PID | wc -c > $T/orthanc-bytes
  wrk -t2 -c64 -d${DUR}s --latency http://127.0.0.1:18183/patients/\$PID > $T/d.txt
  kill \$OP
"

A=$(rate "$T/a.txt"); B=$(rate "$T/b.txt"); B0=$(rate "$T/b0.txt"); C=$(rate "$T/c.txt"); D=$(rate "$T/d.txt")
echo "regenpath HTTP bench (wrk -t2 -c64 -d${DUR}s, 127.0.0.1, $(nproc) cores; (b) and (c) in $ROUNDS turns of ${ROUND_S}s)"
echo "fsync probe this run: median $PROBE ms; writes per group commit: $COMMITS"
printf '(a) questionnaire submit (validate, score, durable write, audit): %10s req/s  p99 %s  non-2xx lines: %s  server CPU %s us/request\n' "$A" "$(p99 "$T/a.txt")" "$STATUS_A" "$CPU_A"
printf '(b) episode timeline read (%s items, %s bytes as gzip, audited): %8s req/s  p99 %s  server CPU %s us/request\n' "$ITEMS" "$BYTES_GZIP" "$B" "$(p99 "$T/b.txt")" "$CPU_B"
printf "(b') the same, no coding asked (%s bytes of JSON):             %10s req/s  p99 %s  server CPU %s us/request\n" "$BYTES" "$B0" "$(p99 "$T/b0.txt")" "$CPU_B0"
printf '(c) nginx static 600-byte JSON:                                %10s req/s  p99 %s\n' "$C" "$(p99 "$T/c.txt")"
printf '(d) Orthanc GET /patients/{id} (%s bytes):                     %10s req/s  p99 %s\n' "$(cat "$T/orthanc-bytes")" "$D" "$(p99 "$T/d.txt")"
python3 -c "print('ratios: (b)/(c) nginx = %.2f   (b)/(d) Orthanc = %.2f   (a)/(d) = %.2f' % ($B/$C, $B/$D, $A/$D))"
python3 -c "print(\"        (b')/(c) nginx = %.2f  (b')/(d) Orthanc = %.2f\" % ($B0/$C, $B0/$D))"
echo "idle server RSS: $((RSS_IDLE / 1024)) MB"
