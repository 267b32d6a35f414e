#!/usr/bin/env bash
# Installs Debian packages with apt-get, as root or through sudo; the project's install steps call it with what they
# found missing. Prints one line and exits 2 when it can do neither.
#   scripts/apt-install.sh CALLER PACKAGE...     (CALLER names the script in that line)
set -euo pipefail
caller=$1; shift
[ $# -gt 0 ] || exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
  echo "$caller: missing $* and not root (no sudo): install them with apt-get" >&2
  exit 2
fi
echo "installing $* with apt-get" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
