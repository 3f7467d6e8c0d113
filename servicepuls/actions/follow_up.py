"""Follow-up of effect: did the measure an action should move actually move?

Each action names an area × factor (or NKI, or the total NKI). When it is decided, the
baseline — the latest complete year before the decision — is frozen on the action. Later
years are compared with the baseline by Welch's t-test on the per-answer-set values (DESIGN
§4); a change is worded as a rise or a fall only when it is significant (p < 0.05).
Groups with fewer than 7 answers show no value at all.

The numbers come from the same per-answer-set values and the same statistics core
(``survey_stats``) as every other result in the product.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from servicepuls.actions.models import Action
from servicepuls.organisations.models import AuthorityArea
from servicepuls.surveys.models import SurveyAnswer
from survey_stats.change import welch_change
from survey_stats.groups import summarise

MEASURES = (
    "nki",
    "information",
    "tillganglighet",
    "bemotande",
    "kompetens",
    "rattssakerhet",
    "effektivitet",
)


@dataclass(frozen=True, slots=True)
class Measurement:
    """One year's value of the measure; ``value`` and the interval are None when suppressed."""

    year: int
    n: int
    value: float | None
    ci_low: float | None
    ci_high: float | None

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True, slots=True)
class FollowUpPoint:
    measurement: Measurement
    difference: float | None
    p_value: float | None
    significant: bool

    @property
    def direction(self) -> str:
        """``rise`` or ``fall`` only when significant, otherwise ``unchanged``."""
        if not self.significant or self.difference is None:
            return "unchanged"
        return "rise" if self.difference > 0 else "fall"


@dataclass(frozen=True, slots=True)
class FollowUp:
    measure: str
    area: AuthorityArea | None
    baseline: Measurement | None
    points: tuple[FollowUpPoint, ...]


def _values(
    *, organisation_id: int, area: AuthorityArea | None, measure: str, year: int
) -> list[float]:
    """The valid per-answer-set values of ``measure`` in one year.

    ``area`` None means the total NKI: every answer set in the areas that count in the total
    that year, each weighing the same (DESIGN §4).
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    answers = SurveyAnswer.objects.filter(organisation_id=organisation_id, year=year)
    if area is not None:
        answers = answers.filter(area=area)
    else:
        counting = [
            a.pk
            for a in AuthorityArea.objects.filter(
                Q(organisation__isnull=True) | Q(organisation_id=organisation_id)
            ).prefetch_related("total_rules")
            if a.counts_in_total(year)
        ]
        answers = answers.filter(area_id__in=counting)
    return [
        float(v)
        for v in answers.exclude(**{f"{measure}__isnull": True}).values_list(measure, flat=True)
    ]


def _measurement(year: int, values: Sequence[float]) -> Measurement:
    # ``summarise`` treats its values as the group's per-answer-set measure (NKI or a factor
    # index alike): mean, Student-t interval and suppression below 7.
    group = summarise(values)
    if group.suppressed or group.nki is None or group.nki_ci is None:
        return Measurement(year=year, n=group.n, value=None, ci_low=None, ci_high=None)
    return Measurement(
        year=year, n=group.n, value=group.nki, ci_low=group.nki_ci.low, ci_high=group.nki_ci.high
    )


def _years_with_answers(organisation_id: int) -> list[int]:
    return sorted(
        SurveyAnswer.objects.filter(organisation_id=organisation_id)
        .values_list("year", flat=True)
        .distinct()
    )


def _measure_of(action: Action) -> str:
    return action.target_factor or "nki"


def baseline_for_action(action: Action, *, decided_on: dt.date | None = None) -> Measurement | None:
    """The latest complete year before the decision that has answers for the measure."""
    decided_on = decided_on or action.decided_on or timezone.localdate()
    measure = _measure_of(action)
    for year in reversed(_years_with_answers(action.organisation_id)):
        if year >= decided_on.year:
            continue
        values = _values(
            organisation_id=action.organisation_id,
            area=action.target_area,
            measure=measure,
            year=year,
        )
        if values:
            return _measurement(year, values)
    return None


def follow_up_for_action(action: Action) -> FollowUp:
    """The baseline and every later year, each compared with the baseline."""
    measure = _measure_of(action)
    baseline: Measurement | None = None
    if action.baseline_year is not None:
        baseline_values = _values(
            organisation_id=action.organisation_id,
            area=action.target_area,
            measure=measure,
            year=action.baseline_year,
        )
        baseline = _measurement(action.baseline_year, baseline_values)
    else:
        baseline_values = []
    points: list[FollowUpPoint] = []
    if baseline is not None:
        for year in _years_with_answers(action.organisation_id):
            if year <= baseline.year:
                continue
            values = _values(
                organisation_id=action.organisation_id,
                area=action.target_area,
                measure=measure,
                year=year,
            )
            if not values:
                continue
            measurement = _measurement(year, values)
            if measurement.suppressed or baseline.suppressed:
                points.append(FollowUpPoint(measurement, None, None, significant=False))
                continue
            change = welch_change(baseline_values, values)
            points.append(
                FollowUpPoint(
                    measurement,
                    difference=change.difference,
                    p_value=change.p_value,
                    significant=change.significant,
                )
            )
    return FollowUp(
        measure=measure, area=action.target_area, baseline=baseline, points=tuple(points)
    )


@dataclass(frozen=True, slots=True)
class AreaResult:
    area: AuthorityArea
    current: Measurement
    previous: Measurement | None
    difference: float | None
    significant: bool

    @property
    def direction(self) -> str:
        if not self.significant or self.difference is None:
            return "unchanged"
        return "rise" if self.difference > 0 else "fall"


def area_results(*, organisation_id: int, areas: Sequence[AuthorityArea]) -> list[AreaResult]:
    """For each area: NKI of its latest year with answers and the change since the year
    before (significance by Welch; suppressed groups are never compared)."""
    results: list[AreaResult] = []
    for area in areas:
        years = sorted(
            SurveyAnswer.objects.filter(organisation_id=organisation_id, area=area)
            .values_list("year", flat=True)
            .distinct()
        )
        if not years:
            continue
        year = years[-1]
        values = _values(organisation_id=organisation_id, area=area, measure="nki", year=year)
        current = _measurement(year, values)
        previous_values = _values(
            organisation_id=organisation_id, area=area, measure="nki", year=year - 1
        )
        previous = _measurement(year - 1, previous_values) if previous_values else None
        difference: float | None = None
        significant = False
        if previous is not None and not previous.suppressed and not current.suppressed:
            change = welch_change(previous_values, values)
            difference, significant = change.difference, change.significant
        results.append(AreaResult(area, current, previous, difference, significant))
    return results


def agenda_result_lines(*, organisation_id: int, held_on: dt.date) -> list[str]:
    """One line per area with answers in the latest year before the meeting, with the change
    against the year before worded only when significant."""
    years = [y for y in _years_with_answers(organisation_id) if y <= held_on.year]
    if not years:
        return []
    year = years[-1]
    lines: list[str] = []
    area_ids = (
        SurveyAnswer.objects.filter(organisation_id=organisation_id, year=year)
        .values_list("area_id", flat=True)
        .distinct()
    )
    for area in AuthorityArea.objects.filter(pk__in=area_ids).order_by("sort_order", "name"):
        values = _values(organisation_id=organisation_id, area=area, measure="nki", year=year)
        current = _measurement(year, values)
        if current.suppressed:
            lines.append(
                _("%(area)s %(year)s: too few answers (n = %(n)s).")
                % {"area": area.name, "year": year, "n": current.n}
            )
            continue
        line = _("%(area)s %(year)s: NKI %(value).0f (%(low).0f–%(high).0f), n = %(n)s.") % {
            "area": area.name,
            "year": year,
            "value": current.value,
            "low": current.ci_low,
            "high": current.ci_high,
            "n": current.n,
        }
        previous = _values(organisation_id=organisation_id, area=area, measure="nki", year=year - 1)
        change = welch_change(previous, values)
        if change.difference is not None:
            if change.significant:
                template = (
                    _("A significant rise of %(diff).1f points since %(prev)s.")
                    if change.difference > 0
                    else _("A significant fall of %(diff).1f points since %(prev)s.")
                )
                line += " " + template % {"diff": abs(change.difference), "prev": year - 1}
            else:
                line += " " + _("No significant change since %(prev)s.") % {"prev": year - 1}
        lines.append(line)
    return lines


def agenda_story_lines(*, organisation_id: int, since: dt.date | None, until: dt.date) -> list[str]:
    """Counts of the stories shared with the steering group since the last meeting."""
    from servicepuls.actions.evidence import shared_story_theme_counts

    return [
        _("%(area)s: %(count)s stories (%(negative)s negative, %(positive)s positive).")
        % {
            "area": theme.area_name,
            "count": theme.count,
            "negative": theme.negative,
            "positive": theme.positive,
        }
        for theme in shared_story_theme_counts(
            organisation_id=organisation_id, since=since, until=until
        )
    ]
