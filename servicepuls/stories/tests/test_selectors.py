from __future__ import annotations

from django.utils import timezone

from servicepuls.organisations.models import AuthorityArea
from servicepuls.stories.choices import StoryStatus
from servicepuls.stories.selectors import (
    StoryFilters,
    confirmed_examples,
    stories_for_evidence,
    story_list_for_staff,
)
from servicepuls.stories.services import story_status_change, story_tags_confirm


def _confirm(story, user, area_slug, factors, sentiment="negative"):
    area = AuthorityArea.objects.get(slug=area_slug, organisation__isnull=True)
    story_tags_confirm(story=story, actor=user, area=area, factors=factors, sentiment=sentiment)


def test_stories_for_evidence_returns_moderated_redacted_stories_only(
    pii_story, make_story, staff_user, municipality_b
):
    fresh = make_story()
    rejected = make_story()
    foreign = make_story(organisation=municipality_b)
    for story in (pii_story, foreign):
        _confirm(story, staff_user, "bygglov", ["bemotande"])
        story_status_change(story=story, actor=staff_user, status=StoryStatus.REVIEWED)
    story_status_change(story=rejected, actor=staff_user, status=StoryStatus.REJECTED)

    evidence = stories_for_evidence(pii_story.organisation_id)

    assert [item.reference for item in evidence] == [pii_story.reference]
    assert evidence[0].area_slug == "bygglov"
    assert evidence[0].factors == ("bemotande",)
    assert "19800101-1234" not in evidence[0].redacted_text
    assert not hasattr(evidence[0], "raw_text")
    assert fresh.reference not in {item.reference for item in evidence}


def test_stories_for_evidence_filters_area_factor_and_year(make_story, staff_user):
    bygg, mat = make_story(), make_story()
    _confirm(bygg, staff_user, "bygglov", ["effektivitet"])
    _confirm(mat, staff_user, "livsmedel", ["bemotande"])
    for story in (bygg, mat):
        story_status_change(story=story, actor=staff_user, status=StoryStatus.REVIEWED)
        story_status_change(story=story, actor=staff_user, status=StoryStatus.SHARED)
    organisation_id = bygg.organisation_id
    this_year = timezone.now().year

    assert [s.id for s in stories_for_evidence(organisation_id, area_slug="bygglov")] == [bygg.pk]
    assert [s.id for s in stories_for_evidence(organisation_id, factor="bemotande")] == [mat.pk]
    assert len(stories_for_evidence(organisation_id, years=[this_year])) == 2
    assert stories_for_evidence(organisation_id, years=[this_year - 5]) == []


def test_confirmed_examples_yield_only_confirmed_redacted_stories(
    pii_story, make_story, staff_user
):
    make_story()  # suggested only
    _confirm(pii_story, staff_user, "bygglov", ["bemotande", "information"])

    examples = list(confirmed_examples())

    assert len(examples) == 1
    assert examples[0].area == "bygglov"
    assert examples[0].factors == ("information", "bemotande")
    assert "19800101-1234" not in examples[0].text


def test_story_list_for_staff_is_scoped_to_the_users_organisation(
    make_story, staff_user, municipality_b
):
    own = make_story()
    make_story(organisation=municipality_b)

    assert list(story_list_for_staff(user=staff_user, filters=StoryFilters())) == [own]
