"""OpenBLAS (through numpy) on the shapes of bench/Scratch.Bench/Tensor/GemmReport.cs, for the GEMM comparison.

Install: apt-get install libopenblas0 python3-numpy python3-threadpoolctl (Debian's packages).
Run:     bench/gemm/compare.sh runs it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for this command alone
         (they pin an older, slower kernel); by hand:
         env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/gemm/openblas.py [rounds]
Prints one Markdown row per shape and thread count: the best time of several calls and its GFLOP/s, as GemmReport.
"""
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10

# name, transA, transB, m, n, k: the same list as GemmReport.Shapes.
SHAPES = [
    ("sgemm n=256", False, False, 256, 256, 256),
    ("sgemm n=1024", False, False, 1024, 1024, 1024),
    ("sgemm n=2048", False, False, 2048, 2048, 2048),
    ("linear fwd 128x784->100 (x.Wt)", False, True, 128, 100, 784),
    ("linear fwd 1000x784->100 (x.Wt)", False, True, 1000, 100, 784),
    ("linear fwd 128x100->100 (x.Wt)", False, True, 128, 100, 100),
    ("linear fwd 1x784->100 (x.Wt)", False, True, 1, 100, 784),
    ("linear dX 128x100 . 100x784", False, False, 128, 784, 100),
    ("linear dW 100x128t . 128x784", True, False, 100, 784, 128),
    ("linear dX 1x100 . 100x784", False, False, 1, 784, 100),
    ("square 100x100x100", False, False, 100, 100, 100),
]


def best(fn, calls):
    fn()
    result = float("inf")
    for _ in range(calls):
        t0 = time.perf_counter()
        fn()
        result = min(result, time.perf_counter() - t0)
    return result


def main():
    info = [p for p in threadpool_info() if p.get("internal_api") == "openblas"]
    for p in info:
        print(f"# {p['filepath']} version {p.get('version')} core {p.get('architecture')} threading {p.get('threading_layer')}")
    rng = np.random.default_rng(7)
    print("| shape | threads | best µs | GFLOP/s |")
    print("|---|---:|---:|---:|")
    for name, ta, tb, m, n, k in SHAPES:
        a = rng.uniform(-1, 1, (k, m) if ta else (m, k)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, k) if tb else (k, n)).astype(np.float32)
        opa, opb = (a.T if ta else a), (b.T if tb else b)
        c = np.empty((m, n), np.float32)
        flops = 2.0 * m * n * k
        calls = int(min(max(2e10 * rounds / 10 / flops, 5), 20000))
        for threads in (1, 2):
            with threadpool_limits(threads):
                t = best(lambda: np.matmul(opa, opb, out=c), calls)
            print(f"| {name} | {threads} | {t * 1e6:.1f} | {flops / t / 1e9:.1f} |")


main()
