#!/usr/bin/env bash
# The launcher inside the GPU bundle (copied there as run.sh by scripts/gpu-bundle.sh): checks the
# bundle's files, makes the CUDA driver findable, and runs `scratch gpu-check` under a time limit.
# Usage: run.sh OUT_DIR [gpu-check options, e.g. --small --device ilgpu-cpu]
# Environment: GPU_CHECK_LIMIT (seconds, default 540).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: run.sh OUT_DIR [gpu-check options]}"
shift
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cat "$here/BUILD-INFO"

if command -v sha256sum >/dev/null; then
  (cd "$here" && sha256sum --quiet -c SHA256SUMS) || { echo "error: the bundle's files do not match SHA256SUMS; unpack it again" >&2; exit 2; }
fi

# ILGPU asks the loader for libcuda.so; driver installs in containers often provide only libcuda.so.1.
# Link it under the expected name in a private folder, never a CUDA toolkit's stub library.
if ! ldconfig -p 2>/dev/null | grep -q 'libcuda\.so '; then
  lib=$(ldconfig -p 2>/dev/null | awk '/libcuda\.so\.1 /{print $NF; exit}')
  if [[ -z "$lib" ]]; then
    for dir in ${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH//:/ }} /usr/local/nvidia/lib64 /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/local/cuda/compat; do
      [[ -e "$dir/libcuda.so.1" && "$dir" != */stubs ]] && { lib="$dir/libcuda.so.1"; break; }
    done
  fi
  if [[ -n "$lib" ]]; then
    shim="$(mktemp -d)"
    ln -s "$lib" "$shim/libcuda.so"
    export LD_LIBRARY_PATH="$shim${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "libcuda.so -> $lib"
  fi
fi

command -v nvidia-smi >/dev/null && nvidia-smi > "$out/nvidia-smi.txt" 2>&1

timeout --signal=INT --kill-after=20 "${GPU_CHECK_LIMIT:-540}" \
  "$here/scratch" gpu-check --out "$out" --data-dir "$here/data/mnist" "$@" 2>&1 | tee "$out/gpu-check.log"
code=${PIPESTATUS[0]}
(( code == 124 )) && echo "gpu-check stopped at the ${GPU_CHECK_LIMIT:-540} s limit; gpu-check.log holds every row measured until then" >&2
exit "$code"
