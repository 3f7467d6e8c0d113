"""Tests of survey_stats.change (Welch) and survey_stats.total (total NKI)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from survey_stats.change import (
    ChangeDirection,
    welch_change,
    welch_change_from_stats,
    welch_tests_from_stats,
)
from survey_stats.groups import Key
from survey_stats.intervals import SufficientStatistics
from survey_stats.total import counted_rows, design_counts_in_total, total_table

BEFORE = [60.0, 70, 65, 55, 75, 60, 70, 65]
AFTER = [80.0, 85, 75, 90, 80, 85, 70, 80]


def test_welch_matches_scipy() -> None:
    reference = stats.ttest_ind(AFTER, BEFORE, equal_var=False)
    interval = reference.confidence_interval(0.95)

    change = welch_change(BEFORE, AFTER)

    assert change.difference == pytest.approx(np.mean(AFTER) - np.mean(BEFORE), abs=1e-12)
    assert change.t_statistic == pytest.approx(reference.statistic, abs=1e-10)
    assert change.degrees_of_freedom == pytest.approx(reference.df, abs=1e-10)
    assert change.p_value == pytest.approx(reference.pvalue, rel=1e-8)
    assert change.ci is not None
    assert change.ci.low == pytest.approx(interval.low, abs=1e-9)
    assert change.ci.high == pytest.approx(interval.high, abs=1e-9)
    assert change.direction is ChangeDirection.RISE
    assert change.significant


def test_change_is_worded_only_when_significant() -> None:
    fall = welch_change(AFTER, BEFORE)
    assert fall.direction is ChangeDirection.FALL
    assert fall.direction.label == "säkerställd minskning"

    # 5 points up, but with these spreads p > 0.05: no rise is claimed.
    small = welch_change([50.0, 90, 60, 80, 70, 40, 100, 70], [55.0, 95, 65, 85, 75, 45, 100, 80])
    assert small.p_value is not None
    assert small.p_value > 0.05
    assert small.difference is not None
    assert small.difference > 0
    assert small.direction is ChangeDirection.NO_SIGNIFICANT_CHANGE
    assert small.direction.label == "ingen säkerställd förändring"
    assert not small.significant


def test_change_with_a_suppressed_period_is_not_comparable() -> None:
    change = welch_change(BEFORE[:6], AFTER)

    assert change.direction is ChangeDirection.NOT_COMPARABLE
    assert (change.difference, change.p_value, change.ci) == (None, None, None)
    assert (change.n_earlier, change.n_later) == (6, 8)
    assert change.direction.label_en == "too few answers to compare"


def test_zero_variance_periods() -> None:
    same = welch_change([70.0] * 7, [70.0] * 7)
    assert (same.p_value, same.direction) == (1.0, ChangeDirection.NO_SIGNIFICANT_CHANGE)
    up = welch_change([70.0] * 7, [80.0] * 7)
    assert (up.p_value, up.direction) == (0.0, ChangeDirection.RISE)


def test_vectorised_welch_from_stats() -> None:
    a = SufficientStatistics.of(BEFORE)
    b = SufficientStatistics.of(AFTER)

    d, t, df, p, low, high = welch_tests_from_stats(
        ([a.n, 1], [a.total, 50.0], [a.sum_of_squares, 2500.0]),
        ([b.n, 8], [b.total, b.total], [b.sum_of_squares, b.sum_of_squares]),
    )

    single = welch_change_from_stats(a, b)
    assert d[0] == single.difference
    assert t[0] == single.t_statistic
    assert df[0] == single.degrees_of_freedom
    assert single.ci is not None
    assert (low[0], high[0]) == (single.ci.low, single.ci.high)
    assert p[0] == single.p_value
    assert math.isnan(d[1])
    assert math.isnan(p[1])


values_strategy = st.lists(
    st.floats(0, 100, allow_nan=False, allow_subnormal=False), min_size=7, max_size=30
)


@given(values_strategy, values_strategy)
def test_welch_properties(earlier: list[float], later: list[float]) -> None:
    forward = welch_change(earlier, later)
    backward = welch_change(later, earlier)

    assert forward.p_value is not None
    assert 0.0 <= forward.p_value <= 1.0
    assert backward.p_value == pytest.approx(forward.p_value, abs=1e-12)
    assert backward.difference == pytest.approx(-forward.difference, abs=1e-9)  # type: ignore[operator]
    assert forward.significant == (forward.p_value < 0.05)
    if forward.direction is ChangeDirection.RISE:
        assert backward.direction is ChangeDirection.FALL


def test_design_total_rules() -> None:
    assert design_counts_in_total("markupplatelse", 2023)
    assert not design_counts_in_total("markupplatelse", 2024)
    assert not design_counts_in_total("ovrigt", 2020)
    area = Key.from_values("area", ["bygglov", "brandtillsyn", "brandtillsyn", "upphandling"])
    year = Key.from_values("year", [2024, 2023, 2024, 2023])
    assert counted_rows(area, year, design_counts_in_total).tolist() == [True, True, False, False]


def test_total_weighs_every_answer_set_the_same_and_follows_the_year_rules() -> None:
    # Haninge 2023: bygglov 7 × 60, brandtillsyn 7 × 80 (counts until 2023), upphandling 7 × 0.
    # Haninge 2024: the same answers, but brandtillsyn no longer counts.
    areas = (["bygglov"] * 7 + ["brandtillsyn"] * 7 + ["upphandling"] * 7) * 2
    years = [2023] * 21 + [2024] * 21
    nki = ([60.0] * 7 + [80.0] * 7 + [0.0] * 7) * 2
    organisation = Key.from_values("organisation", ["0136"] * 42)

    total = total_table(
        organisation, Key.from_values("area", areas), Key.from_values("year", years), nki
    )

    assert [total.labels(g) for g in range(len(total))] == [("0136", "2023"), ("0136", "2024")]
    assert total.n.tolist() == [14, 7]
    assert total.nki.tolist() == [70.0, 60.0]


def test_total_with_a_custom_rule_and_only_non_counting_areas() -> None:
    organisation = Key.from_values("organisation", ["0192"] * 8)
    area = Key.from_values("area", ["upphandling"] * 8)
    year = Key.from_values("year", [2024] * 8)

    assert len(total_table(organisation, area, year, [70.0] * 8)) == 0
    everything = total_table(
        organisation, area, year, [70.0] * 8, counts_in_total=lambda a, y: True
    )
    assert everything.nki.tolist() == [70.0]
