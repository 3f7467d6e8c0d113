from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from servicepuls.insights.errors import ExternalResultsImportError
from servicepuls.insights.models import BusinessClimateResult, PublishedResult
from servicepuls.insights.services import business_climate_import, published_results_import

GOOD = b"organisation,year,area,value,n\n0192,2022,bygglov,65,120\n0192,2022,total,72.5,400\nriket,2022,,75,\n"


@pytest.mark.django_db
def test_published_results_import_stores_organisation_national_and_total_rows():
    summary = published_results_import(name="kolada.csv", data=GOOD, source="SKR Insikt")

    assert (summary.created, summary.updated) == (3, 0)
    bygglov = PublishedResult.objects.get(organisation__code="0192", area__slug="bygglov")
    assert (bygglov.year, bygglov.value, bygglov.n, bygglov.source) == (
        2022,
        65.0,
        120,
        "SKR Insikt",
    )
    assert PublishedResult.objects.get(organisation__code="0192", area__isnull=True).value == 72.5
    assert PublishedResult.objects.get(organisation__isnull=True, year=2022).value == 75.0


@pytest.mark.django_db
def test_published_results_import_is_idempotent_and_updates_values():
    published_results_import(name="a.csv", data=GOOD, source="SKR Insikt")
    summary = published_results_import(
        name="a.csv", data=GOOD.replace(b"65,120", b"66,121"), source="SKR Insikt"
    )

    assert (summary.created, summary.updated) == (0, 3)
    assert PublishedResult.objects.count() == 3
    assert PublishedResult.objects.get(area__slug="bygglov").value == 66.0


@pytest.mark.django_db
def test_semicolons_and_decimal_commas_from_swedish_spreadsheets_are_read():
    data = b"organisation;year;area;value;n\n0136;2023;livsmedel;77,5;88\n"

    published_results_import(name="export.csv", data=data, source="SKR Insikt")

    assert PublishedResult.objects.get(organisation__code="0136").value == 77.5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.csv:1: the file is empty"),
        (b"organisation,year,area,value\n", "x.csv:1: column 'n': required column is missing"),
        (b"organisation,year,area,value,n,colour\n", "x.csv:1: column 'colour': unknown column"),
        (
            b"organisation,year,area,value,n\n0192,2022,bygglov,101,\n",
            "x.csv:2: column 'value': 101 is outside 0–100",
        ),
        (
            b"organisation,year,area,value,n\n0192,20x2,bygglov,50,\n",
            "x.csv:2: column 'year': '20x2' is not a whole number",
        ),
        (
            b"organisation,year,area,value,n\n0192,2022,bygglov,5O,\n",
            "x.csv:2: column 'value': '5O' is not a number",
        ),
        (
            b"organisation,year,area,value,n\n0192,2022,bygglov,50,\n9999,2022,bygglov,50,\n",
            "x.csv:3: column 'organisation': unknown organisation '9999'",
        ),
        (
            b"organisation,year,area,value,n\n0192,2022,bygglof,50,\n",
            "x.csv:2: column 'area': unknown area 'bygglof'",
        ),
        (
            b"organisation,year,area,value,n\n0192,2022,bygglov,50,\n0192,2022,bygglov,51,\n",
            "x.csv:3: the same organisation, year and area as line 2",
        ),
        (
            b"organisation,year,area,value,n\n0192,2022,bygglov,50\n",
            "x.csv:2: expected 5 values, found 4",
        ),
        (
            b"organisation,year,area,value,n\n\xff\xfe0192,2022\n",
            "x.csv:2: the file is not UTF-8 text",
        ),
        # "²".isdigit() is true, but int() refuses it: it used to escape as a ValueError.
        (
            "organisation,year,area,value,n\n0192,2022,bygglov,50,1²\n".encode(),
            "x.csv:2: column 'n': '1²' is not a whole number",
        ),
        # PostgreSQL cannot store a NUL character: it used to fail in the database.
        (
            b"organisation,year,area,value,n\n0192,2022,bygglov,50,\n0192\x00,2023,,50,\n",
            "x.csv:3: a NUL character: this is not a text (CSV) file",
        ),
    ],
)
def test_bad_files_are_refused_with_file_line_and_column_and_store_nothing(data, message):
    published_results_import(name="x.csv", data=GOOD, source="earlier")

    with pytest.raises(ExternalResultsImportError) as raised:
        published_results_import(name="x.csv", data=data, source="SKR Insikt")

    assert raised.value.message == message
    assert "\n" not in raised.value.message
    assert not PublishedResult.objects.filter(source="SKR Insikt").exists()
    assert PublishedResult.objects.filter(source="earlier").count() == 3


@pytest.mark.django_db
def test_business_climate_import_keeps_question_means():
    data = b"organisation,year,summary_rating,n,rank,attityder_tjansteman,service_information\n0136,2023,3.6,210,95,3.9,3.4\nriket,2023,3.46,,,,\n"

    summary = business_climate_import(name="sn.csv", data=data)

    assert summary.created == 2
    haninge = BusinessClimateResult.objects.get(organisation__code="0136")
    assert (haninge.summary_rating, haninge.n, haninge.rank) == (3.6, 210, 95)
    assert haninge.factor_means == {"attityder_tjansteman": 3.9, "service_information": 3.4}
    assert BusinessClimateResult.objects.get(organisation__isnull=True).summary_rating == 3.46


@pytest.mark.django_db
def test_business_climate_rating_outside_one_to_six_is_refused():
    with pytest.raises(
        ExternalResultsImportError, match=r"sn.csv:2: column 'summary_rating': 6.5 is outside 1–6"
    ):
        business_climate_import(
            name="sn.csv", data=b"organisation,year,summary_rating,n,rank\n0136,2023,6.5,,\n"
        )


@pytest.mark.django_db
def test_results_command_prints_a_summary_or_a_one_line_error(tmp_path, capsys):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(GOOD)
    bad.write_bytes(b"organisation,year,area,value,n\n0192,2022,bygglov,-3,\n")

    call_command("results", "import-published", str(good))
    assert "3 created, 0 updated." in capsys.readouterr().out
    with pytest.raises(CommandError, match=r"bad.csv:2: column 'value': -3 is outside 0–100"):
        call_command("results", "import-published", str(bad))


@pytest.mark.django_db
def test_demo_loads_the_published_national_figures():
    call_command("demo", verbosity=0)

    national = dict(
        PublishedResult.objects.filter(organisation__isnull=True, area__isnull=True).values_list(
            "year", "value"
        )
    )
    assert national[2018] == 72.0
    assert national[2023] == 75.0
    assert (
        PublishedResult.objects.get(organisation__code="0480", area__slug="upphandling").value
        == 69.0
    )
    assert (
        BusinessClimateResult.objects.get(organisation__isnull=True, year=2020).summary_rating
        == 3.37
    )
