import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from servicepuls.surveys.choices import ImportKind, ImportStatus
from servicepuls.surveys.errors import ImportFileError
from servicepuls.surveys.models import SurveyAnswer
from servicepuls.surveys.selectors import answers_canonical_rows
from servicepuls.surveys.services.imports import data_import_confirm, data_import_create

HEADER = (
    "answer_id,organisation,area,year,closed_on,respondent,outcome,"
    "information_1,information_2,tillganglighet_1,bemotande_1,kompetens_1,rattssakerhet_1,"
    "effektivitet_1,nki_satisfied,nki_expectations,nki_ideal,comment\n"
)
ROWS = (
    "v-1,0136,bygglov,2025,2025-03-01,business,approved,8,,7,9,8,6,5,8,7,,Bra bemötande\n"
    "v-2,0136,livsmedel,2025,,private,,10,9,,,,,,10,10,9,\n"
)


@pytest.fixture(autouse=True)
def _on_commit_runs(monkeypatch):
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


def _import(organisation, text):
    """Upload, confirm and run a file given as text (UTF-8) or as the bytes a user sent."""
    data_import = data_import_create(
        organisation=organisation,
        kind=ImportKind.ANSWERS,
        filename="vendor.csv",
        data=text.encode() if isinstance(text, str) else text,
    )
    data_import_confirm(data_import=data_import)
    data_import.refresh_from_db()
    return data_import


def test_answer_import_stores_answer_sets_with_indices(municipality_a):
    data_import = _import(municipality_a, HEADER + ROWS)

    assert data_import.status == ImportStatus.SUCCEEDED
    first = SurveyAnswer.objects.get(external_id="v-1")
    assert first.source == "import"
    assert first.items["information_2"] is None
    assert first.information == pytest.approx(700 / 9)
    assert first.nki == pytest.approx((700 / 9 + 600 / 9) / 2)
    assert first.comment == "Bra bemötande"
    assert SurveyAnswer.objects.get(external_id="v-2").bemotande is None


def test_answer_import_is_idempotent_by_answer_id(municipality_a):
    _import(municipality_a, HEADER + ROWS)
    again = _import(municipality_a, HEADER + ROWS)

    assert (again.created_count, again.updated_count) == (0, 0)
    assert SurveyAnswer.objects.count() == 2


def test_answer_import_redacts_comments(municipality_a):
    _import(municipality_a, HEADER + ROWS.replace("Bra bemötande", "Ring mig på 070-123 45 67"))

    assert "070" not in SurveyAnswer.objects.get(external_id="v-1").comment
    assert "[telefon]" in SurveyAnswer.objects.get(external_id="v-1").comment


def test_answer_import_rejects_the_whole_file_naming_line_and_column(
    municipality_a, municipality_b
):
    bad = ROWS + "v-3,0192,bygglov,2025,,business,,11,,,,,,,5,5,5,\n"
    data_import = _import(municipality_a, HEADER + bad)

    assert data_import.status == ImportStatus.FAILED
    assert SurveyAnswer.objects.count() == 0
    assert [(e["row"], e["column"]) for e in data_import.errors] == [(4, "information_1")]


def test_answer_import_refuses_rows_of_another_organisation(municipality_a, municipality_b):
    other = ROWS + "v-3,0192,bygglov,2025,,business,,10,,,,,,,5,5,5,\n"
    data_import = _import(municipality_a, HEADER + other)

    assert data_import.status == ImportStatus.FAILED
    assert SurveyAnswer.objects.count() == 0
    assert [(e["row"], e["column"]) for e in data_import.errors] == [(4, "organisation")]
    assert "0136" in data_import.errors[0]["message"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER.replace("comment", "weather"), "column weather: unknown column"),
        (
            HEADER.replace("kompetens_1,", "").replace(",8,6,5,8", ",6,5,8"),
            "column kompetens_1: (the column is )?missing",
        ),
        (HEADER.replace("nki_ideal", "nki_perfect"), "unknown column"),
    ],
)
def test_answer_import_enforces_the_canonical_header(municipality_a, header, message):
    with pytest.raises(ImportFileError, match=message):
        data_import_create(
            organisation=municipality_a,
            kind=ImportKind.ANSWERS,
            filename="vendor.csv",
            data=(header + ROWS).encode(),
        )


def test_stored_answers_read_back_as_the_canonical_table_without_loss(municipality_a):
    _import(municipality_a, HEADER + ROWS)

    table = answers_canonical_rows(SurveyAnswer.objects.all())

    original = list(csv.reader(io.StringIO(HEADER + ROWS)))
    assert table.header == original[0]
    assert table.rows == original[1:]
    assert table.scale == (1, 10)


def test_export_answers_command_round_trips_through_import(municipality_a, tmp_path):
    _import(municipality_a, HEADER + ROWS)
    out = tmp_path / "export.csv"
    call_command("surveys", "export-answers", "--organisation", "0136", "--out", str(out))
    SurveyAnswer.objects.all().delete()

    call_command("surveys", "import-answers", str(out), "--organisation", "0136")

    table = answers_canonical_rows(SurveyAnswer.objects.all())
    assert table.rows == list(csv.reader(io.StringIO(ROWS)))


def test_import_answers_command_fails_with_one_line_naming_file_line_and_column(
    municipality_a, tmp_path
):
    path = tmp_path / "vendor.csv"
    path.write_text(HEADER + ROWS.replace("2025,2025-03-01", "20x5,2025-03-01"), encoding="utf-8")

    with pytest.raises(CommandError, match=r"vendor.csv, line 2, column year: .*not a year"):
        call_command("surveys", "import-answers", str(path), "--organisation", "0136")


@pytest.mark.parametrize("cell", ["--5", "5-", "+5", "٥", "5.0"])
def test_answer_import_preview_names_a_malformed_answer_in_plain_words(municipality_a, cell):
    """ "--5" used to surface Python's "invalid literal for int()" message."""
    from servicepuls.surveys.services.imports import data_import_preview

    data_import = data_import_create(
        organisation=municipality_a,
        kind=ImportKind.ANSWERS,
        filename="vendor.csv",
        data=(HEADER + ROWS.replace(",8,,7,", f",{cell},,7,", 1)).encode(),
    )

    (error,) = data_import_preview(data_import=data_import).errors
    assert error["row"] == 2
    assert error["column"] == "information_1"
    assert error["message"] == f"“{cell}” is not a whole number."


def test_answer_import_reads_an_excel_workbook(municipality_a):
    """The upload page offers Excel; answer sets from a workbook used to fail as 'not UTF-8'."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in (HEADER + ROWS).splitlines():  # numbers as numbers; "0136" stays text
        sheet.append(
            [
                int(cell) if cell.isdigit() and cell[0] != "0" else (cell or None)
                for cell in line.split(",")
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    data_import = data_import_create(
        organisation=municipality_a,
        kind=ImportKind.ANSWERS,
        filename="vendor.xlsx",
        data=buffer.getvalue(),
    )
    data_import_confirm(data_import=data_import)
    data_import.refresh_from_db()

    assert data_import.status == ImportStatus.SUCCEEDED, data_import.errors
    assert SurveyAnswer.objects.get(external_id="v-1").items["information_1"] == 8
    assert SurveyAnswer.objects.get(external_id="v-2").comment == ""


def _swedish_excel_csv(text):
    """The file as a Swedish Excel saves "CSV": semicolons, Windows-1252."""
    return text.replace(",", ";").encode("cp1252")


def test_answer_import_runs_a_semicolon_windows_1252_file_as_its_preview_read_it(
    municipality_a,
):
    """Such a file used to pass the preview and then fail as having one unknown column."""
    data_import = _import(municipality_a, _swedish_excel_csv(HEADER + ROWS))

    assert data_import.status == ImportStatus.SUCCEEDED, data_import.errors
    assert SurveyAnswer.objects.count() == 2
    assert SurveyAnswer.objects.get(external_id="v-1").comment == "Bra bemötande"


def test_a_semicolon_file_is_refused_at_its_own_line_and_column(municipality_a):
    bad = ROWS + "v-3,0136,bygglov,2025,,business,,11,,,,,,,5,5,5,\n"
    data_import = _import(municipality_a, _swedish_excel_csv(HEADER + bad))

    assert data_import.status == ImportStatus.FAILED
    assert SurveyAnswer.objects.count() == 0
    assert [(e["row"], e["column"]) for e in data_import.errors] == [(4, "information_1")]
