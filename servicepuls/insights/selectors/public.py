"""Public results of one municipality: total and per-area NKI, suppressed below 7 answers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from servicepuls.insights.selectors.results import (
    GroupResults,
    TrendEntry,
    group_results,
    organisation_has_demo_answers,
    organisation_rows_get,
    trend,
)
from servicepuls.organisations.choices import IndexKind
from servicepuls.organisations.models import AuthorityArea, Organisation


@dataclass(frozen=True, slots=True)
class PublicArea:
    area: AuthorityArea
    results: GroupResults
    counts_in_total: bool


@dataclass(frozen=True, slots=True)
class PublicResults:
    organisation: Organisation
    years: list[int]
    year: int | None
    total: GroupResults | None
    total_trend: list[TrendEntry]
    areas: list[PublicArea]
    demo: bool = False


def public_results_get(*, code: str, year: int | None = None) -> PublicResults:
    """Results anyone may read; raises ``Http404`` for unknown or inactive organisations."""
    organisation = Organisation.objects.filter(code=code, is_active=True).first()
    if organisation is None:
        raise Http404
    areas = list(
        AuthorityArea.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))
        .exclude(index_kind=IndexKind.NONE)
        .prefetch_related("total_rules")
        .order_by("sort_order", "name")
    )
    data = organisation_rows_get(organisation_id=organisation.pk, areas=areas)
    years = data.years
    if year not in years:
        year = years[-1] if years else None
    if year is None:
        return PublicResults(organisation, years, None, None, [], [])
    measured = {row["area_id"] for row in data.rows if row["year"] == year}
    return PublicResults(
        organisation=organisation,
        years=years,
        year=year,
        total=group_results(data.total_year(year)),
        total_trend=trend(data.total_per_year()),
        areas=[
            PublicArea(
                area=area,
                results=group_results(data.area_year(area.pk, year)),
                counts_in_total=area.counts_in_total(year),
            )
            for area in areas
            if area.pk in measured
        ],
        demo=organisation_has_demo_answers(organisation.pk),
    )
