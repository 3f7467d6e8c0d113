from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from servicepuls.common.models import AuditAction, AuditLogEntry
from servicepuls.stories.choices import StoryEventKind
from servicepuls.stories.errors import PersonLookupError
from servicepuls.stories.models import Story, StoryContact
from servicepuls.stories.privacy import (
    person_data_erase,
    person_data_export,
    person_stories_find,
    story_contacts_erase_expired,
)
from servicepuls.stories.tasks import story_contacts_erase_expired_task


def test_contacts_older_than_the_retention_period_are_erased(pii_story, make_story):
    from servicepuls.stories.services import ContactInput

    recent = make_story(contact=ContactInput(email="ny@example.se"))
    Story.objects.filter(pk=pii_story.pk).update(
        created_at=timezone.now() - timedelta(days=pii_story.organisation.retention_days + 1)
    )

    erased = story_contacts_erase_expired(now=timezone.now())

    assert erased == 1
    assert not StoryContact.objects.filter(story=pii_story).exists()
    assert StoryContact.objects.filter(story=recent).exists()
    assert pii_story.events.filter(kind=StoryEventKind.CONTACT_EXPIRED).exists()
    assert Story.objects.filter(pk=pii_story.pk).exists()


def test_retention_follows_each_organisations_setting(pii_story):
    organisation = pii_story.organisation
    organisation.retention_days = 10
    organisation.save(update_fields=["retention_days"])
    Story.objects.filter(pk=pii_story.pk).update(created_at=timezone.now() - timedelta(days=11))

    assert story_contacts_erase_expired_task.call() == 1
    assert not StoryContact.objects.exists()


def test_person_is_found_by_email_case_insensitively_or_by_reference(pii_story, make_story):
    make_story()

    by_email = person_stories_find(
        organisation_id=pii_story.organisation_id, email="Anna.Berg@Example.se"
    )
    by_reference = person_stories_find(
        organisation_id=pii_story.organisation_id, reference=pii_story.reference.lower()
    )

    assert list(by_email) == [pii_story]
    assert list(by_reference) == [pii_story]
    with pytest.raises(PersonLookupError):
        person_stories_find(organisation_id=pii_story.organisation_id)


def test_person_lookup_never_crosses_organisations(pii_story, municipality_b):
    found = person_stories_find(organisation_id=municipality_b.pk, email="anna.berg@example.se")

    assert list(found) == []


def test_person_data_export_contains_text_and_contact_and_is_audited(pii_story, admin_user):
    data = person_data_export(
        organisation_id=pii_story.organisation_id, actor=admin_user, email="anna.berg@example.se"
    )

    assert data["stories"][0]["reference"] == pii_story.reference
    assert "19800101-1234" in data["stories"][0]["text"]
    assert data["stories"][0]["contact"]["phone"] == "070-1234567"
    entry = AuditLogEntry.objects.get(action=AuditAction.PERSONAL_DATA_EXPORTED)
    assert entry.details["stories"] == [pii_story.reference]


def test_person_data_erase_removes_contact_and_raw_personal_data(pii_story, admin_user):
    references = person_data_erase(
        organisation_id=pii_story.organisation_id, actor=admin_user, reference=pii_story.reference
    )

    pii_story.refresh_from_db()
    assert references == [pii_story.reference]
    assert not StoryContact.objects.exists()
    assert "19800101-1234" not in pii_story.raw_text
    assert "anna.berg@example.se" not in pii_story.raw_text
    assert pii_story.personal_data_erased_at is not None
    assert AuditLogEntry.objects.filter(action=AuditAction.PERSONAL_DATA_ERASED).count() == 1


def test_person_page_finds_exports_and_erases_for_admin(client, admin_user, pii_story):
    client.force_login(admin_user)
    url = reverse("stories:person")

    found = client.get(url, {"email": "anna.berg@example.se"})
    exported = client.post(url, {"email": "anna.berg@example.se", "action": "export"})
    erased = client.post(url, {"email": "anna.berg@example.se", "action": "erase"})

    assert pii_story.reference in found.content.decode()
    assert exported["Content-Type"].startswith("application/json")
    assert json.loads(exported.content)["stories"][0]["contact"]["name"] == "Anna Berg"
    assert erased.status_code == 302
    assert not StoryContact.objects.exists()


def test_person_page_is_admin_only(client, staff_user, steering_user, pii_story):
    for user in (staff_user, steering_user):
        client.force_login(user)
        response = client.post(
            reverse("stories:person"), {"email": "anna.berg@example.se", "action": "erase"}
        )
        assert response.status_code == 403
    assert StoryContact.objects.exists()


def test_person_command_exports_and_erases(pii_story, capsys):
    call_command(
        "stories", "person", "export", "--organisation", "0136", "--email", "anna.berg@example.se"
    )
    exported = json.loads(capsys.readouterr().out)
    call_command(
        "stories", "person", "erase", "--organisation", "0136", "--reference", pii_story.reference
    )

    assert exported["stories"][0]["reference"] == pii_story.reference
    assert pii_story.reference in capsys.readouterr().out
    assert not StoryContact.objects.exists()


def test_person_command_names_bad_input(db):
    with pytest.raises(CommandError, match="--organisation"):
        call_command("stories", "person", "export", "--organisation", "XXXX", "--email", "a@b.se")
    from servicepuls.organisations.reference_data import reference_data_ensure

    reference_data_ensure()
    with pytest.raises(CommandError, match=r"e-post|e-mail"):
        call_command("stories", "person", "erase", "--organisation", "0136")
