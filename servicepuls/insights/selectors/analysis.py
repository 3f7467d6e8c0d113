"""Analyses that need per-answer-set values: driver analysis and outcome adjustment.

These cannot be computed from sums alone, so they read one organisation's answer values
for one area or year (a few thousand rows at most) and cache the result under a key that
includes the aggregate stamp: when answers change, the aggregates change, and the next
page view recomputes. Pages never read all answers per view.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.core.cache import cache

from servicepuls.insights.models import AnswerAggregate
from servicepuls.surveys.models import SurveyAnswer
from survey_stats import (
    DegenerateDataError,
    DriverAnalysis,
    OutcomeAdjustedNki,
    PriorityMatrix,
    driver_analysis,
    outcome_adjusted_nki,
    priority_matrix,
)
from survey_stats.drivers import FACTORS

CACHE_SECONDS = 24 * 3600
VALUE_FIELDS = ("nki", *FACTORS)
# The pooled comparison set of a driver analysis is capped; a uniform sample of this many
# complete answer sets estimates the regression to well within its reported intervals.
POOLED_LIMIT = 20000


@dataclass(frozen=True, slots=True)
class Drivers:
    """A driver analysis with its priority matrix, or why none could be made."""

    analysis: DriverAnalysis | None
    matrix: PriorityMatrix | None
    problem: str = ""


def _values(queryset: object) -> np.ndarray:
    rows = list(queryset.values_list(*VALUE_FIELDS))  # type: ignore[attr-defined]
    if not rows:
        return np.empty((0, len(VALUE_FIELDS)))
    return np.array(rows, dtype=float)  # None becomes nan


def _answers(*, area_id: int, year: int, respondent: str | None) -> object:
    answers = SurveyAnswer.objects.filter(area_id=area_id, year=year, nki__isnull=False)
    return answers.filter(respondent=respondent) if respondent else answers


def _pooled_stamp(area_id: int, year: int) -> str:
    latest = (
        AnswerAggregate.objects.filter(area_id=area_id, year=year)
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    return str(latest.timestamp() if latest else 0)


def _pooled(*, area_id: int, year: int, respondent: str | None) -> np.ndarray:
    key = f"insights:pooled:{area_id}:{year}:{respondent or ''}:{_pooled_stamp(area_id, year)}"
    values = cache.get(key)
    if values is None:
        answers = _answers(area_id=area_id, year=year, respondent=respondent)
        values = _values(answers.order_by("id")[:POOLED_LIMIT])  # type: ignore[attr-defined]
        cache.set(key, values, CACHE_SECONDS)
    return values  # type: ignore[no-any-return]


def drivers_get(
    *, organisation_id: int, area_id: int, year: int, respondent: str | None, stamp: str
) -> Drivers:
    """Driver analysis and priority matrix of one organisation × area × year (cached)."""
    key = f"insights:drivers:{organisation_id}:{area_id}:{year}:{respondent or ''}:{stamp}"
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    own = _values(
        _answers(area_id=area_id, year=year, respondent=respondent).filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id
        )
    )
    pooled = _pooled(area_id=area_id, year=year, respondent=respondent)
    try:
        analysis = driver_analysis(
            own[:, 0], own[:, 1:], pooled_nki=pooled[:, 0], pooled_factors=pooled[:, 1:]
        )
    except (DegenerateDataError, ValueError) as error:
        result = Drivers(analysis=None, matrix=None, problem=str(error))
    else:
        means = np.nanmean(own[:, 1:], axis=0) if own.shape[0] else np.full(len(FACTORS), np.nan)
        matrix = None
        if np.all(np.isfinite(means)):
            matrix = priority_matrix(
                means,
                [driver.rescaled_weight for driver in analysis.drivers],
                factor_names=FACTORS,
            )
        result = Drivers(analysis=analysis, matrix=matrix)
    cache.set(key, result, CACHE_SECONDS)
    return result


def outcome_adjusted_get(
    *,
    organisation_id: int,
    area_ids: list[int],
    year: int,
    respondent: str | None,
    reference_mix: dict[str, float],
    stamp: str,
) -> OutcomeAdjustedNki | None:
    """NKI by outcome and the outcome-adjusted NKI over the given areas in one year (cached)."""
    if not reference_mix:
        return None
    key = (
        f"insights:adjusted:{organisation_id}:{','.join(map(str, sorted(area_ids)))}:{year}:"
        f"{respondent or ''}:{stamp}"
    )
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    answers = SurveyAnswer.objects.filter(
        organisation_id=organisation_id, area_id__in=area_ids, year=year, nki__isnull=False
    )
    if respondent:
        answers = answers.filter(respondent=respondent)
    rows = list(answers.values_list("nki", "outcome"))
    result = None
    if rows:
        result = outcome_adjusted_nki(
            np.array([row[0] for row in rows], dtype=float),
            [row[1] or None for row in rows],
            reference_mix=reference_mix,
        )
    cache.set(key, result, CACHE_SECONDS)
    return result
