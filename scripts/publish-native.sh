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
"$root/scripts/apt-install.sh" scripts/publish-native.sh ${missing[@]+"${missing[@]}"}

# ILGPU's own trim and AOT warnings are expected (see above); warnings stay warnings for this build only.
dotnet publish "$root/src/Cli" -c Release -r linux-x64 -nologo -v quiet \
  -p:PublishAot=true -p:IlcInstructionSet="$isa" -p:TreatWarningsAsErrors=false \
  -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out"
echo "scripts/publish-native.sh: $out/scratch"
