#!/usr/bin/env bash
# The benchmark suite in one command: every engine on the same inputs, then tables and plots.
#
#   bench/run.sh [quick|full] [RESULTS_DIR]          (default bench/results/MODE; quick ≤ 15 min, full ≤ 60 on 2 cores)
#
# Parts, each runnable alone with BENCH_STEPS="probe scratch ..." (default: all, in this order):
#   build      build bench/Suite (the probe, Scratch's engines, the report)
#   probe      machine.json: clock, FP32 FMA peak per core (Vector512, Vector256) and on all cores, copy bandwidth
#   scratch    Scratch's CPU backend, Vector512 paths (the runtime's default here): scratch-v512.jsonl, every other
#              engine's outputs are checked against these before it is timed
#   v256       the same with DOTNET_PreferredVectorBitWidth=256 (Vector512.IsHardwareAccelerated false: the Vector256 paths)
#   reference  the naive reference backend, small sizes only
#   gpu        Scratch on ILGPU when a CUDA or OpenCL device exists (skipped with a line otherwise)
#   python     PyTorch, NumPy/OpenBLAS and SciPy (bench/pytorch/suite.py; Debian packages installed when missing),
#              then PyTorch's training steps again with mallopt(M_MMAP_THRESHOLD, M_TRIM_THRESHOLD) set high, and
#              PyTorch's end-to-end group once more on 1 thread ("pytorch (1 thread)", "pytorch (mallopt, 1 thread)")
#   torchsharp Scratch beside TorchSharp-cpu in one BenchmarkDotNet run (bench/TorchSharp; restored only here)
#   report     the tables and PNGs into RESULTS_DIR, and the tables into bench/README.md (BENCH_README=0: not);
#              RESULTS_DIR/headline.md: the top-level README's headline figures
#   readme     (not in the default steps) RESULTS_DIR/headline.md into README.md between its lines
#              <!-- bench:headline:begin --> and <!-- bench:headline:end --> (atomically; nothing else changes)
#   rounds     (not in the default steps; needs build and probe first) the end-to-end group of Scratch and then of
#              PyTorch/SciPy (each thread count and allocator the python step uses), back to back, ROUNDS times
#              (default 3) into RESULTS_DIR/rounds/, then RESULTS_DIR/rounds.md: each round's ratio and their spread
# Every engine is told its thread count: THREADS (default: every core) for the process, and 1 and THREADS for GEMM.
set -euo pipefail

mode=${1:-quick}
case "$mode" in quick|full) ;; *) echo "bench/run.sh: mode '$mode'; expected quick or full" >&2; exit 2 ;; esac
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
results=${2:-$root/bench/results/$mode}
threads=${THREADS:-$(nproc)}
steps=${BENCH_STEPS:-build probe scratch v256 reference gpu python torchsharp report}
mkdir -p "$results"
results=$(cd "$results" && pwd)
suite="$root/bench/Suite/bin/Release/net10.0/scratch-bench"
start=$(date +%s)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { echo "== $1 ($(date -u +%H:%M:%S) UTC, $(( $(date +%s) - start )) s in)"; }
# Kernel groups for the second-line engines in quick mode; full runs every group on every engine.
kernels=gemm,conv,elementwise,softmax
all=$kernels,end-to-end
scratch_run() { DOTNET_PROCESSOR_COUNT=$threads "$suite" run --mode "$mode" --threads "$threads" "$@"; }
# py N CHECK ARGS: the suite's Python engines on N threads, outputs checked against CHECK (a Scratch results file).
# OPENBLAS_CORETYPE (Haswell in this environment) would halve OpenBLAS on AVX-512: unset for these processes only.
py() { local n=$1 check=$2; shift 2
       env -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS="$n" OMP_NUM_THREADS="$n" MKL_NUM_THREADS="$n" \
         /usr/bin/python3 "$root/bench/pytorch/suite.py" --mode "$mode" --threads "$n" --check "$check" "$@"; }
# python_engines DIR SUFFIX CHECK GROUPS: the Python engines on every core (GROUPS) and PyTorch's training steps with
# mallopt, into DIR/python*SUFFIX.jsonl. PyTorch's end-to-end work is often fastest on one thread (its OpenMP team
# costs more than it gains on batch-128 steps): with more than one core both counts are kept, so that each row can be
# read against PyTorch's best.
python_engines() { local dir=$1 suffix=$2 check=$3 groups=$4
  py "$threads" "$check" --groups "$groups" --out "$dir/python$suffix.jsonl"
  py "$threads" "$check" --mallopt --out "$dir/python-mallopt$suffix.jsonl"
  if [ "$threads" -gt 1 ]; then
    py 1 "$check" --groups end-to-end --label "1 thread" --out "$dir/python-1-thread$suffix.jsonl"
    py 1 "$check" --mallopt --label "1 thread" --out "$dir/python-mallopt-1-thread$suffix.jsonl"
  fi; }

for s in $steps; do
  case "$s" in
    build)
      step build
      nice -n 10 dotnet build "$root/bench/Suite" -c Release -v quiet -nologo | grep -E "error|Warn|Elapsed" || true
      [ -x "$suite" ] || { echo "bench/run.sh: $suite was not built" >&2; exit 1; } ;;
    probe)
      step probe
      DOTNET_PROCESSOR_COUNT=$threads "$suite" probe --out "$results/machine.json" ;;
    scratch)
      step "scratch (Vector512)"
      scratch_run --engine scratch --groups $all --out "$results/scratch-v512.jsonl" ;;
    v256)
      step "scratch (Vector256)"
      DOTNET_PreferredVectorBitWidth=256 scratch_run --engine scratch --groups "$([ "$mode" = full ] && echo $all || echo $kernels)" \
        --check "$results/scratch-v512.jsonl" --out "$results/scratch-v256.jsonl" ;;
    reference)
      step reference
      scratch_run --engine reference --groups $kernels --check "$results/scratch-v512.jsonl" --out "$results/reference.jsonl" ;;
    gpu)
      step gpu
      scratch_run --engine gpu --groups $kernels --check "$results/scratch-v512.jsonl" --out "$results/scratch-gpu.jsonl" ;;
    python)
      step "python (PyTorch, NumPy, SciPy)"
      "$root/bench/pytorch/install.sh"
      python_engines "$results" "" "$results/scratch-v512.jsonl" "$all" ;;
    torchsharp)
      step "torchsharp (BenchmarkDotNet)"
      if nice -n 10 dotnet build "$root/bench/TorchSharp" -c Release -v quiet -nologo | grep -E " error |rror\(s\)"; then :; fi
      bin="$root/bench/TorchSharp/bin/Release/net10.0"
      if [ -x "$bin/scratch-bench-torchsharp" ]; then
        # The benchmark's own copies only (never the NuGet cache): see bench/README.md, "TorchSharp on Debian 12".
        find "$bin" -name libLibTorchSharp.so -exec python3 "$root/bench/TorchSharp/weaken_verneed.py" {} \;
        (cd "$results" && DOTNET_PROCESSOR_COUNT=$threads "$bin/scratch-bench-torchsharp" --mode "$mode" --out "$results/torchsharp.jsonl" \
           > "$results/torchsharp-bdn.log" 2>&1) || echo "bench/run.sh: the TorchSharp run failed; see $results/torchsharp-bdn.log" >&2
        grep -E "^\| " "$results/torchsharp-bdn.log" | grep -v -- "---" || true
      else
        echo "bench/run.sh: bench/TorchSharp did not build; TorchSharp skipped" >&2
      fi ;;
    report)
      step report
      elapsed=$(( $(date +%s) - start ))
      command="bench/run.sh $mode ($(( elapsed / 60 )) min $(( elapsed % 60 )) s for every engine)"
      if [ "${BENCH_README:-1}" = 1 ]; then
        "$suite" report --results "$results" --command "$command" --readme "$root/bench/README.md" --figures "$root/bench/figures/$mode"
      else
        "$suite" report --results "$results" --command "$command"
      fi ;;
    rounds)
      rounds=${ROUNDS:-3}
      case "$rounds" in ''|*[!0-9]*|0) echo "bench/run.sh: ROUNDS '$rounds'; expected a positive whole number" >&2; exit 2 ;; esac
      # The table names the machine: stop now rather than after the rounds when the probe has not run.
      [ -f "$results/machine.json" ] || { echo "bench/run.sh: rounds needs $results/machine.json; run BENCH_STEPS=\"build probe rounds\"" >&2; exit 2; }
      step "rounds (end to end, the engines back to back, $rounds times)"
      "$root/bench/pytorch/install.sh"
      mkdir -p "$results/rounds"
      rm -f "$results/rounds"/*.jsonl
      for r in $(seq "$rounds"); do
        # Each round's Python outputs are checked against that round's Scratch outputs.
        check="$results/rounds/scratch-$r.jsonl"
        scratch_run --engine scratch --groups end-to-end --out "$check"
        python_engines "$results/rounds" "-$r" "$check" end-to-end
      done
      "$suite" rounds --results "$results" --command "BENCH_STEPS=rounds ROUNDS=$rounds bench/run.sh $mode" ;;
    readme)
      step readme
      "$suite" headline --results "$results" --readme "$root/README.md" ;;
    *) echo "bench/run.sh: step '$s'; expected build probe scratch v256 reference gpu python torchsharp report readme rounds" >&2; exit 2 ;;
  esac
done
step "done: $results"
