"""The issue's end-to-end flow, through HTTP: import → send → e-mail → answer → rate moves."""

import re
from datetime import UTC, datetime

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from servicepuls.surveys.models import Case, Invitation, SurveyAnswer
from servicepuls.surveys.selectors import response_rates
from servicepuls.surveys.services.invitations import invitations_send_due
from servicepuls.surveys.tests.helpers import LINK, page_answers

CSV = (
    "Diarienummer;Område;Kundtyp;E-post;Beslutsdatum;Beslut\n"
    "BN-1;bygglov;företag;anna@example.se;2026-11-03;bifall\n"
    "BN-2;bygglov;privat;bo@example.se;2026-11-05;avslag\n"
    "BN-3;bygglov;privat;cecilia@example.se;2026-11-20;bifall\n"
)


def _rate(organisation):
    (rate,) = response_rates([organisation.pk], years=[2026])
    return rate


def test_import_send_answer_and_the_response_rate_moves(
    client, admin_user, municipality_a, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)

    # 1. Import the case-system export through the staff pages.
    upload = client.post(
        reverse("surveys:staff_import"),
        {"kind": "cases", "file": SimpleUploadedFile("export.csv", CSV.encode("utf-8"))},
    )
    assert upload.status_code == 302
    detail_url = upload["Location"]
    preview = client.get(detail_url)
    assert "BN-1" in preview.content.decode()
    mapping = {
        f"column_{name}": column for name, column in preview.context["data_import"].columns.items()
    }
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(detail_url, mapping)
    assert confirmed.status_code == 302
    assert "3" in client.get(detail_url).content.decode()
    assert Case.objects.filter(organisation=municipality_a).count() == 3

    # 2. Set up monthly invitations of every bygglov case.
    saved = client.post(
        reverse("surveys:staff_schedule_edit", kwargs={"area_slug": "bygglov"}),
        {
            "frequency": "monthly",
            "sample_size": "",
            "reminder_days": "7, 14",
            "person_interval_days": "90",
            "valid_days": "60",
            "is_active": "on",
        },
    )
    assert saved.status_code == 302

    # 3. The daily task invites November's cases; the e-mails are in the outbox.
    mail.outbox.clear()
    invitations_send_due(now=datetime(2026, 12, 2, 7, 0, tzinfo=UTC))
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anna@example.se",
        "bo@example.se",
        "cecilia@example.se",
    ]
    assert (_rate(municipality_a).invited, _rate(municipality_a).answered) == (3, 0)
    invitations_send_due(now=datetime(2026, 12, 3, 7, 0, tzinfo=UTC))
    assert len(mail.outbox) == 3  # a period is invited once

    # 4. Anna opens her link and answers every page, anonymously.
    client.logout()
    message = next(message for message in mail.outbox if message.to == ["anna@example.se"])
    link = LINK.search(message.body)[1]
    assert client.get(link).status_code == 200
    invitation = Invitation.objects.get(case__external_id="BN-1")
    pages = page_answers(invitation, value="9")
    for number, answers in enumerate(pages, start=1):
        action = "submit" if number == len(pages) else "next"
        response = client.post(f"{link}sida/{number}/", {**answers, "action": action})
    assert response["Location"] == reverse("surveys:survey_thanks")
    assert SurveyAnswer.objects.get().respondent == "business"

    # 5. The response rate has moved, in the selector and on the staff page.
    assert (_rate(municipality_a).answered, round(_rate(municipality_a).rate, 3)) == (1, 0.333)
    client.force_login(admin_user)
    page = client.get(reverse("surveys:staff_rates"), {"year": "2026"}).content.decode()
    assert re.search(r"<td>3</td><td>1</td><td>33 %</td>", page)
    business_only = client.get(
        reverse("surveys:staff_rates"), {"year": "2026", "respondent": "business"}
    ).content.decode()
    assert re.search(r"<td>1</td><td>1</td><td>100 %</td>", business_only)
