from __future__ import annotations

import io

import pytest
from django.test import TestCase
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import UserFactory
from servicepuls.insights.models import ReportStatus, SteeringReport
from servicepuls.insights.reports.excel import safe_text
from servicepuls.insights.tests.helpers import answers_store

URL = "/staff/resultat/rapporter/"


@pytest.fixture
def measured(municipality_a):
    answers_store(municipality_a, "bygglov", 2023, 30, level=6)
    answers_store(municipality_a, "bygglov", 2024, 40, level=8)
    answers_store(municipality_a, "livsmedel", 2024, 5, level=9)
    return municipality_a


def _generate(client, year=2024):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(URL, {"year": year})
    return response


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ANALYST, Role.STEERING])
def test_report_is_generated_in_the_background_and_downloadable(client, measured, role):
    client.force_login(UserFactory(organisation=measured, role=role))

    response = _generate(client)

    assert response.status_code == 302
    report = SteeringReport.objects.get()
    assert (report.status, report.progress, report.year) == (ReportStatus.DONE, 100, 2024)
    listing = client.get(URL).content.decode()
    assert f"/staff/resultat/rapporter/{report.pk}/pdf/" in listing
    pdf = client.get(f"{URL}{report.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Disposition"].startswith(
        'attachment; filename="styrgruppsrapport-2024.pdf"'
    )


def test_report_pdf_text_names_the_organisation_areas_values_and_suppression(client, measured):
    client.force_login(UserFactory(organisation=measured, role=Role.ANALYST))
    _generate(client)
    report = SteeringReport.objects.get()

    reader = PdfReader(io.BytesIO(b"".join(client.get(f"{URL}{report.pk}/pdf/").streaming_content)))
    text = "\n".join(page.extract_text() for page in reader.pages)

    assert "Styrgruppsrapport 2024 – Haninge" in text
    assert "Bygglov" in text
    assert "Livsmedelskontroll" in text
    assert "för få svar" in text
    assert "Totalt NKI" in text
    assert len(reader.pages) >= 3  # summary + one page per area


def test_report_excel_has_a_summary_and_one_sheet_per_area(client, measured):
    client.force_login(UserFactory(organisation=measured, role=Role.ANALYST))
    _generate(client)
    report = SteeringReport.objects.get()

    data = b"".join(client.get(f"{URL}{report.pk}/xlsx/").streaming_content)
    book = load_workbook(io.BytesIO(data))

    with translation.override("sv"):
        summary_title = translation.gettext("Summary")
    assert book.sheetnames[0] == summary_title
    assert "Bygglov" in book.sheetnames
    summary = list(book[summary_title].iter_rows(values_only=True))
    assert summary[0][:2] == ("Haninge", 2024)
    totals = next(row for row in summary if row[0] == "Totalt NKI")
    assert 0 < totals[1] < 100


def test_reports_are_closed_to_department_contacts_and_other_organisations(
    client, measured, municipality_b, department_user
):
    client.force_login(UserFactory(organisation=measured, role=Role.ANALYST))
    _generate(client)
    report = SteeringReport.objects.get()

    client.force_login(department_user)
    assert client.get(URL).status_code == 403
    client.force_login(UserFactory(organisation=municipality_b, role=Role.ADMIN))
    assert client.get(f"{URL}{report.pk}/pdf/").status_code == 404
    assert client.get(f"{URL}{report.pk}/doc/").status_code == 404


def test_safe_text_neutralises_formulas():
    assert safe_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_text("Bra service") == "Bra service"


def test_report_left_running_by_a_dead_worker_is_generated_in_full_on_retry(measured):
    from servicepuls.insights.services import steering_report_generate

    user = UserFactory(organisation=measured, role=Role.ANALYST)
    # The worker was killed while rendering the PDF: nothing was stored yet.
    report = SteeringReport.objects.create(
        organisation=measured,
        year=2024,
        requested_by=user,
        status=ReportStatus.RUNNING,
        progress=40,
    )

    report = steering_report_generate(report_id=report.pk)

    assert (report.status, report.progress) == (ReportStatus.DONE, 100)
    assert report.pdf.read(4) == b"%PDF"
    assert load_workbook(report.xlsx.open("rb")).sheetnames
