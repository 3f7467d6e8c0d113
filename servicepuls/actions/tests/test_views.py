"""The actions pages over HTTP, per role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from servicepuls.actions.models import Action, ActionKind, ActionStatus, CompetenceEffort, Meeting
from servicepuls.actions.services import action_create, action_transition
from servicepuls.actions.tests.conftest import story_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(steering_user, department):
    return action_create(
        actor=steering_user,
        kind=ActionKind.KOMMUNIKATION,
        title="Klarspråk i besluten",
        description="Skriv om mallarna.",
        owner_department=department,
        due_on=dt.date(2026, 1, 31),
    )


STAFF_PAGES = [
    ("actions:action_list", False),
    ("actions:meeting_list", False),
    ("actions:effort_list", False),
    ("actions:action_detail", True),
]


@pytest.mark.parametrize(("name", "needs_pk"), STAFF_PAGES)
@pytest.mark.parametrize(
    "role_fixture", ["steering_user", "staff_user", "contact_user", "admin_user"]
)
def test_organisation_staff_read_the_pages(client, request, action, name, needs_pk, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    url = reverse(name, args=[action.pk] if needs_pk else [])

    response = client.get(url)

    assert response.status_code == 200
    if name != "actions:meeting_list":
        assert "Klarspråk i besluten" in response.content.decode() or name == "actions:effort_list"


@pytest.mark.parametrize(("name", "needs_pk"), STAFF_PAGES)
def test_the_national_analyst_sees_no_actions(client, national_user, action, name, needs_pk):
    client.force_login(national_user)
    response = client.get(reverse(name, args=[action.pk] if needs_pk else []))
    assert response.status_code in {403, 404}
    assert "Klarspråk" not in response.content.decode()


def test_anonymous_users_are_sent_to_login(client, action):
    response = client.get(reverse("actions:action_detail", args=[action.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_another_organisations_action_is_404(client, action, municipality_b):
    from servicepuls.accounts.choices import Role
    from servicepuls.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(organisation=municipality_b, role=Role.STEERING))
    assert client.get(reverse("actions:action_detail", args=[action.pk])).status_code == 404
    response = client.post(
        reverse("actions:action_transition", args=[action.pk]), {"to_status": "decided"}
    )
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.PROPOSED


def test_the_steering_group_proposes_an_action_from_evidence(
    client, steering_user, department, bygglov, municipality_a
):
    story = story_create(municipality_a, bygglov)
    chosen = story_create(municipality_a, bygglov, text="Beslutet var obegripligt.")
    story_create(municipality_a, bygglov, status="new", text="Ogranskad berättelse.")
    client.force_login(steering_user)
    form_url = (
        reverse("actions:action_create")
        + f"?area=bygglov&factor=information&year=2025&story={story.pk}"
    )
    assert client.get(form_url).status_code == 200

    response = client.post(
        form_url,
        {
            "kind": "kommunikation",
            "title": "Tydligare beslut",
            "description": "Klarspråk.",
            "owner_department": department.pk,
            "target_area": bygglov.pk,
            "target_factor": "information",
            "stories": [chosen.pk],
        },
    )

    action = Action.objects.get(title="Tydligare beslut")
    assert response.status_code == 302
    assert response["Location"] == reverse("actions:action_detail", args=[action.pk])
    assert sorted(action.evidence.values_list("kind", flat=True)) == ["factor", "story", "story"]
    assert set(action.evidence.filter(kind="story").values_list("story_id", flat=True)) == {
        story.pk,
        chosen.pk,
    }
    page = client.get(response["Location"]).content.decode()
    assert story.reference in page
    assert "070-123" not in page  # only the redacted text is shown
    assert "Karin" not in page


def test_analysts_and_department_contacts_cannot_propose(client, staff_user, contact_user):
    for user in (staff_user, contact_user):
        client.force_login(user)
        assert client.get(reverse("actions:action_create")).status_code == 403


def test_a_department_contact_moves_its_own_action_over_http(
    client, steering_user, contact_user, other_contact_user, action
):
    action_transition(actor=steering_user, action=action, to_status=ActionStatus.DECIDED)
    url = reverse("actions:action_transition", args=[action.pk])

    client.force_login(other_contact_user)
    assert client.post(url, {"to_status": "in_progress"}).status_code == 403
    client.force_login(contact_user)
    response = client.post(url, {"to_status": "in_progress", "comment": "Vi har börjat."})

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    page = client.get(reverse("actions:action_detail", args=[action.pk])).content.decode()
    assert "Vi har börjat." in page
    assert contact_user.username in page


def test_an_invalid_transition_shows_a_message_and_changes_nothing(client, steering_user, action):
    client.force_login(steering_user)
    response = client.post(
        reverse("actions:action_transition", args=[action.pk]),
        {"to_status": "evaluated"},
        follow=True,
    )
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == ActionStatus.PROPOSED
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_comments_are_escaped(client, steering_user, action):
    client.force_login(steering_user)
    client.post(
        reverse("actions:action_comment", args=[action.pk]),
        {"text": "<script>alert('x')</script>"},
    )
    page = client.get(reverse("actions:action_detail", args=[action.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_a_meeting_is_created_with_a_generated_agenda_and_minutes_saved(
    client, steering_user, staff_user, department, action
):
    client.force_login(steering_user)
    response = client.post(
        reverse("actions:meeting_create"),
        {"held_on": "2026-05-01", "title": "Styrgrupp maj", "departments": [department.pk]},
    )
    meeting = Meeting.objects.get(title="Styrgrupp maj")
    assert response["Location"] == reverse("actions:meeting_detail", args=[meeting.pk])
    assert "Klarspråk i besluten" in meeting.agenda  # the proposed action is on the agenda

    client.post(
        reverse("actions:meeting_detail", args=[meeting.pk]),
        {"agenda": meeting.agenda, "minutes": "Protokoll.", "decisions": "Beslut om klarspråk."},
    )
    meeting.refresh_from_db()
    assert meeting.decisions == "Beslut om klarspråk."

    client.force_login(staff_user)  # analysts read, but do not write minutes
    assert client.get(reverse("actions:meeting_detail", args=[meeting.pk])).status_code == 200
    assert (
        client.post(
            reverse("actions:meeting_detail", args=[meeting.pk]), {"minutes": "X"}
        ).status_code
        == 403
    )


def test_a_competence_effort_is_recorded_and_summarised(client, steering_user, department):
    client.force_login(steering_user)
    response = client.post(
        reverse("actions:effort_create"),
        {
            "kind": "lecture",
            "title": "Så fungerar ett litet företag",
            "held_on": "2026-04-02",
            "audience": "politicians",
            "departments": [department.pk],
            "participants": "27",
            "factors": ["bemotande"],
        },
    )
    assert response.status_code == 302
    effort = CompetenceEffort.objects.get()
    assert (effort.participants, effort.factors) == (27, ["bemotande"])
    page = client.get(reverse("actions:effort_list") + "?year=2026").content.decode()
    assert "Så fungerar ett litet företag" in page
    assert "27" in page


def test_the_department_page_lists_its_actions(client, contact_user, department, action):
    client.force_login(contact_user)
    response = client.get(reverse("actions:department", args=[department.pk]))
    assert response.status_code == 200
    assert "Klarspråk i besluten" in response.content.decode()
