"""Tests of survey_stats.standardisation: NKI by outcome and direct standardisation."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from survey_stats.standardisation import (
    ADJUSTED_LABEL,
    outcome_adjusted_nki,
    reference_outcome_mix,
)

DOCS = Path(__file__).parents[2] / "docs" / "statistics"

# The worked example of docs/statistics/outcome-adjustment.md.
EXAMPLE_NKI = [80.0, 90.0, 70.0, 85.0, 75.0, 80.0, 80.0, 40.0, 50.0, 60.0, 45.0, 55.0, 50.0, 50.0]
EXAMPLE_OUTCOME = ["approved"] * 7 + ["rejected"] * 7
EXAMPLE_MIX = {"approved": 0.8, "rejected": 0.2, "other": 0.0}


def test_worked_example_matches_hand_computation() -> None:
    result = outcome_adjusted_nki(EXAMPLE_NKI, EXAMPLE_OUTCOME, reference_mix=EXAMPLE_MIX)

    # Both strata: deviations 0, ±10, ±5, 0, 0 -> s² = 250 / 6, SE² = s² / 7 = 125 / 21.
    stratum_se2 = 125 / 21
    variance = 0.8**2 * stratum_se2 + 0.2**2 * stratum_se2
    df = variance**2 / ((0.8**2 * stratum_se2) ** 2 / 6 + (0.2**2 * stratum_se2) ** 2 / 6)
    t = stats.t.ppf(0.975, df)
    assert result.label == ADJUSTED_LABEL
    assert result.method == "direct_standardisation"
    assert result.computable
    assert result.crude == 65.0
    assert result.value == pytest.approx(0.8 * 80 + 0.2 * 50, abs=1e-12)
    assert result.standard_error == pytest.approx(math.sqrt(85 / 21), abs=1e-12)
    assert result.degrees_of_freedom == pytest.approx(df, abs=1e-12)
    assert result.degrees_of_freedom == pytest.approx(0.4624 * 6 / 0.4112, abs=1e-12)
    assert result.ci is not None
    assert result.ci.low == pytest.approx(74 - t * math.sqrt(85 / 21), abs=1e-10)
    assert result.ci.high == pytest.approx(74 + t * math.sqrt(85 / 21), abs=1e-10)
    approved = result.stratum("approved")
    assert (approved.n, approved.mean, approved.organisation_share) == (7, 80.0, 0.5)
    assert approved.standard_deviation == pytest.approx(math.sqrt(250 / 6), abs=1e-12)
    assert approved.ci is not None
    t6 = stats.t.ppf(0.975, 6)
    assert approved.ci.low == pytest.approx(80 - t6 * math.sqrt(125 / 21), abs=1e-10)


def test_single_reference_stratum_reduces_to_student_t_interval_of_that_stratum() -> None:
    result = outcome_adjusted_nki(
        EXAMPLE_NKI, EXAMPLE_OUTCOME, reference_mix={"approved": 1.0}, min_stratum_n=2
    )
    approved = result.stratum("approved")

    assert result.value == approved.mean
    assert result.degrees_of_freedom == pytest.approx(6)
    assert result.ci == approved.ci


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(30, 300))
def test_adjusted_equals_crude_mean_when_mix_equals_reference(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    outcome = rng.choice(["approved", "rejected", "other"], size=n, p=[0.7, 0.2, 0.1])
    outcome[:21] = ["approved"] * 7 + ["rejected"] * 7 + ["other"] * 7
    nki = np.clip(rng.normal(70, 20, n) - 15 * (outcome == "rejected"), 0, 100)

    result = outcome_adjusted_nki(nki, outcome, reference_mix=reference_outcome_mix(outcome))

    assert result.value == pytest.approx(result.crude, abs=1e-9)
    assert result.value == pytest.approx(float(nki.mean()), abs=1e-9)
    assert result.ci is not None
    assert result.value is not None
    assert result.ci.low <= result.value <= result.ci.high
    assert result.ci.low >= 0.0
    assert result.ci.high <= 100.0


def test_adjusted_interval_covers_true_standardised_value_about_95_percent() -> None:
    rng = np.random.default_rng(31)
    means = {"approved": 78.0, "rejected": 55.0, "other": 66.0}
    sizes = {"approved": 30, "rejected": 9, "other": 8}
    mix = {"approved": 0.7, "rejected": 0.2, "other": 0.1}
    truth = sum(mix[k] * means[k] for k in means)
    covered, runs = 0, 2000
    for _ in range(runs):
        nki = np.concatenate([rng.normal(means[k], 15, sizes[k]) for k in means])
        outcome = np.repeat(list(means), list(sizes.values()))
        result = outcome_adjusted_nki(nki.clip(0, 100), outcome, reference_mix=mix)
        assert result.ci is not None
        covered += result.ci.low <= truth <= result.ci.high
    assert 0.93 <= covered / runs <= 0.97


def test_empty_weighted_stratum_makes_estimate_not_computable() -> None:
    nki = [*EXAMPLE_NKI[:7], 50.0, 55.0]
    outcome = [*EXAMPLE_OUTCOME[:7], "rejected", "rejected"]

    result = outcome_adjusted_nki(nki, outcome, reference_mix={"approved": 0.8, "rejected": 0.2})

    assert not result.computable
    assert result.value is None
    assert result.standard_error is None
    assert result.ci is None
    assert result.reason == "fewer than 7 answer sets in stratum: rejected"
    assert result.label == ADJUSTED_LABEL
    assert result.stratum("rejected").mean == 52.5  # the stratum itself is still reported
    # An outcome with zero reference share may be empty.
    assert outcome_adjusted_nki(EXAMPLE_NKI, EXAMPLE_OUTCOME, reference_mix=EXAMPLE_MIX).computable


def test_missing_nki_and_unknown_outcomes_are_left_out_and_counted() -> None:
    nki = [*EXAMPLE_NKI, float("nan"), 100.0, 100.0]
    outcome = [*EXAMPLE_OUTCOME, "approved", "", None]

    result = outcome_adjusted_nki(nki, outcome, reference_mix=EXAMPLE_MIX)

    assert result.n == 14
    assert result.n_unknown_outcome == 2
    assert result.value == pytest.approx(74.0)


def test_reference_outcome_mix_counts_known_outcomes_only() -> None:
    mix = reference_outcome_mix(["approved", "rejected", "rejected", "other", "", "approved"])

    assert mix == {"approved": 0.4, "rejected": 0.4, "other": 0.2}
    with pytest.raises(ValueError, match="outcome"):
        reference_outcome_mix(["", None])


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"nki": [*EXAMPLE_NKI[:13], 101.0]}, "nki"),
        ({"nki": [*EXAMPLE_NKI[:13], -1.0]}, "nki"),
        ({"outcome": EXAMPLE_OUTCOME[:13]}, "outcome"),
        ({"reference_mix": {"approved": 1.0, "withdrawn": 0.1}}, "reference_mix"),
        ({"reference_mix": {"approved": -0.1, "rejected": 1.0}}, "reference_mix"),
        ({"reference_mix": {}}, "reference_mix"),
        ({"min_stratum_n": 1}, "min_stratum_n"),
        ({"confidence_level": 0.0}, "confidence_level"),
    ],
)
def test_outcome_adjusted_nki_rejects_bad_input(kwargs: dict[str, Any], argument: str) -> None:
    arguments: dict[str, Any] = {
        "nki": EXAMPLE_NKI,
        "outcome": EXAMPLE_OUTCOME,
        "reference_mix": EXAMPLE_MIX,
        **kwargs,
    }
    nki, outcome = arguments.pop("nki"), arguments.pop("outcome")

    with pytest.raises(ValueError, match=argument):
        outcome_adjusted_nki(nki, outcome, **arguments)


def test_outcome_adjustment_page_worked_example_matches_computation() -> None:
    page = (DOCS / "outcome-adjustment.md").read_text(encoding="utf-8")
    result = outcome_adjusted_nki(EXAMPLE_NKI, EXAMPLE_OUTCOME, reference_mix=EXAMPLE_MIX)
    assert result.ci is not None
    assert result.value is not None
    approved = result.stratum("approved")
    assert approved.ci is not None
    assert approved.standard_error is not None

    numbers = [
        f"{result.value:.2f}",
        f"{result.crude:.2f}",
        f"{result.standard_error:.4f}",
        f"{result.degrees_of_freedom:.3f}",
        f"{result.ci.low:.2f}",
        f"{result.ci.high:.2f}",
        f"{approved.standard_error:.4f}",
        f"{approved.ci.low:.2f}",
        f"{approved.ci.high:.2f}",
    ]
    for number in numbers:
        assert number in page
