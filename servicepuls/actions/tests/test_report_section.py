"""Open actions appear in the steering-group report (PDF and Excel) through the section
registry of insights."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import TestCase
from openpyxl import load_workbook
from pypdf import PdfReader

from servicepuls.actions.models import ActionKind, ActionStatus
from servicepuls.actions.reports import open_actions_section
from servicepuls.actions.services import action_create, action_transition
from servicepuls.insights.models import SteeringReport
from servicepuls.insights.tests.helpers import answers_store

pytestmark = pytest.mark.django_db
URL = "/staff/resultat/rapporter/"


@pytest.fixture
def actions(steering_user, department):
    overdue = action_create(
        actor=steering_user,
        kind=ActionKind.PROCESS,
        title="Besked om komplett ansökan",
        description="…",
        owner_department=department,
        due_on=dt.date(2020, 1, 31),
    )
    action_transition(actor=steering_user, action=overdue, to_status=ActionStatus.DECIDED)
    done = action_create(
        actor=steering_user,
        kind=ActionKind.KOMMUNIKATION,
        title="Redan genomförd",
        description="…",
        owner_department=department,
    )
    for status in (ActionStatus.DECIDED, ActionStatus.DONE):
        action_transition(actor=steering_user, action=done, to_status=status)
    return overdue, done


def test_the_section_lists_open_actions_only_and_marks_overdue(steering_user, actions):
    section = open_actions_section(steering_user, 2024)

    assert section is not None
    assert [row[0] for row in section.rows] == ["Besked om komplett ansökan"]
    assert "försenad" in section.rows[0][4] or "overdue" in section.rows[0][4]


def test_the_national_role_gets_no_section(national_user, actions):
    assert open_actions_section(national_user, 2024) is None


def test_the_report_pdf_and_excel_carry_the_open_actions(
    client, steering_user, actions, municipality_a
):
    answers_store(municipality_a, "bygglov", 2024, 30, level=7)
    client.force_login(steering_user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(URL, {"year": 2024})
    report = SteeringReport.objects.get()

    pdf = b"".join(client.get(f"{URL}{report.pk}/pdf/").streaming_content)
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "Öppna åtgärder" in text
    assert "Besked om komplett ansökan" in text
    assert "(försenad)" in text
    assert "Redan genomförd" not in text

    xlsx = b"".join(client.get(f"{URL}{report.pk}/xlsx/").streaming_content)
    book = load_workbook(io.BytesIO(xlsx))
    sheet_text = {
        name: " ".join(str(c) for row in book[name].iter_rows(values_only=True) for c in row if c)
        for name in book.sheetnames
    }
    assert any("Besked om komplett ansökan" in text for text in sheet_text.values())
