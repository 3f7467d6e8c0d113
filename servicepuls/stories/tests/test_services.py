from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from servicepuls.organisations.models import AuthorityArea
from servicepuls.stories import services
from servicepuls.stories.choices import AnalysisState, StoryEventKind, StoryStatus
from servicepuls.stories.errors import StoryStatusTransitionError, StoryTagsInvalidError
from servicepuls.stories.models import Story, StoryContact
from servicepuls.stories.services import (
    ContactInput,
    story_bulk_apply,
    story_status_change,
    story_tags_confirm,
)
from servicepuls.stories.tests.factories import CampaignFactory


def test_story_create_stores_the_story_and_redacts_it_on_commit(pii_story):
    assert pii_story.reference.startswith("DE-")
    assert pii_story.status == StoryStatus.NEW
    assert pii_story.analysis_state == AnalysisState.DONE
    assert "19800101-1234" not in pii_story.redacted_text
    assert "070-123 45 67" not in pii_story.redacted_text
    assert "anna.berg@example.se" not in pii_story.redacted_text
    assert "Karin Lund" not in pii_story.redacted_text
    assert "[personnummer]" in pii_story.redacted_text
    assert "[namn]" in pii_story.redacted_text
    assert {span["type"] for span in pii_story.pii_spans} >= {"personnummer", "telefon", "e-post"}
    assert "19800101-1234" in pii_story.raw_text
    kinds = list(pii_story.events.values_list("kind", flat=True))
    assert kinds == [StoryEventKind.CREATED, StoryEventKind.ANALYSED]


def test_story_create_keeps_contact_details_apart(pii_story):
    contact = StoryContact.objects.get(story=pii_story)
    assert contact.email == "anna.berg@example.se"
    assert contact.consent_follow_up is True


def test_story_create_without_contact_stores_none(make_story):
    story = make_story()
    assert not StoryContact.objects.filter(story=story).exists()


def test_story_create_draws_a_new_reference_when_the_first_is_taken(make_story, monkeypatch):
    taken = make_story().reference
    draws = iter([taken, taken, "DE-2026-FRESH2"])
    monkeypatch.setattr(services, "story_reference_make", lambda *, year: next(draws))

    story = make_story(
        contact=ContactInput(name="Anna Berg", email="anna@example.se"),
    )

    assert story.reference == "DE-2026-FRESH2"
    assert Story.objects.filter(reference=taken).count() == 1
    assert Story.objects.count() == 2
    # The clashing attempts left nothing behind: one contact, one creation event.
    assert StoryContact.objects.get().story == story
    assert story.events.filter(kind=StoryEventKind.CREATED).count() == 1


def test_story_create_gives_up_after_repeated_clashes_inside_the_callers_transaction(
    make_story, monkeypatch
):
    taken = make_story().reference
    monkeypatch.setattr(services, "story_reference_make", lambda *, year: taken)

    with transaction.atomic():
        with pytest.raises(IntegrityError):
            make_story()
        # Each clash was undone in a savepoint: the caller's transaction is still usable.
        assert Story.objects.count() == 1


def test_story_is_in_the_queue_before_its_analysis_runs(municipality_a):
    from servicepuls.stories.services import story_create

    story = story_create(
        organisation=municipality_a, channel="web", submitter="private", raw_text="Text " * 10
    )
    # The analysis runs on commit; until then the story waits, unredacted text hidden.
    assert story.analysis_state == AnalysisState.PENDING
    assert story.redacted_text == ""
    assert Story.objects.filter(status=StoryStatus.NEW).count() == 1


def test_story_create_refuses_a_campaign_of_another_organisation(make_story, municipality_b):
    campaign = CampaignFactory(organisation=municipality_b)

    with pytest.raises(StoryTagsInvalidError):
        make_story(campaign=campaign)


def test_story_status_change_follows_the_workflow(make_story, admin_user):
    story = make_story()

    story_status_change(story=story, actor=admin_user, status=StoryStatus.REVIEWED)
    story_status_change(story=story, actor=admin_user, status=StoryStatus.SHARED)
    story_status_change(story=story, actor=admin_user, status=StoryStatus.ARCHIVED)

    story.refresh_from_db()
    assert story.status == StoryStatus.ARCHIVED
    changes = story.events.filter(kind=StoryEventKind.STATUS_CHANGED)
    assert [event.data["to"] for event in changes] == ["reviewed", "shared", "archived"]
    assert all(event.actor == admin_user for event in changes)


def test_story_status_change_refuses_skipping_review(make_story, admin_user):
    story = make_story()

    with pytest.raises(StoryStatusTransitionError, match=story.reference):
        story_status_change(story=story, actor=admin_user, status=StoryStatus.SHARED)

    story.refresh_from_db()
    assert story.status == StoryStatus.NEW


def test_story_status_change_refuses_sharing_an_unredacted_story(make_story, admin_user):
    story = make_story()
    story_status_change(story=story, actor=admin_user, status=StoryStatus.REVIEWED)
    Story.objects.filter(pk=story.pk).update(analysis_state=AnalysisState.PENDING)
    story.refresh_from_db()

    with pytest.raises(StoryStatusTransitionError):
        story_status_change(story=story, actor=admin_user, status=StoryStatus.SHARED)


def test_story_bulk_status_change_reports_refused_stories(make_story, admin_user):
    first, second = make_story(), make_story()
    story_status_change(story=second, actor=admin_user, status=StoryStatus.REJECTED)

    changed, problems = story_bulk_apply(
        stories=[first, second], actor=admin_user, action=StoryStatus.REVIEWED
    )

    assert changed == 1
    assert len(problems) == 1
    assert second.reference in problems[0]


def test_story_tags_confirm_records_before_and_after(make_story, staff_user):
    story = make_story()
    bygglov = AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True)

    story_tags_confirm(
        story=story,
        actor=staff_user,
        area=bygglov,
        factors=["effektivitet", "tillganglighet"],
        sentiment="negative",
        change_kind="process",
    )

    story.refresh_from_db()
    assert story.tags_confirmed
    assert story.tags_confirmed_by == staff_user
    assert story.factors == ["tillganglighet", "effektivitet"]
    assert story.factors_index == ",tillganglighet,effektivitet,"
    event = story.events.get(kind=StoryEventKind.TAGS_CONFIRMED)
    assert event.data["after"]["area"] == "bygglov"
    assert event.data["after"]["change_kind"] == "process"


@pytest.mark.parametrize(
    ("field", "value"),
    [("factors", ["snabbhet"]), ("sentiment", "arg"), ("change_kind", "budget")],
)
def test_story_tags_confirm_refuses_unknown_values(make_story, staff_user, field, value):
    story = make_story()
    arguments = {"area": None, "factors": [], "sentiment": "neutral", "change_kind": ""}
    arguments[field] = value

    with pytest.raises(StoryTagsInvalidError):
        story_tags_confirm(story=story, actor=staff_user, **arguments)

    story.refresh_from_db()
    assert not story.tags_confirmed
