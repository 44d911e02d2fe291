#!/usr/bin/env bash
# The records export's memory does not grow with the clinic: `regenpath export records` on a
# demo clinic of N patients and on one of N/10, each as CSV and XLSX (long and wide), with
# the wall time and peak resident memory of each (/usr/bin/time -v) and the ratio of the
# large clinic's peak to the small one's. The rows are written as each patient is read
# (CSV appended, XLSX in libxlsxwriter's constant-memory mode), so the ratio should stay
# near 1 while the times grow about tenfold.
#
#   bench/sheets/run.sh [--patients N] [--large DEMO.db --small DEMO.db] [REGENPATH]
# The demo clinics are made with `regenpath demo --no-serve --today 2026-11-24` (about 90 s
# per 10,000 patients on 2 cores) unless --large and --small name existing ones. Past
# 10,000 patients (N = 100000) the large clinic is the 10,000-patient demo grown N/10,000
# times by bench/snapshot/scale_sqlite.py (its patients copied with their histories; cell
# products are not copied): the demo's own generator refuses a clinic of some 17,000
# patients (two of its national ids collide).
# REGENPATH: the binary (default build/regenpath).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
patients=10000 large= small=
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) patients=$2; shift 2 ;;
    --large) large=$2; shift 2 ;;
    --small) small=$2; shift 2 ;;
    *) break ;;
  esac
done
bin=${1:-$root/build/regenpath}
work=$(mktemp -d "${TMPDIR:-/tmp}/rp-bench-sheets.XXXXXX")
trap 'rm -rf "$work"' EXIT

make_demo() {  # patients folder
  local start
  start=$(date +%s)
  "$bin" demo --no-serve --patients "$1" --today 2026-11-24 --data "$2" >/dev/null
  echo "demo of $1 patients made in $(($(date +%s) - start)) s: $(du -h "$2/demo.db" | cut -f1)" >&2
}
if [ -z "$large" ]; then
  if [ "$patients" -gt 10000 ]; then
    make_demo 10000 "$work/large"
    /usr/bin/python3 "$root/bench/snapshot/scale_sqlite.py" "$work/large/demo.db" "$((patients / 10000))" >/dev/null
    echo "grown $((patients / 10000)) times: $(du -h "$work/large/demo.db" | cut -f1)" >&2
  else
    make_demo "$patients" "$work/large"
  fi
  large=$work/large/demo.db
fi
if [ -z "$small" ]; then
  make_demo "$((patients / 10))" "$work/small"
  small=$work/small/demo.db
fi

# Prints "seconds peak_kB patients rows" of one export.
measure() {  # db format layout
  local out=$work/out-$2-$3
  rm -rf "$out"
  /usr/bin/time -v "$bin" export records --db "$1" --out "$out" --format "$2" --layout "$3" \
    >"$work/summary.json" 2>"$work/time.txt"
  local secs kb
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + p[i]; print s }' "$work/time.txt")
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
  /usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(sys.argv[2], sys.argv[3], d["patients"], sum(d["rows"].values()))' \
    "$work/summary.json" "$secs" "$kb"
}

printf '%-5s %-5s %12s %10s %10s %12s %10s %10s %10s\n' format layout "small pts" "time s" "peak MB" "large pts" "time s" "peak MB" "peak ratio"
for format in csv xlsx; do
  for layout in long wide; do
    read -r s_secs s_kb s_patients _ < <(measure "$small" "$format" "$layout")
    read -r l_secs l_kb l_patients _ < <(measure "$large" "$format" "$layout")
    awk -v f="$format" -v l="$layout" -v sp="$s_patients" -v ss="$s_secs" -v sk="$s_kb" -v lp="$l_patients" \
      -v ls="$l_secs" -v lk="$l_kb" \
      'BEGIN { printf "%-5s %-5s %12d %10.2f %10.1f %12d %10.2f %10.1f %10.2f\n", f, l, sp, ss, sk / 1024, lp, ls, lk / 1024, lk / sk }'
  done
done
