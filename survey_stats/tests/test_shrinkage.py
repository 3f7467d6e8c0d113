"""Tests of survey_stats.shrinkage: empirical-Bayes shrinkage toward the comparison mean."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from survey_stats.shrinkage import SHRUNKEN_LABEL, empirical_bayes_shrinkage

DOCS = Path(__file__).parents[2] / "docs" / "statistics"

# The worked example of docs/statistics/shrinkage.md.
EXAMPLE_MEANS = [60.0, 70.0, 80.0]
EXAMPLE_N = [25, 100, 25]
EXAMPLE_SIGMA2 = 400.0


def test_dersimonian_laird_worked_example_matches_hand_computation() -> None:
    result = empirical_bayes_shrinkage(
        EXAMPLE_MEANS, EXAMPLE_N, within_variance=EXAMPLE_SIGMA2, comparison_mean=70.0
    )

    # v = 16, 4, 16; w = 1/16, 1/4, 1/16; weighted mean 70; Q = 12.5;
    # c = 0.375 - 0.0703125 / 0.375 = 0.1875; tau² = (12.5 - 2) / 0.1875 = 56.
    assert result.between_group_variance == pytest.approx(56.0, abs=1e-12)
    assert [e.shrinkage_factor for e in result.estimates] == pytest.approx(
        [16 / 72, 4 / 60, 16 / 72], abs=1e-15
    )
    first = result.estimates[0]
    assert first.value == pytest.approx(60 + (16 / 72) * 10, abs=1e-12)
    # Naive part (1 - B) v, plus the tau² correction (v / (v + tau²)²)² · 2 / Σw² · (ȳ - μ)²
    # with Σw² = 2 / 72² + 1 / 60².
    tau2_variance = 2 / (2 / 72**2 + 1 / 60**2)
    assert result.between_group_variance_standard_error == pytest.approx(
        math.sqrt(tau2_variance), abs=1e-12
    )
    expected_variance = (56 / 72) * 16 + (16 / 72**2) ** 2 * tau2_variance * 100
    assert first.standard_error == pytest.approx(math.sqrt(expected_variance), abs=1e-12)
    assert result.estimates[1].standard_error == pytest.approx(math.sqrt((56 / 60) * 4))
    assert first.ci.low == pytest.approx(first.value - 1.959963984540054 * first.standard_error)
    assert result.estimates[1].value == 70.0
    assert not result.comparison_mean_estimated
    assert result.label == first.label == SHRUNKEN_LABEL
    assert first.method == result.method == "dersimonian_laird"
    assert first.raw_mean == 60.0


def test_estimated_comparison_mean_adds_its_uncertainty() -> None:
    result = empirical_bayes_shrinkage([60.0, 70.0, 86.0], EXAMPLE_N, within_variance=400.0)
    tau2 = result.between_group_variance
    v = np.array([16.0, 4.0, 16.0])
    precision = 1 / (v + tau2)
    mu = float(np.sum(precision * [60.0, 70.0, 86.0]) / precision.sum())
    b = v / (v + tau2)

    assert result.comparison_mean_estimated
    assert result.comparison_mean == pytest.approx(mu, abs=1e-12)
    tau2_term = (v / (v + tau2) ** 2) ** 2 * 2 / np.sum(precision**2)
    assert [e.standard_error for e in result.estimates] == pytest.approx(
        np.sqrt(
            (1 - b) * v + b**2 / precision.sum() + tau2_term * (np.array([60, 70, 86]) - mu) ** 2
        ),
        abs=1e-12,
    )


def test_reml_equals_direct_maximisation_of_restricted_likelihood() -> None:
    rng = np.random.default_rng(17)
    n = rng.integers(3, 120, 30)
    means = np.clip(rng.normal(70, 5, 30) + rng.normal(0, 18 / np.sqrt(n)), 0, 100)
    v = 324.0 / n

    def negative_reml(tau2: float) -> float:
        w = 1 / (v + tau2)
        mu = np.sum(w * means) / w.sum()
        return 0.5 * float(
            np.sum(np.log(v + tau2)) + math.log(w.sum()) + np.sum(w * (means - mu) ** 2)
        )

    direct = optimize.minimize_scalar(
        negative_reml, bounds=(0, 500), method="bounded", options={"xatol": 1e-10}
    )
    result = empirical_bayes_shrinkage(means, n, within_variance=324.0, method="reml")

    assert result.method == "reml"
    assert result.between_group_variance == pytest.approx(direct.x, abs=1e-5)
    assert result.between_group_variance > 0


def test_homogeneous_groups_are_shrunk_fully_to_the_mean() -> None:
    result = empirical_bayes_shrinkage([70.0, 70.5, 69.5], [10, 10, 10], within_variance=400.0)

    assert result.between_group_variance == 0.0
    assert all(e.shrinkage_factor == 1.0 for e in result.estimates)
    assert all(e.value == pytest.approx(70.0) for e in result.estimates)


def test_within_variance_is_pooled_over_groups_with_two_or_more_answers() -> None:
    result = empirical_bayes_shrinkage([60.0, 70.0, 80.0], [5, 11, 1], [100.0, 400.0, float("nan")])

    assert result.within_group_variance == pytest.approx((4 * 100 + 10 * 400) / 14)
    assert result.estimates[2].n == 1


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    k=st.integers(2, 40),
    method=st.sampled_from(["dersimonian_laird", "reml"]),
    given_mean=st.booleans(),
)
def test_shrinkage_properties(seed: int, k: int, method: Any, given_mean: bool) -> None:
    rng = np.random.default_rng(seed)
    n = rng.integers(1, 200, k)
    means = np.clip(rng.normal(70, rng.uniform(0, 10)) + rng.normal(0, 20 / np.sqrt(n)), 0, 100)
    comparison = float(rng.uniform(50, 90)) if given_mean else None

    result = empirical_bayes_shrinkage(
        means, n, within_variance=400.0, comparison_mean=comparison, method=method
    )

    mu = result.comparison_mean
    assert result.between_group_variance >= 0
    for estimate in result.estimates:
        assert estimate.label == SHRUNKEN_LABEL
        assert 0.0 <= estimate.shrinkage_factor <= 1.0
        low, high = sorted((estimate.raw_mean, mu))
        assert low - 1e-9 <= estimate.value <= high + 1e-9
        assert estimate.ci.low <= estimate.value <= estimate.ci.high
        assert estimate.ci.low >= 0.0
        assert estimate.ci.high <= 100.0
    order = np.argsort(n, kind="stable")
    factors = np.array([e.shrinkage_factor for e in result.estimates])[order]
    assert np.all(np.diff(factors) <= 1e-12)  # more answers, less shrinkage


def test_shrinkage_beats_raw_means_and_intervals_cover_in_simulation() -> None:
    rng = np.random.default_rng(2024)
    raw_error = shrunk_error = 0.0
    covered = total = 0
    for _ in range(200):
        n = rng.integers(5, 80, 40)
        truth = rng.normal(70, 5, 40)
        sample_means = truth + rng.normal(0, 20 / np.sqrt(n))
        result = empirical_bayes_shrinkage(sample_means.clip(0, 100), n, within_variance=400.0)
        values = np.array([e.value for e in result.estimates])
        raw_error += float(np.sum((sample_means - truth) ** 2))
        shrunk_error += float(np.sum((values - truth) ** 2))
        covered += sum(
            e.ci.low <= t <= e.ci.high for e, t in zip(result.estimates, truth, strict=True)
        )
        total += 40
    assert shrunk_error < 0.8 * raw_error
    assert 0.93 <= covered / total <= 0.97


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"means": [70.0]}, "means"),
        ({"means": [70.0, 101.0]}, "means"),
        ({"n": [10, 0]}, "n"),
        ({"n": [10.5, 3.0]}, "n"),
        ({"n": [10, 3, 4]}, "n"),
        ({"variances": [100.0, -1.0]}, "variances"),
        ({"variances": None}, "variances"),
        ({"variances": [0.0, 0.0]}, "variances"),
        ({"within_variance": 0.0}, "within_variance"),
        ({"method": "bayes"}, "method"),
        ({"comparison_mean": 120.0}, "comparison_mean"),
        ({"confidence_level": 1.5}, "confidence_level"),
    ],
)
def test_empirical_bayes_shrinkage_rejects_bad_input(kwargs: dict[str, Any], argument: str) -> None:
    arguments: dict[str, Any] = {"means": [60.0, 70.0], "n": [10, 3], "variances": [100.0, 90.0]}
    arguments.update(kwargs)
    means, n, variances = arguments.pop("means"), arguments.pop("n"), arguments.pop("variances")

    with pytest.raises(ValueError, match=argument):
        empirical_bayes_shrinkage(means, n, variances, **arguments)


def test_shrinkage_page_worked_example_matches_computation() -> None:
    page = (DOCS / "shrinkage.md").read_text(encoding="utf-8")
    result = empirical_bayes_shrinkage(
        EXAMPLE_MEANS, EXAMPLE_N, within_variance=EXAMPLE_SIGMA2, comparison_mean=70.0
    )

    assert f"{result.between_group_variance:.2f}" in page
    for estimate in result.estimates:
        row = (
            f"| {estimate.raw_mean:.1f} | {estimate.n} | {estimate.shrinkage_factor:.4f} "
            f"| {estimate.value:.2f} | {estimate.standard_error:.2f} "
            f"| {estimate.ci.low:.2f}–{estimate.ci.high:.2f} |"
        )
        assert row in page
