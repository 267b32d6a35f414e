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
"$(dirname "${BASH_SOURCE[0]}")/../../scripts/apt-install.sh" bench/pytorch/install.sh "${missing[@]}"
