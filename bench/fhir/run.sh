#!/usr/bin/env bash
# FHIR bulk exchange bench (issue 20): a clinic of N patients (default 100,000 across 20
# centres, with their histories: bench/scale's generator) exported as FHIR R4 NDJSON
# (`regenpath fhir export`) and imported into an empty store (`regenpath fhir import`),
# resources per second and peak memory of each; beside, in the same run, Orthanc's rate of
# taking in DICOM instances (POST /instances, one keep-alive connection, inside a
# loopback-only network namespace: Orthanc binds every interface), and the ratios.
# Goals: export of 1,000,000 resources in under 10 s; import and export >= 100x Orthanc's
# instances per second.
# Usage: bench/fhir/run.sh [--patients N] [--instances M] [BUILD_DIR]
#   (needs Orthanc and python3: deps/debian-packages.txt; BUILD_DIR defaults to build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
patients=100000
instances=2000
build=$root/build
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) patients=$2; shift 2 ;;
    --instances) instances=$2; shift 2 ;;
    *) build=$1; shift ;;
  esac
done
cmake --build "$build" -j2 --target regenpath bench_scale_generate >/dev/null
bin=$build/regenpath
work=$(mktemp -d "${TMPDIR:-/tmp}/rp-bench-fhir.XXXXXX")
trap 'rm -rf "$work"' EXIT

seconds_and_kb() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" && cat "$work/time"; }
resources() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(d[sys.argv[2]].values()) if sys.argv[2] != 'files' else sum(f['resources'] for f in d['files']))" "$@"; }

echo "generating $patients patients (bench/scale's generator) ..."
"$build/bench/bench_scale_generate" --db "sqlite:$work/clinic.db" --patients "$patients" --centres 20 --seed 1 >/dev/null
read -r export_s export_kb < <(seconds_and_kb "$bin" fhir export --db "$work/clinic.db" --out "$work/ndjson")
cp "$work/out" "$work/export.json"
exported=$(resources "$work/export.json" files)
"$bin" db migrate --db "$work/empty.db" >/dev/null
read -r import_s import_kb < <(seconds_and_kb "$bin" fhir import --db "$work/empty.db" --in "$work/ndjson")
cp "$work/out" "$work/import.json"
imported=$(resources "$work/import.json" created)

# --- the Bulk Data $export over HTTP of one centre, beside the command line's of the same centre
# The registry's de-identified export as FHIR (every centre; its first run draws the
# pseudonyms and shifts, a write, as an analyst's first export does).
read -r registry_s registry_kb < <(seconds_and_kb "$bin" fhir export --db "$work/clinic.db" --out "$work/registry" --deidentified)
cp "$work/out" "$work/registry.json"
registry_resources=$(resources "$work/registry.json" files)

read -r centre_s centre_kb < <(seconds_and_kb "$bin" fhir export --db "$work/clinic.db" --out "$work/centre" --centre tehran-1)
cp "$work/out" "$work/centre.json"
centre_resources=$(resources "$work/centre.json" files)
REGENPATH_LOG_LEVEL=warn "$bin" serve --db "$work/clinic.db" --port 18284 >"$work/serve.out" 2>&1 &
serve_pid=$!
for i in $(seq 1 150); do curl -s -o /dev/null http://127.0.0.1:18284/healthz && break; sleep 0.2; done
cat >"$work/bulk.py" <<'PY2'
# Signs in as the centre's admin, kicks the export off, polls its status, downloads every
# file of the manifest; prints the resources and the seconds from kick-off to the last byte.
import http.client, json, sys, time
conn = http.client.HTTPConnection("127.0.0.1", 18284)
def ask(method, path, body=None, headers={}):
    conn.request(method, path, body, headers); r = conn.getresponse(); return r, r.read()
r, b = ask("POST", "/api/v1/auth/login", json.dumps({"username": "admin.tehran-1", "password": sys.argv[1]}),
           {"Content-Type": "application/json"})
cookie = "; ".join(c.split(";")[0] for k, c in r.getheaders() if k.lower() == "set-cookie")
start = time.monotonic()
r, b = ask("GET", "/fhir/r4/$export", headers={"Cookie": cookie, "Prefer": "respond-async"})
if r.status != 202: sys.exit("kick-off answered %d %s" % (r.status, b[:200]))
status = r.getheader("Content-Location").split("18284", 1)[1]
while True:
    r, b = ask("GET", status, headers={"Cookie": cookie})
    if r.status == 200: break
    if r.status != 202: sys.exit("status answered %d %s" % (r.status, b[:200]))
    time.sleep(0.1)
count = 0
for f in json.loads(b)["output"]:
    r, b = ask("GET", f["url"].split("18284", 1)[1], headers={"Cookie": cookie})
    count += b.count(b"\n")
print(count, "%.2f" % (time.monotonic() - start))
PY2
read -r http_resources http_s < <(python3 "$work/bulk.py" scalebench2026staff)
http_kb=$(awk '/VmHWM/ {print $2}' /proc/$serve_pid/status)
kill $serve_pid

# --- Orthanc: POST /instances, M distinct instances of one small DICOM file -------------
python3 "$root/bench/http/make_dicom.py" "$work/one.dcm"
mkdir -p "$work/orthanc-db"
cat >"$work/orthanc.json" <<OJ
{ "Name": "bench", "StorageDirectory": "$work/orthanc-db", "IndexDirectory": "$work/orthanc-db",
  "HttpPort": 18283, "DicomServerEnabled": false, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "Plugins": [], "HttpDescribeErrors": false }
OJ
cat >"$work/upload.py" <<'PY'
# Posts M copies of one DICOM file, each with its own SOP instance UID, over one
# keep-alive connection; prints instances per second.
import http.client, sys, time
data, count = open(sys.argv[1], "rb").read(), int(sys.argv[2])
old = b"1.2.826.0.1.3680043.8.498.1.4"
conn = http.client.HTTPConnection("127.0.0.1", 18283)
start = time.monotonic()
for i in range(count):
    uid = ("1.2.826.0.1.3680043.8.498.9.%06d" % i).encode()  # as long as the old one, no re-padding
    body = data.replace(old, uid[: len(old)].ljust(len(old), b"0"))
    conn.request("POST", "/instances", body, {"Content-Type": "application/dicom"})
    r = conn.getresponse(); r.read()
    if r.status != 200: sys.exit("Orthanc answered %d" % r.status)
print("%.1f" % (count / (time.monotonic() - start)))
PY
orthanc_rate=$(unshare --net sh -c "
  ip link set lo up
  Orthanc --logdir=$work $work/orthanc.json >/dev/null 2>&1 &
  OP=\$!
  for i in \$(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:18283/system && break; sleep 0.2; done
  python3 $work/upload.py $work/one.dcm $instances
  kill \$OP
")

python3 - "$patients" "$exported" "$export_s" "$export_kb" "$imported" "$import_s" "$import_kb" "$orthanc_rate" "$instances" \
  "$centre_resources" "$centre_s" "$http_resources" "$http_s" "$http_kb" "$registry_resources" "$registry_s" "$registry_kb" <<'PY'
import sys
patients, exported, export_s, export_kb, imported, import_s, import_kb, orthanc, instances = sys.argv[1:10]
centre_resources, centre_s, http_resources, http_s, http_kb, registry_resources, registry_s, registry_kb = sys.argv[10:]
exported, imported = int(exported), int(imported)
export_s, import_s, orthanc = float(export_s), float(import_s), float(orthanc)
er, ir = exported / export_s, imported / import_s
print(f"regenpath FHIR bulk bench: {patients} patients, SQLite, one process each")
print(f"export: {exported} resources in {export_s:.1f} s = {er:,.0f} resources/s, peak RSS {int(export_kb)//1024} MB"
      f"  (1,000,000 resources would take {1e6/er:.1f} s; goal < 10 s)")
print(f"import: {imported} resources made records in {import_s:.1f} s = {ir:,.0f} resources/s, peak RSS {int(import_kb)//1024} MB")
print(f"Orthanc POST /instances ({instances} instances, one connection): {orthanc:,.1f} instances/s")
print(f"ratios: export/Orthanc = {er/orthanc:.0f}x   import/Orthanc = {ir/orthanc:.0f}x   (goal >= 100x)")
rr = int(registry_resources) / float(registry_s)
print(f"registry (de-identified, every centre): {int(registry_resources)} resources in {float(registry_s):.1f} s = "
      f"{rr:,.0f} resources/s, peak RSS {int(registry_kb)//1024} MB; /Orthanc = {rr/orthanc:.0f}x, "
      f"/identified export = {rr/er:.2f}")
cr, hr = int(centre_resources) / float(centre_s), int(http_resources) / float(http_s)
print(f"one centre (tehran-1): command line {int(centre_resources)} resources in {float(centre_s):.1f} s = {cr:,.0f}/s; "
      f"HTTP $export (kick-off to the last file's last byte) {int(http_resources)} in {float(http_s):.1f} s = {hr:,.0f}/s, "
      f"server peak RSS {int(http_kb)//1024} MB; HTTP/command line = {hr/cr:.2f}, HTTP/Orthanc = {hr/orthanc:.0f}x")
PY
