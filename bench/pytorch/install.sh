#!/usr/bin/env bash
# Installs what bench/pytorch needs, only when it is missing: Debian's python3-torch, python3-scipy (with
# python3-numpy) and libopenblas0 (so that numpy and torch stop using the reference BLAS).
# Debian's python is /usr/bin/python3 (a python3 earlier on PATH, e.g. pyenv's, does not see these packages).
# Usage: bench/pytorch/install.sh      (needs root or sudo; prints one line and exits 2 when it cannot)
set -euo pipefail

missing=()
/usr/bin/python3 -c 'import torch' 2>/dev/null || missing+=(python3-torch)
/usr/bin/python3 -c 'import scipy, numpy' 2>/dev/null || missing+=(python3-scipy python3-numpy)
dpkg -s libopenblas0 >/dev/null 2>&1 || missing+=(libopenblas0)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
  echo "bench/pytorch/install.sh: missing ${missing[*]} and not root (no sudo): install them with apt-get" >&2
  exit 2
fi
echo "installing ${missing[*]} with apt-get" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
