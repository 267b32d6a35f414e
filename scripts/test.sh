#!/usr/bin/env bash
# Runs every test, then the projects whose kernels pick their vector width at run time once more on the narrower
# paths this machine can also take, so that a day's CI machine does not test only its own widest path:
#   - on an AVX-512 machine, with DOTNET_PreferredVectorBitWidth=256 (Vector512 is then not accelerated, and every
#     Vector256 path runs, GEMM's microkernel and the optimizers' AVX2 kernels included);
#   - everywhere, the tensor core and the optimizers with DOTNET_EnableHWIntrinsic=0 (the scalar fallbacks, whose
#     iterate fingerprints are pinned too).
# The later passes reuse the first one's build. Exit status 0 only if every pass passed.
# Usage: scripts/test.sh      (the README's test command; .ci/run runs it)
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
pass() { echo "== tests: $1"; }

pass "all projects, the machine's own vector width"
dotnet test Scratch.sln -c Release || status=1

# The projects with width-dependent kernels: tensors (GEMM, elementwise, reductions, conv), autodiff and the
# networks over them, the optimizers, the attacks.
narrow=(tests/Scratch.Tensor.Tests tests/Scratch.Autograd.Tests tests/Scratch.Nn.Tests tests/Scratch.Optim.Tests tests/Scratch.Attacks.Tests)

if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  pass "the same projects on the Vector256 paths (DOTNET_PreferredVectorBitWidth=256)"
  for project in "${narrow[@]}"; do
    DOTNET_PreferredVectorBitWidth=256 dotnet test "$project" -c Release --no-build || status=1
  done
fi

pass "the tensor core and the optimizers on the scalar paths (DOTNET_EnableHWIntrinsic=0)"
for project in tests/Scratch.Tensor.Tests tests/Scratch.Optim.Tests; do
  DOTNET_EnableHWIntrinsic=0 dotnet test "$project" -c Release --no-build || status=1
done

exit $status
