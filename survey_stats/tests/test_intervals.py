"""Tests of survey_stats.intervals: Student-t from sufficient statistics, BCa bootstrap."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from survey_stats.indices import Scale, nki_indices
from survey_stats.intervals import (
    ConfidenceInterval,
    SufficientStatistics,
    bca_interval,
    mean_estimate,
    mean_estimate_from_stats,
    t_intervals_from_stats,
)

index_values = st.lists(
    st.floats(0, 100, allow_nan=False, allow_subnormal=False), min_size=2, max_size=60
)


def simulated_nki(rng: np.random.Generator, size: int) -> np.ndarray:
    """Per-answer-set NKI of a skewed, realistic population (1–10 scale, some items missing)."""
    latent = rng.beta(5, 2, size=(size, 1))
    answers = np.clip(np.rint(1 + 9 * latent + rng.normal(0, 1.2, (size, 3))), 1, 10)
    answers[rng.random((size, 3)) < 0.08] = np.nan
    return nki_indices(answers, Scale(1, 10))


def test_t_interval_hand_worked_values() -> None:
    # 50, 60, 70: mean 60, s = 10, se = 10/√3; with 2 degrees of freedom the t quantile has
    # the closed form (2p − 1) / √(2p(1 − p)) = 4.30265272974946…
    estimate = mean_estimate([50.0, 60.0, 70.0])

    assert estimate.n == 3
    assert estimate.mean == 60.0
    assert estimate.standard_deviation == pytest.approx(10.0, abs=1e-12)
    assert estimate.standard_error == pytest.approx(10 / math.sqrt(3), abs=1e-12)
    p = 0.975
    half = (2 * p - 1) / math.sqrt(2 * p * (1 - p)) * 10 / math.sqrt(3)
    assert estimate.ci is not None
    assert estimate.ci.low == pytest.approx(60 - half, abs=1e-10)
    assert estimate.ci.high == pytest.approx(60 + half, abs=1e-10)


def test_t_interval_matches_scipy() -> None:
    values = np.array([44.4, 55.6, 66.7, 77.8, 88.9, 100.0, 33.3, 66.7, 77.8, 88.9])
    low, high = stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=stats.sem(values))

    ci = mean_estimate(values).ci

    assert ci is not None
    assert ci.low == pytest.approx(low, abs=1e-10)
    assert ci.high == pytest.approx(high, abs=1e-10)


def test_interval_is_clipped_to_the_scale() -> None:
    estimate = mean_estimate([100.0, 100.0, 100.0, 80.0])

    assert estimate.ci is not None
    assert estimate.ci.high == 100.0
    assert estimate.ci.low < estimate.mean  # type: ignore[operator]
    low_end = mean_estimate([0.0, 0.0, 25.0]).ci
    assert low_end is not None
    assert low_end.low == 0.0


def test_edge_cases_n_below_two_and_all_equal() -> None:
    assert mean_estimate([]).mean is None
    one = mean_estimate([42.0, math.nan])
    assert (one.n, one.mean, one.ci) == (1, 42.0, None)
    # 7 × 700/9 is not exactly representable; the cancellation noise must give s = 0.
    equal = mean_estimate([700 / 9] * 7)
    assert equal.standard_deviation == 0.0
    assert equal.ci == ConfidenceInterval(equal.mean, equal.mean)  # type: ignore[arg-type]


def test_level_is_validated() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        t_intervals_from_stats([3], [1.0], [1.0], level=95)


@given(index_values)
def test_database_aggregates_give_the_same_numbers(values: list[float]) -> None:
    array = np.array(values)
    from_values = mean_estimate(array)
    # A database sums in its own order (here: exactly, as NUMERIC would).
    aggregate = SufficientStatistics(len(values), math.fsum(values), math.fsum(array**2))

    from_stats = mean_estimate_from_stats(aggregate)

    assert mean_estimate_from_stats(SufficientStatistics.of(array)) == from_values
    assert from_stats.n == from_values.n
    assert from_stats.mean == pytest.approx(from_values.mean, abs=1e-10)
    assert from_stats.standard_error == pytest.approx(from_values.standard_error, abs=1e-6)


@given(index_values, st.randoms(use_true_random=False))
def test_interval_bounds_and_order_invariance(values: list[float], random: object) -> None:
    estimate = mean_estimate(values)
    shuffled = list(values)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    again = mean_estimate(shuffled)

    assert estimate.ci is not None
    assert again.ci is not None
    assert 0.0 <= estimate.ci.low <= estimate.mean <= estimate.ci.high <= 100.0  # type: ignore[operator]
    assert again.mean == pytest.approx(estimate.mean, abs=1e-9)
    assert again.ci.low == pytest.approx(estimate.ci.low, abs=1e-7)


@pytest.mark.slow
@pytest.mark.parametrize("n", [10, 50])
def test_t_interval_covers_the_true_mean_95_percent_of_the_time(n: int) -> None:
    rng = np.random.default_rng(20261204 + n)
    true_mean = float(np.nanmean(simulated_nki(rng, 1_000_000)))
    groups = 4000
    values = simulated_nki(rng, groups * n).reshape(groups, n)
    valid = ~np.isnan(values)
    clean = np.where(valid, values, 0.0)

    _, _, low, high = t_intervals_from_stats(
        valid.sum(axis=1), clean.sum(axis=1), (clean**2).sum(axis=1)
    )

    coverage = float(np.mean((low <= true_mean) & (true_mean <= high)))
    assert 0.93 <= coverage <= 0.97, coverage


def test_bca_interval_agrees_with_scipy() -> None:
    values = simulated_nki(np.random.default_rng(3), 40)
    values = values[~np.isnan(values)]
    reference = stats.bootstrap(
        (values,), np.mean, method="BCa", n_resamples=20000, random_state=np.random.default_rng(4)
    ).confidence_interval

    ci = bca_interval(values, np.random.default_rng(5), n_resamples=20000)

    assert ci is not None
    assert ci.low == pytest.approx(reference.low, abs=0.6)
    assert ci.high == pytest.approx(reference.high, abs=0.6)
    assert ci.low < float(values.mean()) < ci.high


def test_bca_interval_is_reproducible_with_a_seed_and_handles_edge_cases() -> None:
    values = [30.0, 55, 60, 70, 70, 80, 90, 100, 100, 100]
    first = bca_interval(values, np.random.default_rng(11), n_resamples=2000)
    second = bca_interval(values, np.random.default_rng(11), n_resamples=2000)

    assert first == second
    assert first is not None
    assert 0.0 <= first.low < first.high <= 100.0
    assert bca_interval([50.0], np.random.default_rng(1)) is None
    assert bca_interval([80.0] * 9, np.random.default_rng(1)) == ConfidenceInterval(80.0, 80.0)
    with pytest.raises(ValueError, match="at least 100 resamples"):
        bca_interval(values, np.random.default_rng(1), n_resamples=10)
