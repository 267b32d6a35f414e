"""The Python engines of bench/run.sh: PyTorch, NumPy (OpenBLAS) and SciPy's L-BFGS-B, on the same cases,
inputs and timing rule as bench/Suite (the C# side), writing the same JSON-lines records.

Usage: /usr/bin/python3 bench/pytorch/suite.py --mode quick|full --threads N --out FILE
           [--groups gemm,conv,elementwise,softmax,end-to-end] [--check scratch.jsonl] [--mallopt] [--label TEXT]
--check: Scratch's records; every output is compared with Scratch's fingerprint before it is timed (a mismatch is
recorded and not timed). --mallopt: set glibc's M_MMAP_THRESHOLD and M_TRIM_THRESHOLD high before torch loads (the
engine is then "pytorch (mallopt)" and only the training steps run). --label: added to every engine's name, e.g.
"1 thread" makes "pytorch (1 thread)" and "pytorch (mallopt, 1 thread)" (a second thread count beside the first). Run it with OPENBLAS_CORETYPE unset and
OPENBLAS_NUM_THREADS / OMP_NUM_THREADS set to N (bench/run.sh does).
"""
import argparse
import ctypes
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Timer, fingerprint, mismatch, values, pixels, labels  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--mode", choices=["quick", "full"], default="quick")
parser.add_argument("--threads", type=int, required=True)
parser.add_argument("--groups", default="gemm,conv,elementwise,softmax,end-to-end")
parser.add_argument("--check", default="")
parser.add_argument("--out", required=True)
parser.add_argument("--mallopt", action="store_true")
parser.add_argument("--label", default="")
args = parser.parse_args()

if args.mallopt:
    libc = ctypes.CDLL("libc.so.6")
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    if not (libc.mallopt(M_MMAP_THRESHOLD, 32 << 20) and libc.mallopt(M_TRIM_THRESHOLD, 1 << 30)):
        sys.exit("suite.py: mallopt refused M_MMAP_THRESHOLD = 32 MiB or M_TRIM_THRESHOLD = 1 GiB")

import numpy as np  # noqa: E402
import torch  # noqa: E402

from cases import Case, gemm_cases, conv_cases, elementwise_cases, softmax_cases  # noqa: E402
from end_to_end import end_to_end_cases  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
timer = Timer.for_mode(args.mode)
expected = {}
if args.check:
    with open(args.check) as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                if r["print"] and not r["engine"].endswith(" (scoped)"):
                    expected[f'{r["group"]}|{r["variant"]}|{r["case"]}'] = r

groups = args.groups.split(",")
cases = []
if args.mallopt:
    cases = [c for c in end_to_end_cases(args.mode, args.threads) if "step" in c.case and c.engine == "pytorch"]
    for c in cases:
        c.engine = "pytorch (mallopt)"
else:
    builders = {"gemm": gemm_cases, "conv": conv_cases, "elementwise": elementwise_cases, "softmax": softmax_cases,
                "end-to-end": end_to_end_cases}
    for g in groups:
        if g not in builders:
            sys.exit(f"suite.py: group '{g}'; expected one of {', '.join(builders)}")
        cases += builders[g](args.mode, args.threads)

if args.label:
    for c in cases:
        c.engine = f"{c.engine[:-1]}, {args.label})" if c.engine.endswith(")") else f"{c.engine} ({args.label})"

print(f"torch {torch.__version__} ({torch.get_num_threads()} threads, MKL-DNN {torch.backends.mkldnn.is_available()}), "
      f"numpy {np.__version__}, BLAS: {cases[0].blas if cases else '?'}", flush=True)
partial = args.out + ".partial"
with open(partial, "w") as out:
    for case in cases:
        out.write(json.dumps(case.measure(timer, expected)) + "\n")
        out.flush()
os.replace(partial, args.out)
