"""Step 1: gather the numbers of a steering-group report into one frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from servicepuls.accounts.models import User
from servicepuls.insights.reports.sections import ReportSection, report_sections_get
from servicepuls.insights.selectors.dashboard import DashboardData, dashboard_get_for_staff
from servicepuls.insights.selectors.evidence import EvidenceItem, evidence_get_for_staff

QUOTES_PER_AREA = 3


@dataclass(frozen=True, slots=True)
class AreaEvidence:
    """The stories behind one area: its weakest factors and quotes about them."""

    area_slug: str
    factor: str
    quotes: tuple[EvidenceItem, ...]
    count: int


@dataclass(frozen=True, slots=True)
class SteeringReportData:
    dashboard: DashboardData
    evidence: tuple[AreaEvidence, ...]
    generated_at: datetime
    sections: tuple[ReportSection, ...] = ()


def _weakest_factor(panel: object) -> str | None:
    """The factor to explain: first "prioritera" in the matrix, else the lowest index."""
    drivers = panel.drivers  # type: ignore[attr-defined]
    if drivers.matrix is not None:
        for point in drivers.matrix.points:
            if str(point.quadrant) == "prioritera":
                return str(point.factor)
    shown = [(v.value, slug) for slug, v in panel.results.factors if v.value is not None]  # type: ignore[attr-defined]
    return min(shown)[1] if shown else None


def steering_report_data_get(*, user: User, year: int | None) -> SteeringReportData:
    """Everything the report shows, as the requesting user may see it."""
    dashboard = dashboard_get_for_staff(user=user, year=year)
    evidence = []
    for panel in dashboard.areas:
        factor = _weakest_factor(panel)
        if factor is None or dashboard.year is None:
            continue
        found = evidence_get_for_staff(
            user=user, area_slug=panel.area.slug, factor=factor, year=dashboard.year
        )
        evidence.append(
            AreaEvidence(
                area_slug=panel.area.slug,
                factor=factor,
                quotes=tuple(found.quotes[:QUOTES_PER_AREA]),
                count=len(found.items),
            )
        )
    return SteeringReportData(
        dashboard=dashboard,
        evidence=tuple(evidence),
        generated_at=timezone.now(),
        sections=report_sections_get(user=user, year=dashboard.year),
    )
