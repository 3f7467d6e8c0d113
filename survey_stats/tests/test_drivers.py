"""Tests of survey_stats.drivers: OLS, Johnson's relative weights, pooled fallback."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from survey_stats.drivers import (
    FACTORS,
    DegenerateDataError,
    default_min_n,
    driver_analysis,
    ols_fit,
    relative_weights,
    relative_weights_from_correlations,
)

REFERENCE = Path(__file__).parent / "reference"
DOCS = Path(__file__).parents[2] / "docs" / "statistics"
TRUE_BETA = np.array([0.20, 0.05, 0.10, 0.15, 0.05, 0.30])


def _nki_data(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Correlated factor indices and NKI from a known linear model."""
    general = rng.normal(size=(n, 1))
    factors = 70 + 12 * (0.6 * general + 0.8 * rng.normal(size=(n, 6)))
    nki = 8 + factors @ TRUE_BETA + rng.normal(0, 6, n)
    return nki, factors


def _two_predictor_example() -> tuple[float, float, float, float]:
    """Hand-worked weights for r12 = 0.5, r_y1 = 0.6, r_y2 = 0.4 (see drivers.md)."""
    # The symmetric root of [[1, .5], [.5, 1]] is [[cos 15°, sin 15°], [sin 15°, cos 15°]],
    # and its determinant is cos 30°.
    a, b = math.cos(math.pi / 12), math.sin(math.pi / 12)
    beta1 = (0.6 * a - 0.4 * b) / math.cos(math.pi / 6)
    beta2 = (0.4 * a - 0.6 * b) / math.cos(math.pi / 6)
    eps1 = a**2 * beta1**2 + b**2 * beta2**2
    eps2 = b**2 * beta1**2 + a**2 * beta2**2
    r_squared = (0.36 + 0.16 - 2 * 0.5 * 0.6 * 0.4) / (1 - 0.25)
    return eps1, eps2, r_squared, r_squared


def test_relative_weights_from_correlations_matches_hand_worked_two_predictor_case() -> None:
    eps1, eps2, r_squared, _ = _two_predictor_example()

    weights = relative_weights_from_correlations([[1.0, 0.5], [0.5, 1.0]], [0.6, 0.4])

    assert weights.raw == pytest.approx([eps1, eps2], abs=1e-14)
    assert weights.r_squared == pytest.approx(r_squared, abs=1e-14)
    assert weights.r_squared == pytest.approx(0.28 / 0.75, abs=1e-14)
    assert weights.rescaled == pytest.approx([eps1 / r_squared, eps2 / r_squared], abs=1e-14)


def test_relative_weights_equal_squared_standardised_betas_for_uncorrelated_predictors() -> None:
    # Two exactly orthogonal, centred predictors.
    x = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]] * 3)
    y = np.array([3.0, 1.0, 0.5, -2.0, 2.5, 1.5, 0.0, -1.5, 3.5, 0.5, 1.0, -2.5])
    fit = ols_fit(y, x)
    standardised = np.array(fit.coefficients) * x.std(axis=0, ddof=1) / y.std(ddof=1)

    weights = relative_weights(y, x)

    assert weights.raw == pytest.approx(standardised**2, abs=1e-12)
    assert weights.r_squared == pytest.approx(fit.r_squared, abs=1e-12)


def test_relative_weights_match_published_rwa_output_for_mtcars() -> None:
    published = json.loads((REFERENCE / "mtcars_rwa.json").read_text(encoding="utf-8"))
    data = np.genfromtxt(REFERENCE / "mtcars_rwa.csv", delimiter=",", skip_header=1)[:, 1:]

    weights = relative_weights(data[:, 0], data[:, 1:])

    assert weights.r_squared == pytest.approx(published["r_squared"], abs=1e-7)
    assert weights.raw == pytest.approx(published["raw_weights"], abs=1e-7)
    percent = [100 * w for w in weights.rescaled]
    assert percent == pytest.approx(published["rescaled_weights_percent"], abs=1e-5)


def test_ols_and_weights_match_independent_reference_on_nki_sample() -> None:
    reference = json.loads((REFERENCE / "drivers_nki_reference.json").read_text(encoding="utf-8"))
    data = np.loadtxt(REFERENCE / "drivers_nki_sample.csv", delimiter=",", skiprows=1)

    result = driver_analysis(data[:, 0], data[:, 1:], min_n=0)

    assert [d.coefficient for d in result.drivers] == pytest.approx(
        reference["ols"]["coefficients"], abs=1e-10
    )
    assert [d.standard_error for d in result.drivers] == pytest.approx(
        reference["ols"]["standard_errors"], abs=1e-10
    )
    assert result.intercept == pytest.approx(reference["ols"]["intercept"], abs=1e-9)
    assert result.r_squared == pytest.approx(reference["ols"]["r_squared"], abs=1e-12)
    raw = [d.relative_weight for d in result.drivers]
    assert raw == pytest.approx(reference["johnson_raw_weights"], abs=1e-12)
    # Johnson's weights approximate general dominance weights closely (Johnson 2000).
    assert raw == pytest.approx(reference["general_dominance_weights"], abs=5e-3)


def test_ols_fit_equals_linregress_and_lstsq_with_one_predictor() -> None:
    rng = np.random.default_rng(11)
    x = rng.uniform(30, 100, 50)
    y = 20 + 0.6 * x + rng.normal(0, 8, 50)
    reference = stats.linregress(x, y)
    coef, *_ = np.linalg.lstsq(np.column_stack([np.ones(50), x]), y, rcond=None)

    fit = ols_fit(y, x)

    assert fit.coefficients[0] == pytest.approx(reference.slope, rel=1e-12)
    assert fit.coefficients[0] == pytest.approx(coef[1], rel=1e-12)
    assert fit.intercept == pytest.approx(reference.intercept, rel=1e-12)
    assert fit.standard_errors[0] == pytest.approx(reference.stderr, rel=1e-12)
    assert fit.r_squared == pytest.approx(reference.rvalue**2, rel=1e-12)
    assert fit.adjusted_r_squared == pytest.approx(1 - (1 - fit.r_squared) * 49 / 48, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(10, 200),
    p=st.integers(1, 6),
    shared=st.floats(0.0, 0.95),
)
def test_relative_weights_properties(seed: int, n: int, p: int, shared: float) -> None:
    rng = np.random.default_rng(seed)
    common = rng.normal(size=(n, 1))
    x = shared * common + math.sqrt(1 - shared**2) * rng.normal(size=(n, p))
    y = x @ rng.normal(size=p) + rng.normal(size=n) * rng.uniform(0.1, 3)
    weights = relative_weights(y, x)
    fit = ols_fit(y, x)

    assert min(weights.raw) >= -1e-12
    assert math.fsum(weights.raw) == pytest.approx(weights.r_squared, abs=1e-9)
    assert weights.r_squared == pytest.approx(fit.r_squared, abs=1e-9)
    assert math.fsum(weights.rescaled) == pytest.approx(1.0, abs=1e-9)

    order = rng.permutation(p)
    permuted = relative_weights(y, x[:, order])
    assert permuted.raw == pytest.approx(np.array(weights.raw)[order], abs=1e-9)

    scale = rng.choice([-1.0, 1.0], p) * rng.uniform(0.01, 100, p)
    rescaled = relative_weights(y, x * scale + rng.uniform(-50, 50, p))
    assert rescaled.raw == pytest.approx(weights.raw, abs=1e-9)


def test_driver_analysis_recovers_true_effects_in_simulation() -> None:
    rng = np.random.default_rng(2026)
    nki, factors = _nki_data(rng, 20_000)

    result = driver_analysis(nki, factors)

    effects = np.array([d.effect for d in result.drivers])
    assert effects == pytest.approx(5 * TRUE_BETA, abs=0.06)
    for driver, beta in zip(result.drivers, TRUE_BETA, strict=True):
        assert abs(driver.effect - 5 * beta) < 4 * 5 * driver.standard_error
        assert driver.effect_ci.high - driver.effect_ci.low == pytest.approx(
            2 * 5 * stats.t.ppf(0.975, result.n - 7) * driver.standard_error
        )


def test_coefficient_intervals_cover_true_coefficient_about_95_percent() -> None:
    rng = np.random.default_rng(99)
    covered = 0
    runs = 400
    for _ in range(runs):
        nki, factors = _nki_data(rng, 120)
        driver = driver_analysis(nki, factors).driver("effektivitet")
        covered += driver.coefficient_ci.low <= TRUE_BETA[5] <= driver.coefficient_ci.high
    assert 0.92 <= covered / runs <= 0.98


def test_driver_analysis_uses_pooled_set_below_threshold_and_says_why() -> None:
    rng = np.random.default_rng(5)
    pooled_nki, pooled_factors = _nki_data(rng, 500)
    own_nki, own_factors = _nki_data(rng, 60)
    own_factors[:3, 2] = np.nan  # three incomplete answer sets

    result = driver_analysis(
        own_nki, own_factors, pooled_nki=pooled_nki, pooled_factors=pooled_factors
    )

    assert result.pooled
    assert result.own_n == 57
    assert result.min_n == default_min_n(6) == 98
    assert result.n == 500
    assert "57 complete answer sets" in (result.pooled_reason or "")
    assert result.r_squared == pytest.approx(ols_fit(pooled_nki, pooled_factors).r_squared)


def test_driver_analysis_keeps_own_data_at_threshold_with_listwise_deletion() -> None:
    rng = np.random.default_rng(6)
    nki, factors = _nki_data(rng, 110)
    nki[:5] = np.nan
    factors[5:12, 0] = np.nan  # 98 complete rows remain

    result = driver_analysis(nki, factors, pooled_nki=nki, pooled_factors=factors)

    assert not result.pooled
    assert result.pooled_reason is None
    assert (result.n, result.n_incomplete, result.own_n) == (98, 12, 98)
    complete = ols_fit(nki[12:], factors[12:])
    assert [d.coefficient for d in result.drivers] == pytest.approx(complete.coefficients)


def test_driver_analysis_without_pooled_set_below_threshold_raises() -> None:
    nki, factors = _nki_data(np.random.default_rng(1), 40)

    with pytest.raises(ValueError, match="pooled_nki"):
        driver_analysis(nki, factors)
    assert not driver_analysis(nki, factors, min_n=0).pooled


def test_driver_analysis_falls_back_when_own_data_are_degenerate() -> None:
    rng = np.random.default_rng(8)
    nki, factors = _nki_data(rng, 150)
    pooled_nki, pooled_factors = _nki_data(rng, 300)
    factors[:, 3] = 100.0  # everyone gave kompetens the top mark

    with pytest.raises(DegenerateDataError, match="'kompetens' is constant"):
        driver_analysis(nki, factors)
    result = driver_analysis(nki, factors, pooled_nki=pooled_nki, pooled_factors=pooled_factors)
    assert result.pooled
    assert "degenerate" in (result.pooled_reason or "")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda y, x: (y, np.column_stack([x[:, :5], x[:, 0] * 2 + 1])), "collinear"),
        (lambda y, x: (np.full_like(y, 75.0), x), "nki: is constant"),
        (lambda y, x: (y[:7], x[:7]), "complete rows"),
    ],
)
def test_degenerate_data_raise_degenerate_data_error(
    mutate: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]], message: str
) -> None:
    nki, factors = _nki_data(np.random.default_rng(3), 120)
    y, x = mutate(nki, factors)

    with pytest.raises(DegenerateDataError, match=message):
        driver_analysis(y, x, min_n=0)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"confidence_level": 1.0}, "confidence_level"),
        ({"effect_step": 0.0}, "effect_step"),
        ({"factor_names": FACTORS[:5]}, "factors"),
        ({"factor_names": ("a",) * 6}, "factor_names"),
        ({"min_n": -1}, "min_n"),
        ({"pooled_nki": np.zeros(3)}, "pooled_nki"),
    ],
)
def test_driver_analysis_rejects_bad_arguments(kwargs: dict[str, Any], argument: str) -> None:
    nki, factors = _nki_data(np.random.default_rng(4), 120)

    with pytest.raises(ValueError, match=argument):
        driver_analysis(nki, factors, **kwargs)


def test_bad_shapes_and_values_name_the_argument() -> None:
    with pytest.raises(ValueError, match="x: has 3 rows"):
        ols_fit([1.0, 2.0], [[1.0], [2.0], [3.0]])
    with pytest.raises(ValueError, match="y: contains an infinite"):
        relative_weights([1.0, math.inf, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="rxx: must be symmetric"):
        relative_weights_from_correlations([[1.0, 0.2], [0.3, 1.0]], [0.1, 0.2])
    with pytest.raises(ValueError, match="rxy: implies"):
        relative_weights_from_correlations([[1.0, 0.0], [0.0, 1.0]], [0.9, 0.9])


def test_drivers_page_worked_example_matches_computation() -> None:
    page = (DOCS / "drivers.md").read_text(encoding="utf-8")
    eps1, eps2, r_squared, _ = _two_predictor_example()

    for value in (eps1, eps2, r_squared, eps1 / r_squared, eps2 / r_squared):
        assert f"{value:.4f}" in page
    data = np.genfromtxt(REFERENCE / "mtcars_rwa.csv", delimiter=",", skip_header=1)[:, 1:]
    weights = relative_weights(data[:, 0], data[:, 1:])
    for value in (*weights.raw, weights.r_squared):
        assert f"{value:.7f}" in page
