#!/usr/bin/env bash
# The Debian package as an administrator uses it: build it from the build tree (cpack),
# check what it holds, install it with dpkg, check the service account, the data folder,
# the configuration file's owner and mode and (where systemd is present) the unit, start
# the server exactly as the unit does, as the service user, sign in over HTTP, then
# upgrade over a changed configuration (kept), remove and purge (the data stays).
#   install_test.sh BUILD_DIR
# Exit 77 (skipped) when it cannot run without harm: not root, or regenpath already
# installed or its account or data folder present (a real installation is never touched).
set -euo pipefail
build=$(realpath "$1")
say() { echo "package test: $*"; }
fail() { echo "package test FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || { say "skipped: installing a package needs root"; exit 77; }
if dpkg-query -W -f='${db:Status-Status}' regenpath 2>/dev/null | grep -qv '^not-installed$'; then
  say "skipped: a regenpath package is on this machine; this test installs and purges its own"
  exit 77
fi
if getent passwd regenpath >/dev/null || [ -e /var/lib/regenpath ] || [ -e /etc/regenpath ]; then
  say "skipped: the regenpath account, /var/lib/regenpath or /etc/regenpath exists already"
  exit 77
fi

work=$(mktemp -d)
server_pid=
installed=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  if [ -n "$installed" ]; then
    dpkg --purge regenpath >/dev/null 2>&1 || true
    # The package leaves the data and its account by design; the test created both.
    rm -rf /var/lib/regenpath
    getent passwd regenpath >/dev/null && deluser --system --quiet regenpath >/dev/null 2>&1 || true
    getent group regenpath >/dev/null && delgroup --system --quiet regenpath >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say "building the package"
cpack --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/pkg/regenpath_*.deb)
say "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/regenpath ./usr/share/regenpath/web/index.html ./usr/share/regenpath/protocols/hip-msc-v1.yaml \
  ./usr/share/regenpath/instruments/oxford-hip.json ./usr/share/regenpath/claims/seed-claims.yaml \
  ./usr/share/regenpath/templates/outcomes-report.html ./usr/lib/systemd/system/regenpath.service \
  ./etc/regenpath/regenpath.yaml; do
  grep -qx -- "$f" <<<"$contents" || fail "the package lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for d in adduser libsqlite3-0 libsodium23 libyaml-cpp; do
  grep -q "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done
dpkg-deb -e "$deb" "$work/control"
grep -qx /etc/regenpath/regenpath.yaml "$work/control/conffiles" || fail "the configuration is not a conffile"

say "installing"
installed=1
dpkg -i "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "dpkg -i"; }
grep -q "database created in /var/lib/regenpath/regenpath.db" "$work/install.log" ||
  { cat "$work/install.log"; fail "postinst did not say it created the database"; }

uid=$(id -u regenpath)
[ "$uid" -lt 1000 ] || fail "regenpath is not a system account (uid $uid)"
case "$(getent passwd regenpath | cut -d: -f7)" in */nologin | */false) ;; *) fail "the service account has a login shell" ;; esac
[ "$(stat -c '%U:%G %a' /var/lib/regenpath)" = "regenpath:regenpath 750" ] ||
  fail "/var/lib/regenpath is $(stat -c '%U:%G %a' /var/lib/regenpath)"
[ "$(stat -c '%U' /var/lib/regenpath/regenpath.db)" = regenpath ] || fail "the database is not the service account's"
[ "$(stat -c '%U:%G %a' /etc/regenpath/regenpath.yaml)" = "root:regenpath 640" ] ||
  fail "/etc/regenpath/regenpath.yaml is $(stat -c '%U:%G %a' /etc/regenpath/regenpath.yaml)"
grep -qx "db: /var/lib/regenpath/regenpath.db" /etc/regenpath/regenpath.yaml || fail "the configuration names another database"
grep -qx "web_dir: /usr/share/regenpath/web" /etc/regenpath/regenpath.yaml || fail "the configuration names another web app"

unit=/usr/lib/systemd/system/regenpath.service
for option in User=regenpath NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes ProtectHome=yes \
  StateDirectory=regenpath CapabilityBoundingSet= MemoryDenyWriteExecute=yes; do
  grep -qx -- "$option" "$unit" || fail "the unit lacks $option"
done
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify "$unit" >"$work/verify.log" 2>&1 || { cat "$work/verify.log"; fail "systemd-analyze verify"; }
  # Warnings too: an option this systemd does not know is ignored, i.e. a protection lost.
  if grep -v "^$" "$work/verify.log" | grep -q .; then cat "$work/verify.log"; fail "systemd-analyze verify warned"; fi
  say "systemd-analyze verify: clean"
  # systemd's own score of the unit's sandbox: 0 fully confined .. 10 unprotected.
  systemd-analyze security --offline=yes "$unit" >"$work/security.log" 2>&1 || true
  exposure=$(sed -n 's/.*Overall exposure level for regenpath.service: \([0-9.]*\).*/\1/p' "$work/security.log")
  [ -n "$exposure" ] || { cat "$work/security.log"; fail "systemd-analyze security gave no exposure level"; }
  awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }' || { grep '✗' "$work/security.log"; fail "exposure $exposure > 2.0"; }
  say "systemd-analyze security: exposure $exposure"
else
  say "systemd-analyze not present: unit not verified"
fi

# The first centre and admin, as the postinst message tells the administrator.
run_as() { runuser -u regenpath -- "$@"; }
db=/var/lib/regenpath/regenpath.db
run_as regenpath centre add --db "$db" --id pkg-test --name-en "Package test centre" --name-fa "مرکز آزمون بسته" >/dev/null
password='Package-test-Passw0rd-long'
run_as regenpath user add --db "$db" --username pkgadmin --role admin --centre pkg-test --password "$password" >/dev/null

# Exactly the unit's command line and user; port 0 (a free one) through the environment.
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
read -r -a command <<<"$exec_start"
REGENPATH_PORT=0 setpriv --reuid=regenpath --regid=regenpath --init-groups --no-new-privs -- "${command[@]}" \
  >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q listening "$work/serve.out" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err"; fail "the server stopped at start"; }
  sleep 0.1
done
url=$(sed -n 's/.*"listening":"\([^"]*\)".*/\1/p' "$work/serve.out")
[ -n "$url" ] || { cat "$work/serve.err"; fail "the server did not say where it listens"; }
[ "$(ps -o user= -p "$server_pid")" = regenpath ] || fail "the server does not run as regenpath"
say "server up at $url as regenpath"
grep -q "data folder /usr/share/regenpath)" "$work/serve.err" ||
  { cat "$work/serve.err"; fail "the server does not read the packaged protocols and instruments"; }

curl -fsS "$url/" | grep -q 'id="app"' || fail "/ does not serve the packaged web app"
status=$(curl -sS -o "$work/login.json" -D "$work/login.head" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"username\":\"pkgadmin\",\"password\":\"$password\"}" "$url/api/v1/auth/login")
[ "$status" = 200 ] || { cat "$work/login.json"; fail "sign-in answered $status"; }
grep -qi '^set-cookie: rp_session=' "$work/login.head" || fail "sign-in set no session cookie"
session=$(sed -n 's/^[Ss]et-[Cc]ookie: rp_session=\([^;]*\);.*/\1/p' "$work/login.head")
curl -fsS -H "Cookie: rp_session=$session" "$url/api/v1/auth/me" | grep -q '"pkgadmin"' || fail "/auth/me does not know the admin"
# The protocols came from the package's data folder (the binary finds it beside itself).
curl -fsS -H "Cookie: rp_session=$session" "$url/api/v1/protocols" | grep -q 'hip-msc-v1' || fail "no protocol served"
say "signed in as the admin; protocols served from /usr/share/regenpath"

kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=
[ -s /var/lib/regenpath/regenpath.db.anchors ] || fail "no audit anchor written at shutdown"
[ "$(stat -c '%U' /var/lib/regenpath/audit-signing.key)" = regenpath ] || fail "the signing key is not the service's"
[ "$(stat -c '%a' /var/lib/regenpath/audit-signing.key)" = 600 ] || fail "the signing key is readable by others"

say "upgrading over a changed configuration"
sed -i 's/^log_level: info$/log_level: warn/' /etc/regenpath/regenpath.yaml
dpkg -i --force-confold "$deb" >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log"; fail "reinstall"; }
grep -qx "log_level: warn" /etc/regenpath/regenpath.yaml || fail "the upgrade replaced the administrator's configuration"
grep -q "upgraded from" "$work/upgrade.log" || { cat "$work/upgrade.log"; fail "postinst said nothing of the upgrade"; }
run_as regenpath user list --db "$db" | grep -q pkgadmin || fail "the upgrade lost the accounts"

say "removing and purging"
dpkg -r regenpath >/dev/null 2>&1 || fail "dpkg -r"
[ ! -e /usr/bin/regenpath ] || fail "the binary stayed after removal"
[ -e "$db" ] || fail "removal deleted the database"
dpkg --purge regenpath >/dev/null 2>&1 || fail "dpkg --purge"
[ ! -e /etc/regenpath/regenpath.yaml ] || fail "purge left the configuration"
[ -e "$db" ] || fail "purge deleted the database (clinical records stay)"
say "passed"
