"""Produce the committed driver-analysis reference values, independently of survey_stats.

Run from the repository root::

    .venv/bin/python survey_stats/tests/reference/make_driver_reference.py

It writes, next to this script:

- ``drivers_nki_sample.csv``: 240 simulated answer sets (NKI and six factor indices on the
  0–100 scale, correlated factors as in real surveys), rounded to 0.1 so that the file is
  exact text;
- ``drivers_nki_reference.json``: for that sample,

  * OLS intercept, slopes and standard errors by ``numpy.linalg.lstsq`` on the raw design
    matrix and the textbook ``sigma² (XᵀX)⁻¹``;
  * Johnson's (2000) relative weights by his *original* formulation on the data matrix:
    the singular value decomposition ``Z = P Δ Qᵀ`` of the standardised predictors, the
    orthogonal ``Z* = P Qᵀ``, ``Λ = Q Δ Qᵀ`` (correlations of Z with Z*), the regression of y
    on Z*, and ``ε_j = Σ_k Λ²_jk β²_k``. survey_stats instead uses the eigen-decomposition of
    the correlation matrix, so agreement checks both;
  * general dominance weights (Budescu 1993; Azen & Budescu 2003) by brute force: R² of all
    2⁶ = 64 subset regressions, and for each predictor the mean over subset sizes of its mean
    increment in R². Johnson's weights are an approximation of these; the test allows a
    small difference only.

Nothing here imports survey_stats.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
FACTORS = (
    "information",
    "tillganglighet",
    "bemotande",
    "kompetens",
    "rattssakerhet",
    "effektivitet",
)
SEED = 20260301
N = 240


def simulate() -> np.ndarray:
    """NKI-like data: a common 'general satisfaction' part makes the factors correlated."""
    rng = np.random.default_rng(SEED)
    general = rng.normal(0.0, 1.0, N)
    loadings = np.array([0.7, 0.5, 0.6, 0.65, 0.55, 0.75])
    noise = rng.normal(0.0, 1.0, (N, 6))
    factors = 70 + 12 * (general[:, None] * loadings + noise * np.sqrt(1 - loadings**2))
    factors = np.clip(factors, 0, 100)
    beta = np.array([0.20, 0.05, 0.10, 0.15, 0.05, 0.30])
    nki = np.clip(10 + factors @ beta + rng.normal(0, 6, N), 0, 100)
    return np.round(np.column_stack([nki, factors]), 1)


def ols(y: np.ndarray, x: np.ndarray) -> dict[str, object]:
    design = np.column_stack([np.ones(len(y)), x])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ coef
    df = len(y) - design.shape[1]
    sigma2 = float(resid @ resid) / df
    cov = sigma2 * np.linalg.inv(design.T @ design)
    tss = float(((y - y.mean()) ** 2).sum())
    return {
        "intercept": float(coef[0]),
        "coefficients": [float(c) for c in coef[1:]],
        "standard_errors": [float(s) for s in np.sqrt(np.diag(cov))[1:]],
        "r_squared": 1 - float(resid @ resid) / tss,
    }


def r_squared(y: np.ndarray, x: np.ndarray) -> float:
    if x.shape[1] == 0:
        return 0.0
    design = np.column_stack([np.ones(len(y)), x])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ coef
    return 1 - float(resid @ resid) / float(((y - y.mean()) ** 2).sum())


def johnson_svd(y: np.ndarray, x: np.ndarray) -> list[float]:
    n = len(y)
    z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1) / math.sqrt(n - 1)
    zy = (y - y.mean()) / y.std(ddof=1) / math.sqrt(n - 1)
    p_mat, delta, q_t = np.linalg.svd(z, full_matrices=False)
    z_star = p_mat @ q_t
    lam = q_t.T @ np.diag(delta) @ q_t
    beta = z_star.T @ zy  # z_star has orthonormal columns
    return [float(v) for v in (lam**2) @ (beta**2)]


def general_dominance(y: np.ndarray, x: np.ndarray) -> list[float]:
    p = x.shape[1]
    cache = {
        subset: r_squared(y, x[:, list(subset)])
        for size in range(p + 1)
        for subset in itertools.combinations(range(p), size)
    }
    weights = []
    for j in range(p):
        others = [k for k in range(p) if k != j]
        by_size = []
        for size in range(p):
            gains = [
                cache[tuple(sorted((*subset, j)))] - cache[subset]
                for subset in itertools.combinations(others, size)
            ]
            by_size.append(sum(gains) / len(gains))
        weights.append(sum(by_size) / p)
    return weights


def main() -> None:
    data = simulate()
    y, x = data[:, 0], data[:, 1:]
    header = "nki," + ",".join(FACTORS)
    np.savetxt(
        HERE / "drivers_nki_sample.csv", data, delimiter=",", fmt="%.1f", header=header, comments=""
    )
    reference = {
        "source": "make_driver_reference.py (numpy lstsq, Johnson SVD form, all-subsets dominance)",
        "factors": list(FACTORS),
        "n": len(y),
        "ols": ols(y, x),
        "johnson_raw_weights": johnson_svd(y, x),
        "general_dominance_weights": general_dominance(y, x),
    }
    (HERE / "drivers_nki_reference.json").write_text(
        json.dumps(reference, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
