#!/bin/sh
# Runs a command inside a private network namespace holding only loopback: Orthanc binds
# every interface (../shared/DESIGN.md's pitfalls), so the archive, the server and the
# test talking to them all live where nothing beyond this machine can reach. Exits 77
# (CTest's skip) where a namespace cannot be made (not root, no unshare).
set -eu
if ! command -v unshare >/dev/null 2>&1 || ! unshare --net true 2>/dev/null; then
  echo "skipped: cannot make a private network namespace here (needs root and unshare)"
  exit 77
fi
exec unshare --net sh -c 'ip link set lo up && exec "$@"' sh "$@"
