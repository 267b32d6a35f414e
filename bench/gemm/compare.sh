#!/usr/bin/env bash
# GEMM shapes before/after in one sitting, with OpenBLAS beside them.
# Usage: bench/gemm/compare.sh BASE_DIR [rounds]
#   BASE_DIR: a second checkout (e.g. of main, with this branch's bench/Scratch.Bench/Tensor/GemmReport.cs and
#   Program.cs copied in) whose bench/Scratch.Bench is already built in Release. Run from the repository root,
#   un-niced, on a machine as quiet as can be had. Needs: apt-get install libopenblas0 python3-numpy python3-threadpoolctl.
set -euo pipefail
base=${1:?usage: bench/gemm/compare.sh BASE_DIR [rounds]}
rounds=${2:-10}
dll=bin/Release/net10.0/Scratch.Bench.dll
dotnet build bench/Scratch.Bench -c Release -v q -nologo >/dev/null
lscpu | grep -E 'Model name|CPU family|^Model:' || true
grep -o -m1 -w avx512f /proc/cpuinfo >/dev/null && echo "avx512f: yes" || echo "avx512f: no"
echo "## before ($base)"
dotnet "$base/bench/Scratch.Bench/$dll" gemm-report "$rounds"
echo "## after (this checkout)"
dotnet "bench/Scratch.Bench/$dll" gemm-report "$rounds"
echo "## OpenBLAS (numpy; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for this command)"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/gemm/openblas.py "$rounds"
