"""bench/Suite's kernel groups for PyTorch and NumPy: GEMM, conv2d, elementwise and reductions, softmax."""
import ctypes

import numpy as np
import torch
import torch.nn.functional as F

from harness import fingerprint, floats, labels, mismatch, once, pixels, values


def _openblas():
    """The OpenBLAS numpy loaded (Debian: libblas.so.3 through the alternatives), to set its thread count."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line and line.rstrip().endswith(".so.3") or "openblas" in line}
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_set_num_threads
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return lib, f"OpenBLAS {lib.openblas_get_corename().decode()} ({path})"
        except (OSError, AttributeError):
            continue
    return None, "reference BLAS (no OpenBLAS loaded)"


np.dot(np.ones((2, 2)), np.ones((2, 2)))
OPENBLAS, BLAS = _openblas()


class Case:
    """One case on one engine: prepare() returns (run, output or None, note or None)."""

    def __init__(self, group, variant, case, x, engine, threads, flops, bytes_, prepare):
        self.group, self.variant, self.case, self.x, self.engine = group, variant, case, x, engine
        self.threads, self.flops, self.bytes, self.prepare, self.blas = threads, flops, bytes_, prepare, BLAS

    def measure(self, timer, expected):
        if OPENBLAS is not None:
            OPENBLAS.openblas_set_num_threads(self.threads)
        torch.set_num_threads(self.threads)
        run, output, note = self.prepare()
        first = once(run)
        print_ = fingerprint(output()) if output else []
        reference = expected.get(f"{self.group}|{self.variant}|{self.case}")
        check = "unchecked"
        if print_ and reference:
            why = mismatch(print_, reference["print"], reference["tolerance"])
            check = f"mismatch: {why}" if why else "ok"
        seconds = [] if check.startswith("mismatch") else timer.repeat(run, first)
        median = sorted(seconds)[len(seconds) // 2] if seconds else float("nan")
        print(f"{self.engine:<14} {self.group}/{self.variant}/{self.case}: median {median * 1e3:.3f} ms over {len(seconds)} "
              f"(first {first * 1e3:.1f} ms) {check}", flush=True)
        return {"group": self.group, "variant": self.variant, "case": self.case, "x": self.x, "engine": self.engine,
                "threads": self.threads, "flops": self.flops, "bytes": self.bytes, "first_seconds": first,
                "seconds": seconds, "print": print_, "tolerance": reference["tolerance"] if reference else 0.0,
                "check": check, "note": note() if note else None}


def gemm_cases(mode, threads):
    cases = []
    for dtype, np_dtype, t_dtype in (("float32", np.float32, torch.float32), ("float64", np.float64, torch.float64)):
        sizes = ([64, 256, 1024] if dtype == "float64" else [64, 256, 1024, 2048]) if mode == "quick" else [64, 128, 256, 512, 1024, 2048, 4096]
        for t in sorted({1, threads}):
            for n in sizes:
                variant = f"{dtype}, {t} thread{'s' if t > 1 else ''}"
                a, b = values(n * n, 1).reshape(n, n).astype(np_dtype), values(n * n, 2).reshape(n, n).astype(np_dtype)

                def torch_mm(a=a, b=b):
                    ta, tb = torch.from_numpy(a), torch.from_numpy(b)
                    box = {}
                    return (lambda: box.__setitem__("c", torch.mm(ta, tb))), (lambda: box["c"].numpy()), None

                def numpy_mm(a=a, b=b):
                    box = {}
                    return (lambda: box.__setitem__("c", a @ b)), (lambda: box["c"]), None

                cases.append(Case("gemm", variant, f"n = {n}", n, "pytorch", t, 2.0 * n ** 3, 0, torch_mm))
                cases.append(Case("gemm", variant, f"n = {n}", n, "numpy", t, 2.0 * n ** 3, 0, numpy_mm))
    return cases


LAYERS = [("layer 1 (1→32, 28×28)", 1, 28, 32), ("layer 2 (32→64, 12×12)", 32, 12, 64)]


def conv_cases(mode, threads):
    cases = []
    batches = [16, 128] if mode == "quick" else [16, 64, 128, 256]
    for name, c, h, o in LAYERS:
        for op in ("forward", "backward-input", "backward-weight"):
            for batch in batches:
                oh = h - 4
                flops = 2.0 * batch * o * oh * oh * c * 25

                def prepare(batch=batch, c=c, h=h, o=o, oh=oh, op=op):
                    x = torch.from_numpy(floats(batch * c * h * h, 1).reshape(batch, c, h, h))
                    w = torch.from_numpy(floats(o * c * 25, 2, 0.4).reshape(o, c, 5, 5))
                    dy = torch.from_numpy(floats(batch * o * oh * oh, 3).reshape(batch, o, oh, oh))
                    box = {}
                    if op == "forward":
                        run = lambda: box.__setitem__("r", F.conv2d(x, w))  # noqa: E731
                    else:
                        mask = [True, False, False] if op == "backward-input" else [False, True, False]
                        pick = 0 if op == "backward-input" else 1
                        run = lambda: box.__setitem__("r", torch.ops.aten.convolution_backward(  # noqa: E731
                            dy, x, w, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, mask)[pick])
                    return run, (lambda: box["r"].numpy()), None

                cases.append(Case("conv", f"{name} {op}", f"batch {batch}", batch, "pytorch", threads, flops, 0, prepare))
    return cases


def elementwise_cases(mode, threads):
    sizes = [1 << 12, 1 << 16, 1 << 20, 1 << 22] if mode == "quick" else [1 << k for k in (12, 14, 16, 18, 20, 22, 24)]
    ops = [("add", 12, torch.add, np.add), ("mul", 12, torch.mul, np.multiply),
           ("exp", 8, lambda a, b: torch.exp(a), lambda a, b: np.exp(a)),
           ("relu", 8, lambda a, b: torch.relu(a), lambda a, b: np.maximum(a, np.float32(0))),
           ("sum", 4, lambda a, b: a.sum(), lambda a, b: a.sum()), ("max", 4, lambda a, b: a.max(), lambda a, b: a.max())]
    cases = []
    for op, per_element, t_op, np_op in ops:
        for n in sizes:
            # Reductions read pixels in [0, 1), as bench/Suite's.
            a, b = (pixels(n, 1) if op in ("sum", "max") else floats(n, 1)), floats(n, 2)

            def prepare_torch(a=a, b=b, t_op=t_op):
                ta, tb, box = torch.from_numpy(a), torch.from_numpy(b), {}
                return (lambda: box.__setitem__("r", t_op(ta, tb))), (lambda: box["r"].numpy()), None

            def prepare_numpy(a=a, b=b, np_op=np_op):
                box = {}
                return (lambda: box.__setitem__("r", np_op(a, b))), (lambda: box["r"]), None

            name = f"n = 2^{n.bit_length() - 1}"
            cases.append(Case("elementwise", op, name, n, "pytorch", threads, 0, per_element * n, prepare_torch))
            # NumPy's ufuncs and reductions run on one thread whatever OpenBLAS is told.
            cases.append(Case("elementwise", op, name, n, "numpy", 1, 0, per_element * n, prepare_numpy))
    return cases


def softmax_cases(mode, threads):
    shapes = [(128, 10), (1024, 100), (1024, 1000)] + ([] if mode == "quick" else [(8192, 1000)])
    cases = []
    for rows, classes in shapes:
        n = rows * classes
        logits = torch.from_numpy(floats(n, 1, 8).reshape(rows, classes))
        y = torch.from_numpy(labels(rows, 2, classes))

        def prepare_softmax(logits=logits):
            box = {}
            return (lambda: box.__setitem__("r", torch.softmax(logits, 1))), (lambda: box["r"].numpy()), None

        def prepare_ce(logits=logits, y=y):
            box = {}

            def run():
                v = logits.detach().requires_grad_(True)
                box["r"] = torch.autograd.grad(F.cross_entropy(v, y), [v])[0]
            return run, (lambda: box["r"].numpy()), None

        cases.append(Case("softmax", "softmax forward", f"{rows}×{classes}", n, "pytorch", threads, 0, 8.0 * n, prepare_softmax))
        cases.append(Case("softmax", "cross-entropy forward + backward", f"{rows}×{classes}", n, "pytorch", threads, 0, 0, prepare_ce))
    return cases
