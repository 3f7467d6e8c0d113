"""The reference data the project owns: Sweden's municipalities and the national areas.

Loaded by a data migration, so every installation starts with the same organisations and
areas; also used by tests to check the files themselves.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

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
