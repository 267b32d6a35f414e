#!/usr/bin/env bash
# Builds the CLI as one native executable (Native AOT): every method, the engine's float and double kernels
# included, is compiled before the run, so a one-shot command's first batch runs at the speed of its hundredth
# instead of waiting for the JIT (docs/startup.md, "A native build").
#
#   scripts/publish-native.sh [OUT]        (default artifacts/native; the executable is OUT/scratch)
#
# ISA (default native: this machine's instruction set, AVX-512 where it has it) is handed to the compiler as
# IlcInstructionSet; name a level such as x86-64-v3 to run the executable on other x64 machines. The native build
# has no GPU backend: ILGPU generates its kernels with Reflection.Emit, which native code cannot run (`devices` lists
# the CPU only). Installs clang and zlib1g-dev with apt-get when missing (needs root or sudo). One and a half to two
# minutes on two cores.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/artifacts/native}
isa=${ISA:-native}

missing=()
command -v clang >/dev/null || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "scripts/publish-native.sh: missing ${missing[*]} and not root (no sudo): install them with apt-get" >&2
    exit 2
  fi
  echo "installing ${missing[*]} with apt-get" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ILGPU's own trim and AOT warnings are expected (see above); warnings stay warnings for this build only.
dotnet publish "$root/src/Cli" -c Release -r linux-x64 -nologo -v quiet \
  -p:PublishAot=true -p:IlcInstructionSet="$isa" -p:TreatWarningsAsErrors=false \
  -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out"
echo "scripts/publish-native.sh: $out/scratch"
