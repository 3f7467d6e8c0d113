"""The reference data the project owns: Sweden's municipalities and the national areas.

Loaded by a data migration, so every installation starts with the same organisations and
areas; ``reference_data_ensure`` loads them again into a database that was emptied (a
flushed test database, a restored partial backup) before demo data is seeded.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class MunicipalityRow:
    code: str
    name: str
    county: str


@dataclass(frozen=True, slots=True)
class AreaRow:
    slug: str
    name: str
    name_en: str
    description: str
    index_kind: str
    sort_order: int
    total: tuple[tuple[int | None, int | None], ...]


def municipality_rows() -> list[MunicipalityRow]:
    """Every Swedish municipality with its kommunkod and county."""
    with (DATA_DIR / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [
            MunicipalityRow(code=row["code"], name=row["name"], county=row["county"])
            for row in csv.DictReader(lines)
        ]


def area_rows() -> list[AreaRow]:
    """The national authority areas with the years in which each counts in the total NKI."""
    raw = json.loads((DATA_DIR / "areas.json").read_text(encoding="utf-8"))
    return [
        AreaRow(
            slug=item["slug"],
            name=item["name"],
            name_en=item["name_en"],
            description=item["description"],
            index_kind=item["index_kind"],
            sort_order=item["sort_order"],
            total=tuple((start, end) for start, end in item["total"]),
        )
        for item in raw
    ]


def reference_data_load(organisation_model: Any, area_model: Any, total_rule_model: Any) -> None:
    """Create or update every municipality and national area; idempotent.

    Takes the model classes so that the data migration can pass its historical models.
    """
    for row in municipality_rows():
        organisation_model.objects.update_or_create(
            code=row.code,
            defaults={"kind": "municipality", "name": row.name, "county": row.county},
        )
    for area_row in area_rows():
        area, _ = area_model.objects.update_or_create(
            slug=area_row.slug,
            organisation=None,
            defaults={
                "name": area_row.name,
                "name_en": area_row.name_en,
                "description": area_row.description,
                "index_kind": area_row.index_kind,
                "sort_order": area_row.sort_order,
            },
        )
        total_rule_model.objects.filter(area=area).delete()
        for start, end in area_row.total:
            total_rule_model.objects.create(area=area, valid_from_year=start, valid_to_year=end)


def reference_data_ensure() -> bool:
    """Load the reference data unless every municipality and area is present.

    Returns whether anything had to be loaded.
    """
    from servicepuls.organisations.models import AreaTotalRule, AuthorityArea, Organisation

    municipalities = Organisation.objects.filter(kind="municipality").count()
    areas = AuthorityArea.objects.filter(organisation__isnull=True).count()
    if municipalities >= len(municipality_rows()) and areas >= len(area_rows()):
        return False
    reference_data_load(Organisation, AuthorityArea, AreaTotalRule)
    return True
