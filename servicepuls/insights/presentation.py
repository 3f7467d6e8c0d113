"""Turn results dataclasses into charts and display rows (formatting happens here)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from servicepuls.insights.charts import (
    Chart,
    IntervalBar,
    MatrixPoint,
    TrendPoint,
    interval_bar_chart,
    priority_matrix_chart,
    trend_chart,
)
from servicepuls.insights.labels import factor_label, outcome_label, respondent_label
from servicepuls.insights.selectors.comparison import ComparisonData
from servicepuls.insights.selectors.dashboard import AreaPanel, DashboardData
from servicepuls.insights.selectors.evidence import EvidenceData
from servicepuls.insights.selectors.public import PublicResults
from servicepuls.insights.selectors.results import GroupResults, TrendEntry
from servicepuls.insights.statistics import Estimate


def bar(label: str, value: Estimate) -> IntervalBar:
    return IntervalBar(
        label=label,
        value=value.value,
        ci_low=value.ci_low,
        ci_high=value.ci_high,
        n=value.n,
        band=value.band,
        band_label=value.band_label,
    )


def trend_points(entries: list[TrendEntry]) -> list[TrendPoint]:
    return [
        TrendPoint(
            period=str(entry.year),
            value=entry.nki.value,
            ci_low=entry.nki.ci_low,
            ci_high=entry.nki.ci_high,
            n=entry.nki.n,
            change=entry.change,
        )
        for entry in entries
    ]


def factor_chart(results: GroupResults, title: str) -> Chart:
    return interval_bar_chart(
        [bar(factor_label(slug), value) for slug, value in results.factors], title=title
    )


@dataclass(frozen=True, slots=True)
class AreaCharts:
    panel: AreaPanel
    trend: Chart
    factors: Chart
    matrix: Chart | None


def area_charts(panel: AreaPanel, year: int) -> AreaCharts:
    matrix = None
    if panel.drivers.matrix is not None:
        points = [
            MatrixPoint(
                label=factor_label(point.factor),
                index=point.index,
                importance=point.importance,
                quadrant=str(point.quadrant),
            )
            for point in panel.drivers.matrix.points
        ]
        matrix = priority_matrix_chart(
            points,
            split_index=panel.drivers.matrix.index_split,
            split_importance=panel.drivers.matrix.importance_split,
            title=_("Priority matrix, %(area)s %(year)s") % {"area": panel.area.name, "year": year},
        )
    return AreaCharts(
        panel=panel,
        trend=trend_chart(
            trend_points(panel.trend),
            title=_("NKI over the years, %(area)s") % {"area": panel.area.name},
        ),
        factors=factor_chart(
            panel.results,
            _("Service factors, %(area)s %(year)s") % {"area": panel.area.name, "year": year},
        ),
        matrix=matrix,
    )


@dataclass(frozen=True, slots=True)
class DashboardCharts:
    areas_chart: Chart | None
    total_trend: Chart | None
    total_factors: Chart | None
    outcome_chart: Chart | None
    respondent_chart: Chart | None
    areas: list[AreaCharts]


def dashboard_charts(data: DashboardData) -> DashboardCharts | None:
    if data.year is None:
        return None
    year = data.year
    bars = []
    if data.total is not None:
        bars.append(bar(_("Total NKI"), data.total.nki))
    bars += [bar(panel.area.name, panel.results.nki) for panel in data.areas]
    return DashboardCharts(
        areas_chart=interval_bar_chart(bars, title=_("NKI per area, %(year)s") % {"year": year}),
        total_trend=trend_chart(trend_points(data.total_trend), title=_("Total NKI over the years"))
        if data.total_trend
        else None,
        total_factors=factor_chart(
            data.total, _("Service factors, all areas, %(year)s") % {"year": year}
        )
        if data.total is not None
        else None,
        outcome_chart=interval_bar_chart(
            [bar(outcome_label(outcome), value) for outcome, value in data.by_outcome],
            title=_("NKI by case outcome, %(year)s") % {"year": year},
        )
        if data.by_outcome
        else None,
        respondent_chart=interval_bar_chart(
            [bar(respondent_label(kind), value) for kind, value in data.by_respondent],
            title=_("NKI of businesses and private persons, %(year)s") % {"year": year},
        )
        if data.by_respondent
        else None,
        areas=[area_charts(panel, year) for panel in data.areas],
    )


@dataclass(frozen=True, slots=True)
class PublicCharts:
    areas_chart: Chart
    total_trend: Chart


def public_charts(results: PublicResults) -> PublicCharts | None:
    if results.year is None or results.total is None:
        return None
    bars = [bar(_("Total NKI"), results.total.nki)]
    bars += [bar(entry.area.name, entry.results.nki) for entry in results.areas]
    return PublicCharts(
        areas_chart=interval_bar_chart(
            bars, title=_("NKI per area, %(year)s") % {"year": results.year}
        ),
        total_trend=trend_chart(
            trend_points(results.total_trend), title=_("Total NKI over the years")
        ),
    )


def comparison_chart(data: ComparisonData) -> Chart | None:
    """Ranked organisations (at most the first 40, plus the own) as interval bars."""
    if data.year is None:
        return None
    ranked = [row for row in data.rows if row.rank is not None]
    shown = ranked[:40] + [row for row in ranked[40:] if row.own]
    if data.own is not None and data.own not in shown:
        shown.append(data.own)
    bars = [bar(row.organisation.name, row.nki) for row in shown]
    if data.comparison_mean is not None:
        bars.append(bar(_("Mean of the comparison set"), data.comparison_mean))
    subject = data.area.name if data.area else _("Total NKI")
    return interval_bar_chart(
        bars, title=_("%(subject)s %(year)s compared") % {"subject": subject, "year": data.year}
    )


def evidence_chart(data: EvidenceData) -> Chart | None:
    """The factor index over the years for one area."""
    if not data.trend:
        return None
    points = [
        TrendPoint(
            period=str(entry.year),
            value=entry.value.value,
            ci_low=entry.value.ci_low,
            ci_high=entry.value.ci_high,
            n=entry.value.n,
        )
        for entry in data.trend
    ]
    return trend_chart(
        points,
        title=_("%(factor)s in %(area)s over the years")
        % {"factor": factor_label(data.factor), "area": data.area.name},
        description=_(
            "Factor index per year with 95-percent intervals; the table below has the numbers."
        ),
    )
