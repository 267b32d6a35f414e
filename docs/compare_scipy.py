#!/usr/bin/python3
"""OPTIONAL: reference figures from SciPy's L-BFGS-B (Fortran v3.0) for docs/lbfgsb.md.

Not part of the build or the tests. Needs Debian's python3-scipy:
    apt-get install -y python3-scipy && /usr/bin/python3 docs/compare_scipy.py
"""
import numpy as np
import scipy
from scipy.optimize import minimize


def rosen(x):
    t = x[1:] - x[:-1] ** 2
    u = 1 - x[:-1]
    f = np.sum(100 * t * t + u * u)
    g = np.zeros_like(x)
    g[:-1] += -400 * x[:-1] * t - 2 * u
    g[1:] += 200 * t
    return f, g


def driver1(x):
    t = x[1:] - x[:-1] ** 2
    f = 4 * (0.25 * (x[0] - 1) ** 2 + np.sum(t * t))
    g = np.zeros_like(x)
    g[0] = 2 * (x[0] - 1)
    g[1:] += 8 * t
    g[:-1] += -16 * x[:-1] * t
    return f, g


def quad(a, c):
    def f(x):
        r = x - c
        return 0.5 * np.sum(a * r * r), a * r
    return f


def run(name, fun, x0, bounds=None, m=10):
    r = minimize(fun, x0, jac=True, method="L-BFGS-B", bounds=bounds,
                 options=dict(maxcor=m, ftol=1e7 * np.finfo(float).eps, gtol=1e-5, maxiter=15000, maxfun=15000))
    print(f"| {name} | {r.nit} | {r.nfev} | {r.fun:.6e} | {r.message} |")


print("scipy", scipy.__version__)
run("Rosenbrock n=2, (-1.2, 1)", rosen, np.array([-1.2, 1.0]))
x0 = np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(10)])
run("Extended Rosenbrock n=10", rosen, x0)
x0 = np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(100)])
run("Extended Rosenbrock n=100", rosen, x0)
run("Rosenbrock n=2, x1 <= 0.5", rosen, np.array([-1.2, 1.0]), [(-2, 0.5), (-2, 2)])
n = 25
run("driver1 n=25, m=5", driver1, np.full(n, 3.0), [(1, 100) if i % 2 == 0 else (-100, 100) for i in range(n)], m=5)
n = 20
a = np.array([10.0 ** (6 * i / (n - 1)) for i in range(n)])
c = np.array([(-1) ** i * (i + 1) / 5.0 for i in range(n)])
run("Diagonal quadratic n=20, cond 1e6, box [-1,1.5]", quad(a, c), np.zeros(n), [(-1, 1.5)] * n)
