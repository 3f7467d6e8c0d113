"""Results of one organisation from its aggregate rows: per area, per year, in total.

One query loads the organisation's aggregate rows (a few hundred at most); everything else
is addition of sufficient statistics and calls into ``survey_stats`` via the adapter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from servicepuls.insights.models import MEASURES, AnswerAggregate
from servicepuls.insights.statistics import Estimate, Sums, estimate_many, significant_changes
from servicepuls.organisations.models import AuthorityArea
from servicepuls.surveys.models import SurveyAnswer
from survey_stats.drivers import FACTORS

SUM_FIELDS: tuple[str, ...] = tuple(
    f"{measure}_{part}" for measure in MEASURES for part in ("n", "sum", "sumsq")
)

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class GroupResults:
    """NKI and the six factor indices of one group (an area, or the total) in one year."""

    nki: Estimate
    factors: tuple[tuple[str, Estimate], ...]
    answers: int

    def factor(self, slug: str) -> Estimate:
        return dict(self.factors)[slug]


@dataclass(frozen=True, slots=True)
class TrendEntry:
    year: int
    nki: Estimate
    change: str  # "rise" / "fall" when significant against the previous measured year


def group_results(rows: Iterable[Row]) -> GroupResults:
    """NKI and factor estimates of the answer sets behind ``rows``."""
    return group_results_many([list(rows)])[0]


def group_results_many(groups: Sequence[Sequence[Row]]) -> list[GroupResults]:
    """:func:`group_results` of many groups with two vectorised calls into the core."""
    nki = estimate_many([Sums.total_of(rows, "nki") for rows in groups], [False] * len(groups))
    factor_sums = [Sums.total_of(rows, f) for rows in groups for f in FACTORS]
    hidden = [value.suppressed for value in nki for _ in FACTORS]
    factors = estimate_many(factor_sums, hidden)
    width = len(FACTORS)
    return [
        GroupResults(
            nki=nki[g],
            factors=tuple(zip(FACTORS, factors[g * width : (g + 1) * width], strict=True)),
            answers=sum(row["answers"] for row in rows),
        )
        for g, rows in enumerate(groups)
    ]


def trend(per_year: dict[int, GroupResults]) -> list[TrendEntry]:
    """Entries in year order, each marked when significantly above/below the last shown year."""
    years = sorted(per_year)
    pairs: list[tuple[Estimate, Estimate]] = []
    compared: list[bool] = []
    previous: Estimate | None = None
    for year in years:
        current = per_year[year].nki
        compared.append(previous is not None)
        if previous is not None:
            pairs.append((previous, current))
        if not current.suppressed:
            previous = current
    marks = iter(significant_changes(pairs))
    return [
        TrendEntry(year=year, nki=per_year[year].nki, change=next(marks) if was else "")
        for year, was in zip(years, compared, strict=True)
    ]


def record_statement(entries: Sequence[TrendEntry], year: int) -> str:
    """``"highest"``/``"lowest"`` when ``year``'s value beats every earlier measured year.

    Only said with at least two earlier shown values, and only when literally true of the
    shown (unsuppressed) values.
    """
    current = next((e for e in entries if e.year == year), None)
    earlier = [e.nki.value for e in entries if e.year < year and e.nki.value is not None]
    if current is None or current.nki.value is None or len(earlier) < 2:
        return ""
    if current.nki.value > max(earlier):
        return "highest"
    if current.nki.value < min(earlier):
        return "lowest"
    return ""


@dataclass(frozen=True, slots=True)
class OrganisationRows:
    """The aggregate rows of one organisation, indexed for the dashboard's groupings."""

    organisation_id: int
    rows: list[Row]
    areas: dict[int, AuthorityArea]

    @property
    def years(self) -> list[int]:
        return sorted({row["year"] for row in self.rows})

    @property
    def stamp(self) -> str:
        """Changes whenever any of the rows changes: a cache key for derived analyses."""
        latest: datetime | None = max((row["updated_at"] for row in self.rows), default=None)
        return f"{len(self.rows)}-{latest.timestamp() if latest else 0}"

    def counted(self, row: Row) -> bool:
        return self.areas[row["area_id"]].counts_in_total(row["year"])

    def area_year(self, area_id: int, year: int) -> list[Row]:
        return [r for r in self.rows if r["area_id"] == area_id and r["year"] == year]

    def total_year(self, year: int) -> list[Row]:
        return [r for r in self.rows if r["year"] == year and self.counted(r)]

    def area_per_year(self, area_id: int) -> dict[int, GroupResults]:
        grouped: dict[int, list[Row]] = defaultdict(list)
        for row in self.rows:
            if row["area_id"] == area_id:
                grouped[row["year"]].append(row)
        return dict(zip(grouped, group_results_many(list(grouped.values())), strict=True))

    def total_per_year(self) -> dict[int, GroupResults]:
        grouped: dict[int, list[Row]] = defaultdict(list)
        for row in self.rows:
            if self.counted(row):
                grouped[row["year"]].append(row)
        return dict(zip(grouped, group_results_many(list(grouped.values())), strict=True))


def organisation_rows_get(
    *, organisation_id: int, areas: Iterable[AuthorityArea], respondent: str | None = None
) -> OrganisationRows:
    """Load an organisation's aggregate rows for the given areas (one query)."""
    by_id = {area.pk: area for area in areas}
    queryset = AnswerAggregate.objects.filter(organisation_id=organisation_id, area_id__in=by_id)
    if respondent:
        queryset = queryset.filter(respondent=respondent)
    rows = list(
        queryset.values(
            "area_id", "year", "respondent", "outcome", "answers", "updated_at", *SUM_FIELDS
        )
    )
    return OrganisationRows(organisation_id=organisation_id, rows=rows, areas=by_id)


def organisation_has_demo_answers(organisation_id: int) -> bool:
    """Whether some of the organisation's answers are demo data (pages then say so)."""
    return SurveyAnswer.objects.filter(organisation_id=organisation_id, source="demo").exists()
