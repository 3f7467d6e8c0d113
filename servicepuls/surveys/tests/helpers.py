"""Set-up helpers for the surveys tests, built on the real services."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from django.core import mail

from servicepuls.organisations.models import AuthorityArea
from servicepuls.surveys.models import Invitation
from servicepuls.surveys.services.cases import CaseInput, cases_store
from servicepuls.surveys.services.invitations import (
    invitation_schedule_save,
    invitations_send_for_period,
)
from servicepuls.surveys.services.survey import survey_pages

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
LINK = re.compile(r"https?://[^/\s]+(/enkat/[A-Za-z0-9_-]+/)")


def bygglov() -> AuthorityArea:
    return AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True)


def cases_with_invitations(organisation, count=2, respondent="business", period="2026-11"):
    """``count`` bygglov cases decided in November 2026, invited by e-mail; returns links."""
    cases_store(
        organisation=organisation,
        cases=[
            CaseInput(
                external_id=f"BN-{number}",
                area_id=bygglov().pk,
                respondent=respondent,
                decided_on=date(2026, 11, 10 + number),
                email=f"person{number}@example.se",
                outcome="approved",
            )
            for number in range(count)
        ],
        source="import",
        today=date(2026, 12, 1),
    )
    schedule = invitation_schedule_save(
        organisation=organisation,
        area=bygglov(),
        frequency="monthly",
        sample_size=None,
        reminder_days=[7, 14],
    )
    mail.outbox.clear()
    invitations_send_for_period(schedule=schedule, period=period, now=NOW)
    return [LINK.search(message.body)[1] for message in mail.outbox]


def page_answers(invitation: Invitation, value: str = "8") -> list[dict[str, str]]:
    """POST data answering every page of the invitation's survey."""
    pages = survey_pages(
        version=invitation.questionnaire_version, respondent=invitation.case.respondent
    )
    data = []
    for page in pages:
        answers = {}
        for item in page["items"]:
            if item["kind"] == "scale":
                answers[item["key"]] = value
            elif item["kind"] == "choice":
                answers[item["key"]] = item["choices"][0]["value"]
            else:
                answers[item["key"]] = "Handläggaren Karin ringde mig på 070-123 45 67. Tack!"
        data.append(answers)
    return data
