"""The organisation dashboard (staff): everything the results page shows, in one dataclass."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum

from servicepuls.accounts.models import User
from servicepuls.accounts.selectors import (
    area_list_for_staff,
    organisation_get_for_staff,
    staff_scope_get,
)
from servicepuls.insights.models import AnswerAggregate, PublishedResult
from servicepuls.insights.selectors.analysis import Drivers, drivers_get, outcome_adjusted_get
from servicepuls.insights.selectors.rates import response_rates
from servicepuls.insights.selectors.results import (
    GroupResults,
    OrganisationRows,
    TrendEntry,
    group_results,
    organisation_has_demo_answers,
    organisation_rows_get,
    record_statement,
    trend,
)
from servicepuls.insights.statistics import Estimate, Sums, estimate
from servicepuls.organisations.choices import IndexKind
from servicepuls.organisations.models import AuthorityArea, Organisation
from survey_stats import OutcomeAdjustedNki

OUTCOMES = ("approved", "rejected", "other")
RESPONDENTS = ("business", "private")


@dataclass(frozen=True, slots=True)
class AreaPanel:
    area: AuthorityArea
    results: GroupResults
    trend: list[TrendEntry]
    statement: str
    response_rate: float | None
    counts_in_total: bool
    drivers: Drivers


@dataclass(frozen=True, slots=True)
class DashboardData:
    organisation: Organisation
    years: list[int]
    year: int | None
    respondent: str
    total: GroupResults | None
    total_trend: list[TrendEntry]
    total_statement: str
    total_response_rate: float | None
    areas: list[AreaPanel]
    by_outcome: list[tuple[str, Estimate]]
    adjusted: OutcomeAdjustedNki | None
    by_respondent: list[tuple[str, Estimate]]
    national: list[PublishedResult]
    demo: bool = False


def national_outcome_mix(*, year: int) -> dict[str, float]:
    """Shares of valid NKI answer sets by case outcome over every organisation in ``year``."""
    counts = {
        row["outcome"]: row["n"] or 0
        for row in AnswerAggregate.objects.filter(year=year, outcome__in=OUTCOMES)
        .values("outcome")
        .order_by()
        .annotate(n=Sum("nki_n"))
    }
    total = sum(counts.values())
    return {outcome: n / total for outcome, n in counts.items()} if total else {}


def _rates(organisation_id: int, year: int, respondent: str) -> dict[str, tuple[int, int]]:
    """Invited and answered per area slug."""
    rates: dict[str, tuple[int, int]] = {}
    for rate in response_rates([organisation_id], years=[year], respondent=respondent or None):
        invited, answered = rates.get(rate.area_slug, (0, 0))
        rates[rate.area_slug] = (invited + rate.invited, answered + rate.answered)
    return rates


def _rate(pairs: list[tuple[int, int]]) -> float | None:
    invited = sum(pair[0] for pair in pairs)
    return sum(pair[1] for pair in pairs) / invited if invited else None


def _area_panel(
    data: OrganisationRows, area: AuthorityArea, year: int, respondent: str, rate: float | None
) -> AreaPanel:
    per_year = data.area_per_year(area.pk)
    entries = trend(per_year)
    return AreaPanel(
        area=area,
        results=per_year.get(year) or group_results([]),
        trend=entries,
        statement=record_statement(entries, year),
        response_rate=rate,
        counts_in_total=area.counts_in_total(year),
        drivers=drivers_get(
            organisation_id=data.organisation_id,
            area_id=area.pk,
            year=year,
            respondent=respondent or None,
            stamp=data.stamp,
        ),
    )


def dashboard_get_for_staff(
    *, user: User, year: int | None = None, respondent: str = ""
) -> DashboardData:
    """The dashboard of the user's organisation for ``year`` (default: the latest measured).

    Department contacts see their department's areas only and no organisation total;
    ``respondent`` ("business"/"private"/"") restricts every figure to one respondent type.
    """
    scope = staff_scope_get(user=user)
    organisation = organisation_get_for_staff(user=user)
    respondent = respondent if respondent in RESPONDENTS else ""
    areas = [a for a in area_list_for_staff(user=user) if a.index_kind != IndexKind.NONE]
    data = organisation_rows_get(
        organisation_id=organisation.pk, areas=areas, respondent=respondent or None
    )
    years = data.years
    if year not in years:
        year = years[-1] if years else None
    national = list(
        PublishedResult.objects.filter(organisation__isnull=True).select_related("area")
    )
    if year is None:
        return DashboardData(
            organisation, years, None, respondent, None, [], "", None, [], [], None, [], national
        )
    rates = _rates(organisation.pk, year, respondent)
    panels = [
        _area_panel(data, area, year, respondent, _rate([rates.get(area.slug, (0, 0))]))
        for area in areas
        if any(row["area_id"] == area.pk for row in data.rows)
    ]
    counted = [panel for panel in panels if panel.counts_in_total]
    sees_total = scope.area_ids is None
    total_rows = data.total_year(year)
    total_trend = trend(data.total_per_year()) if sees_total else []
    return DashboardData(
        organisation=organisation,
        years=years,
        year=year,
        respondent=respondent,
        total=group_results(total_rows) if sees_total else None,
        total_trend=total_trend,
        total_statement=record_statement(total_trend, year),
        total_response_rate=_rate([rates.get(p.area.slug, (0, 0)) for p in counted]),
        areas=panels,
        by_outcome=[
            (
                outcome,
                estimate(Sums.total_of([r for r in total_rows if r["outcome"] == outcome], "nki")),
            )
            for outcome in OUTCOMES
        ],
        adjusted=outcome_adjusted_get(
            organisation_id=organisation.pk,
            area_ids=[panel.area.pk for panel in counted],
            year=year,
            respondent=respondent or None,
            reference_mix=national_outcome_mix(year=year),
            stamp=data.stamp,
        )
        if counted
        else None,
        by_respondent=_by_respondent(total_rows) if not respondent else [],
        national=national,
        demo=organisation_has_demo_answers(organisation.pk),
    )


def dashboard_years_for_staff(*, user: User) -> list[int]:
    """The years with answers in the user's organisation."""
    scope = staff_scope_get(user=user)
    return sorted(
        set(
            AnswerAggregate.objects.filter(organisation_id=scope.organisation_id)
            .values_list("year", flat=True)
            .order_by()
            .distinct()
        )
    )


def _by_respondent(rows: list[dict[str, object]]) -> list[tuple[str, Estimate]]:
    """Total NKI of businesses and of private persons, side by side."""
    return [
        (kind, estimate(Sums.total_of([r for r in rows if r["respondent"] == kind], "nki")))
        for kind in RESPONDENTS
    ]
