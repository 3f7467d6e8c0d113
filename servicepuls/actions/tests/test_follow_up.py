"""Follow-up of effect equals the statistics core on the same answers."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from scipy import stats

from servicepuls.actions.follow_up import baseline_for_action, follow_up_for_action
from servicepuls.actions.models import ActionKind, ActionStatus
from servicepuls.actions.services import action_create, action_transition
from servicepuls.actions.tests.conftest import answers_create

pytestmark = pytest.mark.django_db


def _decided(steering_user, department, area, factor="", decided_on=dt.date(2026, 3, 1)):
    action = action_create(
        actor=steering_user,
        kind=ActionKind.PROCESS,
        title="Åtgärd",
        description="…",
        owner_department=department,
        target_area=area,
        target_factor=factor,
    )
    return action_transition(
        actor=steering_user, action=action, to_status=ActionStatus.DECIDED, today=decided_on
    )


def test_the_baseline_is_the_latest_complete_year_before_the_decision(
    steering_user, department, bygglov, rising_bygglov_answers
):
    action = _decided(steering_user, department, bygglov)

    values = np.array(rising_bygglov_answers[2025])
    assert action.baseline_year == 2025
    assert action.baseline_n == 40
    assert action.baseline_value == pytest.approx(values.mean(), abs=1e-9)
    half_width = stats.t.ppf(0.975, 39) * values.std(ddof=1) / np.sqrt(40)
    assert action.baseline_ci_low == pytest.approx(values.mean() - half_width, abs=1e-9)
    assert action.baseline_ci_high == pytest.approx(values.mean() + half_width, abs=1e-9)


def test_later_years_are_compared_with_the_baseline_by_welch(
    steering_user, department, bygglov, rising_bygglov_answers
):
    action = _decided(steering_user, department, bygglov)

    follow_up = follow_up_for_action(action)

    (point,) = follow_up.points
    before, after = np.array(rising_bygglov_answers[2025]), np.array(rising_bygglov_answers[2026])
    welch = stats.ttest_ind(after, before, equal_var=False)
    assert point.measurement.year == 2026
    assert point.measurement.value == pytest.approx(after.mean(), abs=1e-9)
    assert point.difference == pytest.approx(after.mean() - before.mean(), abs=1e-9)
    assert point.p_value == pytest.approx(welch.pvalue, rel=1e-9)
    assert point.significant is bool(welch.pvalue < 0.05)
    assert point.direction == "rise"


def test_a_change_within_noise_is_not_worded_as_a_rise(
    steering_user, department, bygglov, municipality_a
):
    answers_create(municipality_a, bygglov, 2025, [60, 70, 50, 65, 55, 62, 58, 66])
    answers_create(municipality_a, bygglov, 2026, [61, 71, 52, 64, 57, 63, 59, 67])
    action = _decided(steering_user, department, bygglov)

    (point,) = follow_up_for_action(action).points

    assert point.difference == pytest.approx(1.0)
    assert point.significant is False
    assert point.direction == "unchanged"


def test_groups_under_seven_answers_show_no_value_and_no_change(
    steering_user, department, bygglov, municipality_a
):
    answers_create(municipality_a, bygglov, 2025, [60, 70, 50, 65, 55, 62, 58, 66])
    answers_create(municipality_a, bygglov, 2026, [90, 95, 99])
    action = _decided(steering_user, department, bygglov)

    (point,) = follow_up_for_action(action).points

    assert point.measurement.suppressed
    assert point.measurement.value is None
    assert point.difference is None
    assert point.direction == "unchanged"


def test_a_factor_target_follows_that_factor_index(
    steering_user, department, bygglov, municipality_a
):
    answers_create(municipality_a, bygglov, 2025, [40] * 4 + [50] * 4, measure="information")
    action = _decided(steering_user, department, bygglov, factor="information")

    baseline = baseline_for_action(action)

    assert baseline is not None
    assert (baseline.year, baseline.n, baseline.value) == (2025, 8, 45.0)


def test_without_answers_there_is_no_baseline(steering_user, department, bygglov):
    action = _decided(steering_user, department, bygglov)

    assert action.baseline_year is None
    assert follow_up_for_action(action).points == ()
