"""The dashboard's numbers equal ``servicepuls nki compute`` on the canonical export."""

from __future__ import annotations

import csv
import io
import math

import pytest
from django.core.management import call_command

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import UserFactory
from servicepuls.insights.tests.helpers import answers_store
from servicepuls.surveys.models import SurveyAnswer
from servicepuls.surveys.selectors import answers_canonical_csv_write
from survey_stats.drivers import FACTORS

COUNTED = ("bygglov", "livsmedel")


@pytest.fixture
def answered(municipality_a, municipality_b):
    answers_store(municipality_a, "bygglov", 2023, 25, level=6)
    answers_store(municipality_a, "bygglov", 2024, 31, level=8)
    answers_store(municipality_a, "bygglov", 2024, 9, level=4, outcome="rejected")
    answers_store(municipality_a, "bygglov", 2024, 11, level=7, respondent="private")
    answers_store(municipality_a, "livsmedel", 2024, 14, level=9, outcome="")
    answers_store(municipality_a, "upphandling", 2024, 5, level=5)  # suppressed, not in total
    answers_store(municipality_b, "bygglov", 2024, 20, level=3)  # another organisation
    return municipality_a


def _nki_compute(tmp_path, answers, by: str) -> list[dict[str, str]]:
    path = tmp_path / "answers.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        answers_canonical_csv_write(answers, handle)
    out = io.StringIO()
    call_command("nki", "compute", str(path), "--by", by, "--format", "csv", stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _same(cell: str, value: float | None) -> bool:
    if value is None:
        return cell == ""
    return math.isclose(float(cell), value, rel_tol=1e-9, abs_tol=1e-9)


def _assert_equal(row: dict[str, str], results) -> None:
    nki = results.nki
    assert int(row["n"]) == nki.n
    assert row["suppressed"] == str(nki.suppressed).lower()
    assert _same(row["nki"], nki.value)
    assert _same(row["nki_ci_low"], nki.ci_low)
    assert _same(row["nki_ci_high"], nki.ci_high)
    assert row["band"] == (nki.band or "")
    for factor in FACTORS:
        assert _same(row[factor], results.factor(factor).value), factor


def test_dashboard_numbers_equal_nki_compute_per_area_and_year(client, answered, tmp_path):
    rows = _nki_compute(
        tmp_path, SurveyAnswer.objects.filter(organisation=answered), "organisation,area,year"
    )
    client.force_login(UserFactory(organisation=answered, role=Role.ANALYST))

    checked = 0
    for year in (2023, 2024):
        data = client.get("/staff/resultat/", {"year": year}).context["data"]
        for panel in data.areas:
            row = next(
                (r for r in rows if r["area"] == panel.area.slug and r["year"] == str(year)),
                None,
            )
            if row is None:
                assert panel.results.answers == 0
                continue
            assert row["organisation"] == "0136"
            _assert_equal(row, panel.results)
            checked += 1
    assert checked == 4  # bygglov 2023 and 2024, livsmedel and upphandling 2024


def test_dashboard_total_equals_nki_compute_over_the_counted_areas(client, answered, tmp_path):
    counted = SurveyAnswer.objects.filter(organisation=answered, area__slug__in=COUNTED)
    rows = _nki_compute(tmp_path, counted, "organisation,year")
    client.force_login(UserFactory(organisation=answered, role=Role.ANALYST))

    data = client.get("/staff/resultat/", {"year": 2024}).context["data"]

    row = next(r for r in rows if r["year"] == "2024")
    _assert_equal(row, data.total)
    body = client.get("/staff/resultat/", {"year": 2024}).content.decode()
    assert f"<strong>{round(data.total.nki.value)}</strong>" in body
