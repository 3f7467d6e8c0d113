"""Imports of published results (SKR Insikt, Svenskt Näringsliv)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from servicepuls.insights.errors import ExternalResultsImportError
from servicepuls.insights.importers import parse_business_climate, parse_published_results
from servicepuls.insights.models import BusinessClimateResult, PublishedResult
from servicepuls.organisations.models import AuthorityArea, Organisation


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int


def _organisations_by_code(name: str, codes: dict[str, int]) -> dict[str, Organisation]:
    found = {org.code: org for org in Organisation.objects.filter(code__in=codes)}
    for code, line in sorted(codes.items(), key=lambda item: item[1]):
        if code not in found:
            raise ExternalResultsImportError(
                f"{name}:{line}: column 'organisation': unknown organisation {code!r}",
                {"line": line, "column": "organisation"},
            )
    return found


@transaction.atomic
def published_results_import(*, name: str, data: bytes, source: str) -> ImportSummary:
    """Import published NKI values; all rows or none, re-importing updates in place."""
    rows = parse_published_results(name, data)
    organisations = _organisations_by_code(
        name, {row.organisation_code: row.line for row in reversed(rows) if row.organisation_code}
    )
    areas = {area.slug: area for area in AuthorityArea.objects.filter(organisation__isnull=True)}
    created = updated = 0
    for row in rows:
        if row.area_slug is not None and row.area_slug not in areas:
            raise ExternalResultsImportError(
                f"{name}:{row.line}: column 'area': unknown area {row.area_slug!r}",
                {"line": row.line, "column": "area"},
            )
        _, was_created = PublishedResult.objects.update_or_create(
            organisation=organisations.get(row.organisation_code or ""),
            year=row.year,
            area=areas.get(row.area_slug or ""),
            source=source,
            defaults={"value": row.value, "n": row.n},
        )
        created, updated = created + was_created, updated + (not was_created)
    return ImportSummary(created=created, updated=updated)


@transaction.atomic
def business_climate_import(
    *, name: str, data: bytes, source: str = "Svenskt Näringsliv"
) -> ImportSummary:
    """Import Svenskt Näringsliv's results; all rows or none, re-importing updates in place."""
    rows = parse_business_climate(name, data)
    organisations = _organisations_by_code(
        name, {row.organisation_code: row.line for row in reversed(rows) if row.organisation_code}
    )
    created = updated = 0
    for row in rows:
        _, was_created = BusinessClimateResult.objects.update_or_create(
            organisation=organisations.get(row.organisation_code or ""),
            year=row.year,
            defaults={
                "summary_rating": row.summary_rating,
                "n": row.n,
                "rank": row.rank,
                "factor_means": row.factor_means,
                "source": source,
            },
        )
        created, updated = created + was_created, updated + (not was_created)
    return ImportSummary(created=created, updated=updated)
