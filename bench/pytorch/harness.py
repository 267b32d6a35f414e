"""The suite's inputs, fingerprints and timing rule, the same as bench/Suite/Harness (C#)."""
import time

import numpy as np


def values(n, stream, scale=1.0):
    """Element i of stream s: ((i + 1000003 s) * 2654435761 mod 2^32) / 2^32 - 0.5, times scale (float64)."""
    i = np.arange(n, dtype=np.uint64) + np.uint64(1000003 * stream)
    return (((i * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)).astype(np.float64) / 4294967296.0 - 0.5) * scale


def floats(n, stream, scale=1.0):
    """As values, rounded to float32 after scaling (as C#'s (float)(value * scale))."""
    return values(n, stream, scale).astype(np.float32)


def pixels(n, stream):
    """floats shifted by one half, in float32 (as C#'s Inputs.Pixels)."""
    return floats(n, stream) + np.float32(0.5)


def labels(n, stream, classes):
    """floor((value + 0.5) * classes), at most classes - 1."""
    return np.minimum(classes - 1, ((values(n, stream) + 0.5) * classes).astype(np.int64))


def fingerprint(output):
    """[count, sum, sum |x|, x[floor(k n / 6)] for k = 0..5] of the flattened output, in float64."""
    v = np.asarray(output, dtype=np.float64).reshape(-1)
    n = v.size
    return [float(n), float(v.sum()), float(np.abs(v).sum())] + [float(v[k * n // 6]) for k in range(6)]


def mismatch(actual, expected, tolerance):
    """None when the fingerprints agree within the relative tolerance (bench/Suite's rule), else a description."""
    names = ["count", "sum", "sum |x|"] + [f"x[{k}n/6]" for k in range(6)]
    if actual[0] != expected[0]:
        return f"count: {actual[0]} values against {expected[0]}"
    mean = expected[2] / expected[0]
    for k in range(1, 9):
        scale = expected[2] if k == 1 else max(abs(expected[k]), mean)
        error = abs(actual[k] - expected[k])
        if not error <= tolerance * scale:
            return f"{names[k]}: {actual[k]:.9g} against {expected[k]:.9g} (error {error:.3g}, allowed {tolerance * scale:.3g})"
    return None


class Timer:
    """First call apart, warm-up until warmup seconds (at least one call), then repetitions until the budget."""

    def __init__(self, warmup, budget, min_reps, max_reps):
        self.warmup, self.budget, self.min_reps, self.max_reps = warmup, budget, min_reps, max_reps

    @staticmethod
    def for_mode(mode):
        return Timer(0.2, 1.0, 3, 15) if mode == "quick" else Timer(0.5, 4.0, 5, 50)

    def repeat(self, run, first_seconds):
        """After the first call (first_seconds; longer than the warm-up, it is the warm-up), each repetition is the
        mean of as many calls as fill MIN_SAMPLE seconds, counted from the warm-up's speed."""
        per_call = first_seconds
        if first_seconds < self.warmup:
            start, warmups = time.perf_counter(), 1
            run()
            while time.perf_counter() - start < self.warmup:
                run()
                warmups += 1
            per_call = (time.perf_counter() - start) / warmups
        calls = calls_per_sample(per_call)
        times, total = [], 0.0
        while len(times) < self.min_reps or (len(times) < self.max_reps and total < self.budget):
            t = time.perf_counter()
            for _ in range(calls):
                run()
            seconds = time.perf_counter() - t
            times.append(seconds / calls)
            total += seconds
        return times


MIN_SAMPLE = 2e-3


def calls_per_sample(seconds):
    """As bench/Suite's Timer.CallsPerSample."""
    return 1 if seconds >= MIN_SAMPLE or not seconds > 0 else int(min(100_000, -(-MIN_SAMPLE // seconds)))


def once(run):
    t = time.perf_counter()
    run()
    return time.perf_counter() - t
