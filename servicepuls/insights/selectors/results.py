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
from servicepuls.insights.statistics import Estimate, Sums, estimate, significant_change
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
    rows = list(rows)
    nki = estimate(Sums.total_of(rows, "nki"))
    return GroupResults(
        nki=nki,
        factors=tuple(
            (factor, estimate(Sums.total_of(rows, factor), group_suppressed=nki.suppressed))
            for factor in FACTORS
        ),
        answers=sum(row["answers"] for row in rows),
    )


def trend(per_year: dict[int, GroupResults]) -> list[TrendEntry]:
    """Entries in year order, each marked when significantly above/below the year before."""
    entries: list[TrendEntry] = []
    previous: Estimate | None = None
    for year in sorted(per_year):
        current = per_year[year].nki
        mark = significant_change(previous, current) if previous is not None else ""
        entries.append(TrendEntry(year=year, nki=current, change=mark))
        if not current.suppressed:
            previous = current
    return entries


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
        return {year: group_results(rows) for year, rows in grouped.items()}

    def total_per_year(self) -> dict[int, GroupResults]:
        grouped: dict[int, list[Row]] = defaultdict(list)
        for row in self.rows:
            if self.counted(row):
                grouped[row["year"]].append(row)
        return {year: group_results(rows) for year, rows in grouped.items()}


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
