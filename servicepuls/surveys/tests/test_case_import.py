import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from openpyxl import Workbook

from servicepuls.surveys.choices import ImportKind, ImportStatus
from servicepuls.surveys.errors import ImportFileError
from servicepuls.surveys.models import Case, CaseContact, ColumnMapping, DataImport
from servicepuls.surveys.services import imports
from servicepuls.surveys.services.imports import (
    data_import_confirm,
    data_import_create,
    data_import_preview,
    data_import_run,
)
from servicepuls.surveys.tasks import data_import_run_task

HEADER = (
    "Diarienummer;Område;Kundtyp;Orgnr;E-post;Telefon;Inkom;Komplett;Beslutsdatum;Beslut;Avgift\n"
)
ROW_1 = "BN-2025-1;bygglov;företag;556036-0793;anna@example.se;070-123 45 67;2026-09-10;2026-09-20;2026-10-30;bifall;12 500,00\n"
ROW_2 = "MH-2025-7;Livsmedelskontroll;privat;;per@example.se;;2026-10-01;;2026-10-15;;\n"


@pytest.fixture(autouse=True)
def _on_commit_runs(monkeypatch):
    """Run on-commit callbacks at once (the test's transaction never commits)."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


def _import(organisation, text, **kwargs):
    data_import = data_import_create(
        organisation=organisation,
        kind=ImportKind.CASES,
        filename="export.csv",
        data=text.encode(),
        **kwargs,
    )
    data_import_confirm(data_import=data_import)
    data_import.refresh_from_db()
    return data_import


def test_case_import_creates_cases_with_contacts_apart_and_handling_time(municipality_a):
    data_import = _import(municipality_a, HEADER + ROW_1 + ROW_2)

    assert data_import.status == ImportStatus.SUCCEEDED
    assert (data_import.created_count, data_import.updated_count) == (2, 0)
    case = Case.objects.get(external_id="BN-2025-1")
    assert case.area.slug == "bygglov"
    assert case.respondent == "business"
    assert case.organisation_number == "556036-0793"
    assert case.fee == Decimal("12500.00")
    assert case.outcome == "approved"
    assert case.handling_days == 40  # from the complete application, not the receipt
    assert case.contact.email == "anna@example.se"
    private = Case.objects.get(external_id="MH-2025-7")
    assert private.handling_days == 14
    assert private.contact.phone == ""


def test_case_import_is_idempotent_by_case_id(municipality_a):
    _import(municipality_a, HEADER + ROW_1 + ROW_2)
    same = _import(municipality_a, HEADER + ROW_1 + ROW_2)
    again = _import(municipality_a, HEADER + ROW_1.replace("bifall", "avslag") + ROW_2)

    assert (same.created_count, same.updated_count) == (0, 0)
    assert (again.created_count, again.updated_count) == (0, 1)
    assert Case.objects.count() == 2
    assert CaseContact.objects.count() == 2
    assert Case.objects.get(external_id="BN-2025-1").outcome == "rejected"


def test_case_import_reports_every_problem_with_row_and_column_and_imports_nothing(
    municipality_a,
):
    bad = (
        HEADER
        + ROW_1
        + "X-1;bygglov;företag;556036-0794;not-an-address;;2026-01-10;;2026-13-01;kanske;-5\n"
        + ROW_1
    )
    data_import = _import(municipality_a, bad)

    assert data_import.status == ImportStatus.FAILED
    assert Case.objects.count() == 0
    problems = {(error["row"], error["column"]) for error in data_import.errors}
    assert problems == {
        (3, "Orgnr"),
        (3, "E-post"),
        (3, "Beslutsdatum"),
        (3, "Beslut"),
        (3, "Avgift"),
        (4, "Diarienummer"),
    }


def test_case_import_rejects_cases_of_an_unknown_area_and_private_orgnr(municipality_a):
    data_import = _import(
        municipality_a,
        HEADER + "A-1;frisör;privat;556036-0793;;;;;2025-03-01;;\n",
    )
    messages = {error["column"]: error["message"] for error in data_import.errors}
    assert "not a known area" in messages["Område"]
    assert "Only businesses" in messages["Orgnr"]


def test_case_import_reads_excel_with_a_saved_mapping(municipality_a):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nr", "Verks", "Typ", "Klart"])
    sheet.append(["E-1", "bygglov", "private", date(2025, 4, 1)])
    sheet.append(["E-2", "livsmedel", "business", date(2025, 4, 2)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    mapping = ColumnMapping.objects.create(
        organisation=municipality_a,
        name="Ärendesystemet",
        columns={"external_id": "Nr", "area": "Verks", "respondent": "Typ", "decided_on": "Klart"},
    )
    data_import = data_import_create(
        organisation=municipality_a,
        kind=ImportKind.CASES,
        filename="export.xlsx",
        data=buffer.getvalue(),
        mapping=mapping,
    )
    preview = data_import_preview(data_import=data_import)
    assert preview.rows[0] == ["E-1", "bygglov", "private", "2025-04-01"]
    assert preview.errors == []

    data_import_confirm(data_import=data_import)
    assert sorted(Case.objects.values_list("external_id", flat=True)) == ["E-1", "E-2"]


def test_case_import_confirm_saves_the_mapping_for_the_organisation(municipality_a):
    data_import = data_import_create(
        organisation=municipality_a,
        kind=ImportKind.CASES,
        filename="x.csv",
        data=b"a,b,c,d\n1,bygglov,private,2025-01-01\n",
    )
    columns = {"external_id": "a", "area": "b", "respondent": "c", "decided_on": "d"}
    data_import_confirm(data_import=data_import, columns=columns, save_mapping_as="Mitt system")

    assert ColumnMapping.objects.get(organisation=municipality_a).columns == columns
    assert Case.objects.count() == 1


def test_case_import_needs_the_required_columns(municipality_a):
    data_import = data_import_create(
        organisation=municipality_a,
        kind=ImportKind.CASES,
        filename="x.csv",
        data=b"a,b\n1,2\n",
    )
    with pytest.raises(ImportFileError, match="required field"):
        data_import_confirm(data_import=data_import)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02", "not a text"),
        (b"a,a\n1,2\n", "appears twice"),
    ],
)
def test_case_import_refuses_unreadable_files_clearly(municipality_a, data, message):
    with pytest.raises(ImportFileError, match=message):
        data_import_create(
            organisation=municipality_a, kind=ImportKind.CASES, filename="bad.csv", data=data
        )


def test_import_cases_command_imports_with_progress_and_names_bad_lines(
    municipality_a, tmp_path, capsys
):
    good = tmp_path / "cases.csv"
    good.write_text(HEADER + ROW_1 + ROW_2, encoding="utf-8")
    call_command("surveys", "import-cases", str(good), "--organisation", "0136")
    output = capsys.readouterr()
    assert "2 created, 0 updated." in output.out
    assert "Validating: 2/2 rows (100 %)" in output.err

    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + ROW_1.replace("2026-10-30", "yesterday"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad.csv, line 2, column Beslutsdatum: .*not a date"):
        call_command("surveys", "import-cases", str(bad), "--organisation", "0136")


def test_case_contacts_are_not_stored_past_retention_and_are_erased_when_it_ends(
    municipality_a,
):
    from servicepuls.common.models import AuditLogEntry
    from servicepuls.surveys.services.cases import case_contacts_erase_expired

    _import(
        municipality_a,
        HEADER
        + ROW_1
        + ROW_2.replace("2026-10-15", "2024-10-15").replace("2026-10-01", "2024-10-01"),
    )
    assert list(CaseContact.objects.values_list("case__external_id", flat=True)) == ["BN-2025-1"]

    assert case_contacts_erase_expired(today=date(2027, 10, 29)) == 0
    assert case_contacts_erase_expired(today=date(2027, 10, 31)) == 1
    assert CaseContact.objects.count() == 0
    assert Case.objects.count() == 2
    entry = AuditLogEntry.objects.get()
    assert (entry.organisation_id, entry.details["count"]) == (municipality_a.pk, 1)


def test_case_import_refuses_a_damaged_excel_file(municipality_a):
    workbook = Workbook()
    workbook.active.append(["a"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = bytearray(buffer.getvalue())
    data[200:400] = b"x" * 200

    with pytest.raises(ImportFileError, match="Excel file cannot be read"):
        data_import_create(
            organisation=municipality_a,
            kind=ImportKind.CASES,
            filename="bad.xlsx",
            data=bytes(data),
        )


def test_case_import_replaces_changed_contact_details(municipality_a):
    _import(municipality_a, HEADER + ROW_1 + ROW_2)
    _import(municipality_a, HEADER + ROW_1.replace("anna@example.se", "anna.b@example.se") + ROW_2)

    assert Case.objects.get(external_id="BN-2025-1").contact.email == "anna.b@example.se"
    assert Case.objects.get(external_id="MH-2025-7").contact.email == "per@example.se"
    assert CaseContact.objects.count() == 2


def test_case_import_interrupted_mid_run_runs_again_in_full(municipality_a):
    data_import = data_import_create(
        organisation=municipality_a,
        kind=ImportKind.CASES,
        filename="export.csv",
        data=(HEADER + ROW_1 + ROW_2).encode(),
    )
    # A worker died (or lost the database) after validating half of the file.
    DataImport.objects.filter(pk=data_import.pk).update(
        status=ImportStatus.RUNNING, processed_rows=1
    )

    data_import = data_import_run(data_import=data_import)

    assert (data_import.status, data_import.created_count) == (ImportStatus.SUCCEEDED, 2)
    assert Case.objects.count() == CaseContact.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_case_import_task_runs_again_after_a_lost_database_connection(municipality_a, monkeypatch):
    monkeypatch.setattr("servicepuls.common.db.RETRY_DELAYS", (0,))
    real_store = imports.cases_store
    calls = []

    def store_once_lost(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("terminating connection due to administrator command")
        return real_store(**kwargs)

    monkeypatch.setattr(imports, "cases_store", store_once_lost)
    data_import = data_import_create(
        organisation=municipality_a,
        kind=ImportKind.CASES,
        filename="export.csv",
        data=(HEADER + ROW_1 + ROW_2).encode(),
    )
    DataImport.objects.filter(pk=data_import.pk).update(status=ImportStatus.QUEUED)

    assert data_import_run_task.call(data_import_id=data_import.pk) == ImportStatus.SUCCEEDED

    data_import.refresh_from_db()
    assert data_import.created_count == 2
    assert len(calls) == 2
    assert Case.objects.count() == 2


def test_case_import_refuses_contact_details_wider_than_their_columns(municipality_a):
    """Valid, but longer than the database columns: PostgreSQL used to fail the import."""
    email = "a" * 250 + "@example.se"
    phone = "070" + " " * 30 + "123 45 67"
    row = f"BN-1;bygglov;företag;;{email};{phone};;;2026-10-30;;\n"

    data_import = _import(municipality_a, HEADER + row)

    assert data_import.status == ImportStatus.FAILED
    messages = {error["column"]: error["message"] for error in data_import.errors}
    assert messages["E-post"].endswith("is longer than 254 characters.")
    assert messages["Telefon"].endswith("is longer than 30 characters.")
    assert not Case.objects.exists()


def test_case_import_errors_quote_a_huge_cell_shortly(municipality_a):
    row = "BN-1;" + "x" * 30_000 + ";företag;;;;;;2026-10-30;;\n"

    data_import = _import(municipality_a, HEADER + row)

    (error,) = data_import.errors
    assert error["column"] == "Område"
    assert len(error["message"]) < 120


def test_contact_column_widths_are_the_parsers_limits():
    from servicepuls.surveys.importers.values import MAX_EMAIL_CHARS, MAX_PHONE_CHARS

    assert CaseContact._meta.get_field("email").max_length == MAX_EMAIL_CHARS
    assert CaseContact._meta.get_field("phone").max_length == MAX_PHONE_CHARS
