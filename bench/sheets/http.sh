#!/usr/bin/env bash
# Spreadsheet exports over HTTP at a large clinic's size, beside the command line's in the
# same run: bench/scale's generator writes N patients (default 100,000) into one centre;
# then, for the centre's records as CSV and as XLSX and for the registry's de-identified
# tables as CSV (and as NDJSON: `export deidentified --format ndjson` beside GET
# /api/v1/registry/export, answered at once from temporary files), the command line's time
# and peak memory, and over HTTP (a served copy of
# the same store) the time from the ask to the last byte of the last file, the server's
# peak memory, and the latency of a patient read (an audited write) made every 50 ms by
# another user while the export is made and downloaded, beside the same read's on the idle
# server. A request that waited on the export would show in that p99.
#
#   bench/sheets/http.sh [--patients N] [BUILD]      BUILD: the build folder (default build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
patients=100000 build=$root/build
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) patients=$2; shift 2 ;;
    *) build=$1; shift ;;
  esac
done
cmake --build "$build" -j2 --target regenpath bench_scale_generate >/dev/null
bin=$build/regenpath
work=$(mktemp -d "${TMPDIR:-/tmp}/rp-bench-sheets-http.XXXXXX")
serve_pid=
cleanup() {
  if [ -n "$serve_pid" ]; then
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "generating $patients patients in one centre (bench/scale's generator) ..."
"$build/bench/bench_scale_generate" --db "sqlite:$work/clinic.db" --patients "$patients" --centres 1 --seed 1 >/dev/null

seconds_and_kb() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null && cat "$work/time"; }
read -r cli_csv_s cli_csv_kb < <(seconds_and_kb "$bin" export records --db "$work/clinic.db" --out "$work/cli-csv" --centre tehran-1 --format csv)
read -r cli_xlsx_s cli_xlsx_kb < <(seconds_and_kb "$bin" export records --db "$work/clinic.db" --out "$work/cli-xlsx" --centre tehran-1 --format xlsx)
read -r cli_deid_s cli_deid_kb < <(seconds_and_kb "$bin" export deidentified --db "$work/clinic.db" --out "$work/cli-deid" --format csv)
read -r cli_nd_s cli_nd_kb < <(seconds_and_kb "$bin" export deidentified --db "$work/clinic.db" --out "$work/cli-nd" --format ndjson)
rm -rf "$work"/cli-*

port=18291
REGENPATH_LOG_LEVEL=warn "$bin" serve --db "$work/clinic.db" --port $port >"$work/serve.out" 2>&1 &
serve_pid=$!
for i in $(seq 1 150); do curl -s -o /dev/null http://127.0.0.1:$port/healthz && break; sleep 0.2; done

cat >"$work/client.py" <<'PY'
# One export over HTTP: signs in, asks, polls, downloads every file (counting its bytes);
# meanwhile another user reads a patient every 50 ms. Prints the seconds from the ask to
# the last byte, the bytes, and the reads' p50 and p99 in ms while it ran and while idle.
import http.client, json, sys, threading, time
port, who, password, body = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
encoding = sys.argv[5] if len(sys.argv) > 5 else "identity"  # gzip: asked as a browser asks
def session(username):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    c.request("POST", "/api/v1/auth/login", json.dumps({"username": username, "password": password}),
              {"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    cookie = "; ".join(h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie")
    csrf = next((h.split("=", 1)[1].split(";")[0] for k, h in r.getheaders()
                 if k.lower() == "set-cookie" and h.startswith("rp_csrf=")), "")
    return c, {"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json"}
def ask(conn, headers, method, path, body=None):
    conn.request(method, path, body, headers); r = conn.getresponse(); return r, r.read()
reader, reader_h = session("coordinator.tehran-1")
def reads(seconds, stop=None):
    out = []
    end = time.monotonic() + seconds
    while (stop is None and time.monotonic() < end) or (stop is not None and not stop.is_set()):
        t = time.monotonic()
        r, _ = ask(reader, reader_h, "GET", "/api/v1/patients/%d" % (1 + len(out) % 20))
        out.append((time.monotonic() - t) * 1000)
        time.sleep(0.05)
    return sorted(out)
pct = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("nan")
reads(2)  # warm: the first reads of the 20 patients read fill the caches
idle = reads(3)
conn, h = session(who)
h["Accept-Encoding"] = encoding
busy, stop = [], threading.Event()
t = threading.Thread(target=lambda: busy.extend(reads(0, stop))); t.start()
start = time.monotonic()
if body.startswith("/"):  # a path answered at once (the registry's NDJSON), not an export to ask for
    urls = [body]
else:
    r, b = ask(conn, h, "POST", "/api/v1/exports", body)
    if r.status != 202: sys.exit("the ask answered %d %s" % (r.status, b[:300]))
    eid = json.loads(b)["id"]
    while True:
        r, b = ask(conn, h, "GET", "/api/v1/exports/" + eid)
        st = json.loads(b)
        if st["state"] != "running": break
        time.sleep(0.2)
    if st["state"] != "done": sys.exit("the export failed: " + st["error"])
    urls = [f["url"] for f in st["files"]]
total = 0
for url in urls:
    conn.request("GET", url, headers=h); r = conn.getresponse()
    if r.status != 200: sys.exit("%s answered %d" % (url, r.status))
    while True:
        chunk = r.read(1 << 16)
        if not chunk: break
        total += len(chunk)
seconds = time.monotonic() - start
stop.set(); t.join(); busy.sort()
print("%.2f %d %.1f %.1f %.1f %.1f" % (seconds, total, pct(idle, .5), pct(idle, .99), pct(busy, .5), pct(busy, .99)))
PY
rss_kb() { awk "/$1/ {print \$2}" /proc/$serve_pid/status; }
printf '%-20s %10s %10s %10s %8s %10s %10s %12s %12s\n' export "cli s" "cli MB" "http s" "http/cli" "file MB" "server MB" "read p99 idle" "p99 during"
row() {  # name cli_s cli_kb who body [encoding]
  local out
  if ! out=$(python3 "$work/client.py" $port "$4" scalebench2026staff "$5" "${6:-identity}" 2>"$work/client.err"); then
    printf '%-20s %10.2f %10.1f   failed over HTTP: %s\n' "$1" "$2" "$(($3 / 1024))" "$(tail -1 "$work/client.err")"
    return
  fi
  read -r hs bytes ip50 ip99 bp50 bp99 <<<"$out"
  awk -v n="$1" -v cs="$2" -v ck="$3" -v hs="$hs" -v by="$bytes" -v sk="$(rss_kb VmHWM)" -v ip="$ip99" -v bp="$bp99" \
    'BEGIN { printf "%-20s %10.2f %10.1f %10.2f %8.2f %10.1f %10.1f %12.1f %12.1f\n", n, cs, ck / 1024, hs, hs / cs, by / 1048576, sk / 1024, ip, bp }'
}
echo "server RSS before any export: $(( $(rss_kb VmRSS) / 1024 )) MB"
row "records csv" "$cli_csv_s" "$cli_csv_kb" admin.tehran-1 '{"kind":"records","format":"csv"}'
row "records xlsx" "$cli_xlsx_s" "$cli_xlsx_kb" admin.tehran-1 '{"kind":"records","format":"xlsx"}'
row "de-identified csv" "$cli_deid_s" "$cli_deid_kb" analyst.tehran-1 '{"kind":"deidentified","format":"csv"}'
row "registry ndjson" "$cli_nd_s" "$cli_nd_kb" analyst.tehran-1 /api/v1/registry/export
row "registry ndjson gz" "$cli_nd_s" "$cli_nd_kb" analyst.tehran-1 /api/v1/registry/export gzip
echo "(server MB: the server's peak resident memory so far; read p99: ms of GET /api/v1/patients/{id} by another user;"
echo " file MB: the bytes sent, the gzip row's compressed as it was made)"
