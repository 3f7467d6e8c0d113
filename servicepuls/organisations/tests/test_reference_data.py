from __future__ import annotations

import pytest

from servicepuls.organisations.models import AuthorityArea, Organisation
from servicepuls.organisations.reference_data import municipality_rows


def test_municipality_rows_are_sweden_s_290_with_unique_kommunkod():
    rows = municipality_rows()

    assert len(rows) == 290
    assert len({row.code for row in rows}) == 290
    assert all(len(row.code) == 4 and row.code.isdigit() for row in rows)
    assert {row.code: row.name for row in rows}["0192"] == "Nynäshamn"
    assert {row.code: row.name for row in rows}["0136"] == "Haninge"
    assert len({row.county for row in rows}) == 21


@pytest.mark.django_db
def test_migration_loads_every_municipality_and_national_area():
    assert Organisation.objects.filter(kind="municipality").count() == 290
    assert set(
        AuthorityArea.objects.filter(organisation__isnull=True).values_list("slug", flat=True)
    ) == {
        "bygglov",
        "miljo_halsoskydd",
        "livsmedel",
        "serveringstillstand",
        "brandtillsyn",
        "markupplatelse",
        "upphandling",
        "ovrigt",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "year", "counts"),
    [
        ("bygglov", 2010, True),
        ("bygglov", 2025, True),
        ("brandtillsyn", 2023, True),
        ("brandtillsyn", 2024, False),
        ("markupplatelse", 2024, False),
        ("upphandling", 2020, False),
        ("ovrigt", 2020, False),
    ],
)
def test_area_counts_in_total_follows_its_validity_years(slug, year, counts):
    area = AuthorityArea.objects.get(slug=slug, organisation__isnull=True)

    assert area.counts_in_total(year) is counts
