#!/usr/bin/env bash
# On a GPU machine, which needs no .NET SDK and no network: unpacks the bundle that scripts/gpu-bundle.sh
# built (artifacts/gpu-bundle/scratch-gpu-linux-x64.tar.xz, carried beside the repository) into a
# temporary folder and runs its `scratch gpu-check` under a 540 s limit. The table is printed last and
# written, with the log and nvidia-smi's output, into OUT_DIR. Exit code 0 only if every comparison passed.
# Usage: scripts/gpu-check.sh [OUT_DIR [gpu-check options]]   (OUT_DIR default: $OUT, else ./gpu-check-results)
set -euo pipefail
cd "$(dirname "$0")/.."
archive=artifacts/gpu-bundle/scratch-gpu-linux-x64.tar.xz
if [[ ! -f "$archive" ]]; then
  echo "error: $archive not found; build it with scripts/gpu-bundle.sh where the .NET SDK is, and carry it here" >&2
  exit 2
fi
out="${1:-${OUT:-$PWD/gpu-check-results}}"
(( $# > 0 )) && shift
unpacked="$(mktemp -d)"
# tar needs the xz program; Python's tarfile reads .tar.xz where xz is not installed.
tar -xJf "$archive" -C "$unpacked" 2>/dev/null \
  || python3 -c "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2], filter='data')" "$archive" "$unpacked"
code=0
"$unpacked/scratch-gpu/run.sh" "$out" "$@" || code=$?
rm -rf "$unpacked"
exit "$code"
