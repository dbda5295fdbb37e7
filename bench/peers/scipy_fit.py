#!/usr/bin/python3
"""B4 peer: scipy.optimize.least_squares fits of a lognormal to OEWS percentiles, one per cell,
the cells drawn as bench/fit_bench.c draws them (mu ~ N(10.9, 0.35), sigma ~ U(0.15, 0.85),
five log-quantiles + N(0, 0.03) noise, rounded to $10, >= $239,200 a top-code lower bound).
Residuals: ln q - (mu + sigma z) for published percentiles; for a top-code bound b,
max(0, ln b - (mu + sigma z)) (the fit may not put the quantile below the bound).
usage: scipy_fit.py [N]   prints: N fits in S s (ns/fit)"""
import sys
import time

import numpy as np
from scipy.optimize import least_squares
from scipy.stats import norm

TOP = 239200.0
P = np.array([0.10, 0.25, 0.50, 0.75, 0.90])
Z = norm.ppf(P)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
rng = np.random.default_rng(414437)
mu = 10.9 + rng.normal(0, 0.35, n)
sigma = 0.15 + 0.7 * rng.random(n)
q = np.sort(np.exp(mu[:, None] + sigma[:, None] * Z[None, :] + rng.normal(0, 0.03, (n, 5))), axis=1)
q = 10 * np.round(q / 10)
bound = q >= TOP
q[bound] = TOP
lq = np.log(q)


def fit(i):
    v, b = ~bound[i], bound[i]

    def resid(x):
        m = x[0] + x[1] * Z
        return np.concatenate([lq[i][v] - m[v], np.maximum(0.0, lq[i][b] - m[b])])

    x0 = np.array([lq[i][2] if v[2] else lq[i][v].mean(), 0.5])
    return least_squares(resid, x0, bounds=([-np.inf, 1e-6], [np.inf, np.inf])).x


t0 = time.perf_counter()
s = 0.0
for i in range(n):
    s += fit(i)[1]
t = time.perf_counter() - t0
print("%d fits in %.3f s (%.0f ns/fit) checksum %.6f" % (n, t, 1e9 * t / n, s))
