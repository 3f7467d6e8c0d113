"""Benchmarking: one organisation (or a network's members) against a comparison set.

Every figure comes from aggregate rows grouped by organisation in one query; ranks and
rank intervals come from ``survey_stats`` through the adapter. Published (imported)
results are listed beside computed ones, marked, and never ranked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, Sum

from servicepuls.accounts.choices import Role
from servicepuls.accounts.models import User
from servicepuls.accounts.selectors import staff_scope_get
from servicepuls.insights.models import AnswerAggregate, PublishedResult
from servicepuls.insights.selectors.rates import response_rates
from servicepuls.insights.statistics import (
    Estimate,
    RankedGroup,
    Sums,
    estimate,
    rank_eligible,
    rank_groups,
)
from servicepuls.organisations.choices import IndexKind, OrganisationKind
from servicepuls.organisations.models import AuthorityArea, Organisation

COMPARISONS = ("all", "network", "similar")
# "Similar size" has no population in the data; the documented proxy is the volume of
# answered cases in the year: organisations with between half and twice the own count.
SIMILAR_LOW, SIMILAR_HIGH = 0.5, 2.0


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    organisation: Organisation
    nki: Estimate
    answers: int
    response_rate: float | None
    eligible: bool
    rank: RankedGroup | None
    own: bool
    imported: bool = False
    imported_value: float | None = None
    imported_source: str = ""


@dataclass(frozen=True, slots=True)
class ComparisonData:
    year: int | None
    years: list[int]
    respondent: str
    compare: str
    area: AuthorityArea | None
    areas: list[AuthorityArea]
    rows: list[ComparisonRow]
    comparison_mean: Estimate | None
    national_mean: Estimate | None
    published_national: PublishedResult | None
    own: ComparisonRow | None
    members_only: bool


def _national_areas() -> list[AuthorityArea]:
    return list(
        AuthorityArea.objects.filter(organisation__isnull=True)
        .exclude(index_kind=IndexKind.NONE)
        .prefetch_related("total_rules")
        .order_by("sort_order", "name")
    )


def _sums_by_organisation(
    *, year: int, area_ids: list[int], respondent: str
) -> dict[int, tuple[Sums, int]]:
    rows = AnswerAggregate.objects.filter(year=year, area_id__in=area_ids)
    if respondent:
        rows = rows.filter(respondent=respondent)
    grouped = (
        rows.values("organisation_id")
        .order_by()
        .annotate(
            n=Sum("nki_n"), total=Sum("nki_sum"), total_sq=Sum("nki_sumsq"), answers=Sum("answers")
        )
    )
    return {
        row["organisation_id"]: (Sums(row["n"], row["total"], row["total_sq"]), row["answers"])
        for row in grouped
    }


def _rates(organisation_ids: list[int], year: int, area_slugs: set[str]) -> dict[int, list[float]]:
    """Response rate per organisation and counted area."""
    per: dict[int, list[float]] = defaultdict(list)
    for rate in response_rates(organisation_ids, years=[year]):
        if rate.area_slug in area_slugs and rate.invited:
            per[rate.organisation_id].append(rate.answered / rate.invited)
    return per


def _candidates(
    *, own_id: int | None, compare: str, sums: dict[int, tuple[Sums, int]], members: set[int]
) -> set[int]:
    if members:
        return members & set(sums)
    if compare == "network" and own_id is not None:
        networks = Organisation.objects.filter(
            kind=OrganisationKind.NETWORK, member_links__member_id=own_id
        )
        ids = set(
            Organisation.objects.filter(parent_links__parent__in=networks).values_list(
                "id", flat=True
            )
        )
        return (ids | {own_id}) & set(sums)
    if compare == "similar" and own_id is not None and own_id in sums:
        own_answers = sums[own_id][1]
        return {
            org
            for org, (_, answers) in sums.items()
            if SIMILAR_LOW * own_answers <= answers <= SIMILAR_HIGH * own_answers
        }
    return set(sums)


def comparison_get_for_staff(
    *,
    user: User,
    year: int | None = None,
    respondent: str = "",
    compare: str = "all",
    area_slug: str = "",
) -> ComparisonData:
    """Compare the user's organisation with a set; national analysts see their members only."""
    scope = staff_scope_get(user=user)
    members_only = scope.role == Role.NATIONAL
    own_id = None if members_only else scope.organisation_id
    compare = compare if compare in COMPARISONS else "all"
    areas = _national_areas()
    area = next((a for a in areas if a.slug == area_slug), None)
    years = sorted(
        set(AnswerAggregate.objects.values_list("year", flat=True).distinct().order_by())
    )
    if year not in years:
        year = years[-1] if years else None
    if year is None:
        return ComparisonData(
            None, years, respondent, compare, area, areas, [], None, None, None, None, members_only
        )
    counted = [area] if area else [a for a in areas if a.counts_in_total(year)]
    sums = _sums_by_organisation(year=year, area_ids=[a.pk for a in counted], respondent=respondent)
    ids = _candidates(own_id=own_id, compare=compare, sums=sums, members=set(scope.member_ids))
    rates = _rates(sorted(ids), year, {a.slug for a in counted})
    estimates = {org: estimate(sums[org][0]) for org in ids}
    eligible = {
        org: rank_eligible(estimates[org], rates.get(org, []), single_area=area is not None)
        for org in ids
    }
    ranks = rank_groups({org: estimates[org] for org in ids if eligible[org]}, seed=year)
    organisations = Organisation.objects.in_bulk(list(ids))
    rows = [
        ComparisonRow(
            organisation=organisations[org],
            nki=estimates[org],
            answers=sums[org][1],
            response_rate=(sum(rates[org]) / len(rates[org])) if rates.get(org) else None,
            eligible=eligible[org],
            rank=ranks.get(org),
            own=org == own_id,
        )
        for org in ids
    ]
    rows += _imported_rows(year=year, area=area, exclude=ids, members=set(scope.member_ids))
    rows.sort(key=_sort_key)
    comparison_sums = sum((sums[org][0] for org in ids), Sums())
    national_sums = sum((entry[0] for entry in sums.values()), Sums())
    return ComparisonData(
        year=year,
        years=years,
        respondent=respondent,
        compare=compare,
        area=area,
        areas=areas,
        rows=rows,
        comparison_mean=estimate(comparison_sums),
        national_mean=None if members_only else estimate(national_sums),
        published_national=PublishedResult.objects.filter(
            organisation__isnull=True, year=year, area=area
        ).first(),
        own=next((row for row in rows if row.own), None),
        members_only=members_only,
    )


def _sort_key(row: ComparisonRow) -> tuple[int, float, str]:
    if row.rank is not None:
        return (0, row.rank.rank, row.organisation.name)
    value = row.nki.value if row.nki.value is not None else row.imported_value
    return (1, -(value or 0), row.organisation.name)


def _imported_rows(
    *, year: int, area: AuthorityArea | None, exclude: set[int], members: set[int]
) -> list[ComparisonRow]:
    """Published values of organisations without answers of their own, marked as imported."""
    published = PublishedResult.objects.filter(
        ~Q(organisation_id__in=exclude), organisation__isnull=False, year=year, area=area
    ).select_related("organisation")
    if members:
        published = published.filter(organisation_id__in=members)
    return [
        ComparisonRow(
            organisation=row.organisation,  # type: ignore[arg-type]
            nki=estimate(Sums()),
            answers=row.n or 0,
            response_rate=None,
            eligible=False,
            rank=None,
            own=False,
            imported=True,
            imported_value=row.value,
            imported_source=row.source,
        )
        for row in published
    ]
