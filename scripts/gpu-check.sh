#!/usr/bin/env bash
# One call on a GPU machine: build, run the GPU tests (every kernel on ilgpu-cpu and on each CUDA/OpenCL
# device, plus the CUDA-only tests), run the GPU benchmarks, and print a short summary table last.
# Usage: scripts/gpu-check.sh [--quick]   (--quick skips BenchmarkDotNet and prints only the table)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-artifacts/gpu-check}"
mkdir -p "$out"

echo "== build"
dotnet build Scratch.sln -c Release -nologo -v q

echo "== GPU summary measurements"
dotnet run -c Release --no-build --project bench/Scratch.Bench -- gpu-report > "$out/report.md" 2>&1 || true

echo "== GPU tests"
dotnet test tests/Scratch.Tensor.Tests -c Release --no-build --filter "FullyQualifiedName~Scratch.Tests.Gpu" \
  2>&1 | tee "$out/tests.log" | grep -E "Passed!|Failed!|Skipped |Failed " || true

if [[ "${1:-}" != "--quick" ]]; then
  echo "== GPU benchmarks (BenchmarkDotNet)"
  dotnet run -c Release --no-build --project bench/Scratch.Bench -- --filter '*Gpu*' --artifacts "$out/bdn" 2>&1 | tail -n 40 | tee "$out/bench.log"
fi

echo
echo "== summary (tests: $(grep -E 'Passed!|Failed!' "$out/tests.log" | tail -n 1 | sed 's/, Duration.*//'))"
cat "$out/report.md"
grep -q "Failed!" "$out/tests.log" && exit 1 || exit 0
