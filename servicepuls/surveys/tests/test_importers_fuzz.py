"""Hypothesis fuzzing of the importers: never a server error, never a partial import."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicepuls.surveys.choices import ImportKind, ImportStatus
from servicepuls.surveys.errors import ImportFileError
from servicepuls.surveys.importers.tabular import table_read
from servicepuls.surveys.models import Case, CaseContact, DataImport, SurveyAnswer
from servicepuls.surveys.services.imports import (
    data_import_create,
    data_import_preview,
    data_import_run,
)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

weird_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)
case_cells = {
    "Diarienummer": st.one_of(st.sampled_from(["A-1", "A-2", "A-3", ""]), weird_text),
    "Område": st.one_of(
        st.sampled_from(["bygglov", "Livsmedelskontroll", "frisör", ""]), weird_text
    ),
    "Kundtyp": st.one_of(st.sampled_from(["företag", "privat", "private", "x"]), weird_text),
    "Orgnr": st.one_of(st.sampled_from(["", "556036-0793", "556036-0794", "123"]), weird_text),
    "E-post": st.one_of(st.sampled_from(["", "a@example.se", "no-at-sign"]), weird_text),
    "Beslutsdatum": st.one_of(
        st.sampled_from(["2026-10-01", "2026-02-30", "", "2099-01-01"]), weird_text
    ),
    "Avgift": st.one_of(st.sampled_from(["", "100", "1 200,50", "-1", "NaN", "1e400"]), weird_text),
}


def _csv(header, rows, delimiter=";"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _run(organisation, kind, data):
    try:
        data_import = data_import_create(
            organisation=organisation, kind=kind, filename="fuzz.csv", data=data
        )
    except ImportFileError:
        return None  # refused with a clear message (the type says so), never a crash
    DataImport.objects.filter(pk=data_import.pk).update(status=ImportStatus.QUEUED)
    data_import.refresh_from_db()
    return data_import_run(data_import=data_import)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused_with_a_message(data):
    message = ""
    try:
        table = table_read(filename="fuzz.csv", data=data)
    except ImportFileError as error:
        message = error.message
    if message:
        assert "fuzz.csv" in message
    else:
        assert all(len(row) == len(table.header) for row in table.rows)


@FUZZ
@given(rows=st.lists(st.fixed_dictionaries(case_cells), min_size=1, max_size=8))
def test_case_import_is_all_or_nothing(municipality_a, rows):
    before = (Case.objects.count(), CaseContact.objects.count())
    header = list(case_cells)
    data_import = _run(
        municipality_a, ImportKind.CASES, _csv(header, [[row[h] for h in header] for row in rows])
    )
    after = (Case.objects.count(), CaseContact.objects.count())
    if data_import is None or data_import.status == ImportStatus.FAILED:
        assert after == before
        if data_import is not None:
            assert data_import.errors
            assert all(error["row"] >= 1 and error["message"] for error in data_import.errors)
    else:
        assert data_import.status == ImportStatus.SUCCEEDED
        assert data_import.created_count + data_import.updated_count == len(rows)


answer_header = [
    "answer_id",
    "organisation",
    "area",
    "year",
    "closed_on",
    "respondent",
    "outcome",
    "information_1",
    "tillganglighet_1",
    "bemotande_1",
    "kompetens_1",
    "rattssakerhet_1",
    "effektivitet_1",
    "nki_satisfied",
    "nki_expectations",
    "nki_ideal",
    "comment",
]
answer_cells = st.fixed_dictionaries(
    {
        "answer_id": st.one_of(st.sampled_from(["v1", "v2", ""]), weird_text),
        "organisation": st.sampled_from(["0136", "0192", "9999", ""]),
        "area": st.sampled_from(["bygglov", "livsmedel", "nope"]),
        "year": st.one_of(st.sampled_from(["2025", "1800", "20x5"]), weird_text),
        "closed_on": st.sampled_from(["", "2025-01-01", "2025-13-01"]),
        "respondent": st.sampled_from(["business", "private", "företag"]),
        "outcome": st.sampled_from(["", "approved", "bifall"]),
        **{
            name: st.one_of(st.sampled_from(["", "1", "10", "0", "11", "5.5"]), weird_text)
            for name in answer_header[7:16]
        },
        "comment": weird_text,
    }
)


@FUZZ
@given(rows=st.lists(answer_cells, min_size=1, max_size=6))
def test_answer_import_is_all_or_nothing(municipality_a, rows):
    before = SurveyAnswer.objects.count()
    data = _csv(answer_header, [[row[h] for h in answer_header] for row in rows], delimiter=",")
    data_import = _run(municipality_a, ImportKind.ANSWERS, data)
    if data_import is None or data_import.status == ImportStatus.FAILED:
        assert SurveyAnswer.objects.count() == before
    else:
        assert data_import.created_count + data_import.updated_count <= len(rows)
        assert SurveyAnswer.objects.count() == before + data_import.created_count


@FUZZ
@given(data=st.binary(max_size=1500), kind=st.sampled_from(["cases", "answers"]))
def test_import_upload_page_never_fails_with_a_server_error(client, admin_user, data, kind):
    client.force_login(admin_user)
    response = client.post(
        reverse("surveys:staff_import"),
        {"kind": kind, "file": SimpleUploadedFile("fuzz.xlsx", data)},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_fuzz_helpers_write_readable_csv(delimiter):
    table = table_read(filename="x.csv", data=_csv(["a", "b"], [["1", "2"]], delimiter))
    assert table.rows == [["1", "2"]]


@FUZZ
@given(
    name=st.sampled_from(["xl/workbook.xml", "[Content_Types].xml", "a.txt"]),
    body=st.binary(max_size=300),
)
def test_zip_files_that_are_not_workbooks_are_refused_clearly(name, body):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, body)
    with pytest.raises(ImportFileError, match="Excel file cannot be read"):
        table_read(filename="fuzz.xlsx", data=buffer.getvalue())


# Answer sets a preview accepts: what varies is the file's form, not the validity of a cell.
valid_answer_cells = st.fixed_dictionaries(
    {
        "answer_id": st.text(alphabet="abcdefghijk0123456789-", min_size=1, max_size=12),
        "organisation": st.just("0136"),
        "area": st.sampled_from(["bygglov", "livsmedel"]),
        "year": st.sampled_from(["2024", "2025"]),
        "closed_on": st.sampled_from(["", "2025-01-01"]),
        "respondent": st.sampled_from(["business", "private"]),
        "outcome": st.sampled_from(["", "approved"]),
        **{name: st.sampled_from(["", "1", "7", "10"]) for name in answer_header[7:16]},
        "comment": st.text(alphabet='abc åäö,;"é', max_size=30),
    }
)


@FUZZ
@given(
    rows=st.lists(valid_answer_cells, min_size=1, max_size=6, unique_by=lambda r: r["answer_id"]),
    delimiter=st.sampled_from([",", ";"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_an_answer_file_whose_preview_is_clean_is_imported(
    municipality_a, rows, delimiter, encoding
):
    """The preview and the run read a file alike, whatever its delimiter and encoding."""
    text = _csv(answer_header, [[row[h] for h in answer_header] for row in rows], delimiter)
    data = text.decode("utf-8").encode(encoding)
    data_import = data_import_create(
        organisation=municipality_a, kind=ImportKind.ANSWERS, filename="fuzz.csv", data=data
    )
    assert data_import_preview(data_import=data_import).errors == []
    DataImport.objects.filter(pk=data_import.pk).update(status=ImportStatus.QUEUED)
    data_import.refresh_from_db()

    data_import = data_import_run(data_import=data_import)

    assert data_import.status == ImportStatus.SUCCEEDED, data_import.errors
    stored = SurveyAnswer.objects.filter(external_id__in=[row["answer_id"] for row in rows])
    assert {answer.external_id: answer.comment for answer in stored} == {
        row["answer_id"]: row["comment"].strip() or "" for row in rows
    }
