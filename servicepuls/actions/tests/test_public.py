"""The public page "Ni sa – vi gjorde" and the news e-mail to story submitters."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from servicepuls.actions.evidence import action_submitters_notify
from servicepuls.actions.models import ActionKind, ActionStatus, EvidenceKind
from servicepuls.actions.services import EvidenceInput, action_create, action_transition
from servicepuls.actions.tests.conftest import story_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked_action(steering_user, department, bygglov, municipality_a):
    stories = [
        story_create(
            municipality_a,
            bygglov,
            factors=("information", "effektivitet"),
            text=f"[namn] på bygglov förstod inte beslutet, berättelse {n}.",
            contact_email="karin.larsson@example.se" if n == 0 else "",
        )
        for n in range(4)
    ]
    action = action_create(
        actor=steering_user,
        kind=ActionKind.KOMMUNIKATION,
        title="Klarspråk i bygglovsbesluten",
        description="Intern beskrivning som inte ska visas publikt.",
        public_summary="Vi skriver om besluten så att de går att förstå.",
        owner_department=department,
        target_area=bygglov,
        evidence=[EvidenceInput(kind=EvidenceKind.STORY, story_id=s.pk) for s in stories],
    )
    return action, stories


def test_the_public_page_shows_themes_counts_and_decided_actions_only(
    client, steering_user, linked_action, municipality_a
):
    action, stories = linked_action
    url = reverse("actions:said_we_did", args=[municipality_a.code])

    before = client.get(url).content.decode()
    assert "Klarspråk i bygglovsbesluten" not in before  # proposed actions are internal

    action_transition(actor=steering_user, action=action, to_status=ActionStatus.DECIDED)
    page = client.get(url).content.decode()

    assert "Klarspråk i bygglovsbesluten" in page
    assert "Vi skriver om besluten" in page
    assert "Intern beskrivning" not in page
    assert "4 personer" in page or "4 people" in page
    # No personal data and no quotes from the linked stories, not even redacted ones.
    for story in stories:
        assert story.reference not in page
        assert story.redacted_text not in page
    for secret in ("Karin", "Larsson", "070-123", "karin.larsson@example.se", "[namn]"):
        assert secret not in page


def test_rare_themes_are_shown_as_a_few(client, municipality_a, bygglov):
    story_create(municipality_a, bygglov, factors=("rattssakerhet",))
    page = client.get(reverse("actions:said_we_did", args=[municipality_a.code])).content.decode()
    assert "1 person" not in page
    assert "några" in page or "a few" in page


def test_unknown_or_inactive_organisations_are_404(client, municipality_b):
    assert client.get(reverse("actions:said_we_did", args=["9999"])).status_code == 404
    municipality_b.is_active = False
    municipality_b.save()
    assert client.get(reverse("actions:said_we_did", args=[municipality_b.code])).status_code == 404


def test_consenting_submitters_hear_once_when_the_action_is_decided(
    steering_user, linked_action, django_capture_on_commit_callbacks
):
    action, stories = linked_action
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        action_transition(actor=steering_user, action=action, to_status=ActionStatus.DECIDED)

    assert [m.to for m in mail.outbox] == [["karin.larsson@example.se"]]
    assert stories[0].reference in mail.outbox[0].body
    assert "/ni-sa-vi-gjorde/0136/" in mail.outbox[0].body
    assert action_submitters_notify(action_id=action.pk, status=ActionStatus.DECIDED) == 0
    assert len(mail.outbox) == 1
