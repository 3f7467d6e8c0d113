"""Demo stories for Haninge: a spring campaign, a dialogue meeting and stories in every channel.

Every text is invented by the project (``demo_stories.py``). Stories are created through the
real services and analysed at once; staff-confirmed tags and statuses follow the workflow.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from servicepuls.common.demo import DemoContext
from servicepuls.organisations.models import AuthorityArea
from servicepuls.stories.choices import StoryStatus
from servicepuls.stories.demo_stories import (
    CAMPAIGN_STORIES,
    MEETING_STORIES,
    OTHER_STORIES,
    DemoStory,
)
from servicepuls.stories.models import Campaign, Story
from servicepuls.stories.services import (
    ContactInput,
    campaign_create,
    meeting_create,
    story_analyse,
    story_create,
    story_status_change,
    story_tags_confirm,
)

# The workflow path to each final status.
_PATHS: dict[str, tuple[str, ...]] = {
    StoryStatus.NEW: (),
    StoryStatus.REVIEWED: (StoryStatus.REVIEWED,),
    StoryStatus.SHARED: (StoryStatus.REVIEWED, StoryStatus.SHARED),
    StoryStatus.ARCHIVED: (StoryStatus.REVIEWED, StoryStatus.ARCHIVED),
    StoryStatus.REJECTED: (StoryStatus.REJECTED,),
}


def _aware(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(7, 21), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _seed_story(
    item: DemoStory, *, organisation: Any, analyst: Any, received: datetime.datetime, **extra: Any
) -> Story:
    areas = {area.slug: area for area in AuthorityArea.objects.filter(organisation__isnull=True)}
    story = story_create(
        organisation=organisation,
        channel=item.channel,
        submitter=item.submitter,
        raw_text=item.text,
        entered_by=analyst if item.channel != "web" else None,
        **extra,
    )
    Story.objects.filter(pk=story.pk).update(created_at=received)
    story_analyse(story=story)
    if item.tags is not None:
        factors, sentiment, change_kind = item.tags
        story_tags_confirm(
            story=story,
            actor=analyst,
            area=areas[item.area],
            factors=factors,
            sentiment=sentiment,
            change_kind=change_kind,
        )
    for status in _PATHS[item.status]:
        story_status_change(story=story, actor=analyst, status=status)
    return story


def seed_demo(context: DemoContext) -> None:
    if Campaign.objects.filter(slug="varen-2026", organisation__code="0136").exists():
        return
    rng = random.Random(context.seed)  # noqa: S311 – demo dates, not secrets
    haninge = context.objects["org:0136"]
    analyst = context.objects["user:demo-analytiker"]
    spring = campaign_create(
        organisation=haninge,
        title="Tillsammans gör vi skillnad, våren 2026",
        slug="varen-2026",
        intro=(
            "Haninge kommun vill bli bättre på att ge service till företag och privatpersoner. "
            "Berätta hur du blev bemött i ditt ärende – det som fungerade och det som inte gjorde "
            "det. Dina erfarenheter går direkt till styrgruppen för näringsliv."
        ),
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 5, 31),
    )
    today = timezone.localdate()
    campaign_create(
        organisation=haninge,
        title="Företagsklimatet i Haninge – vintern",
        slug="vintern",
        intro="Hur upplever du kommunens service i vinter? Dela din erfarenhet.",
        starts_on=today - datetime.timedelta(days=14),
        ends_on=today + datetime.timedelta(days=75),
    )
    meeting = meeting_create(
        organisation=haninge,
        held_on=datetime.date(2026, 4, 16),
        place="Företagarfrukost på Haninge kulturhus",
        notes="Cirka 40 företagare, kommunstyrelsens ordförande och fyra förvaltningschefer.",
    )
    context.objects["stories:campaign"] = spring
    context.objects["stories:meeting"] = meeting
    for index, item in enumerate(CAMPAIGN_STORIES):
        day = spring.starts_on + datetime.timedelta(days=rng.randint(0, 90))
        contact = (
            ContactInput(
                name=f"Demo Företagare {index}",
                email=f"foretagare{index}@example.se",
                consent_follow_up=True,
            )
            if index % 4 == 0
            else None
        )
        _seed_story(
            item,
            organisation=haninge,
            analyst=analyst,
            received=_aware(day, rng),
            campaign=spring,
            contact=contact,
        )
    for item in MEETING_STORIES:
        _seed_story(
            item,
            organisation=haninge,
            analyst=analyst,
            received=_aware(meeting.held_on, rng),
            meeting=meeting,
        )
    for item in OTHER_STORIES:
        day = today - datetime.timedelta(days=rng.randint(1, 120))
        _seed_story(item, organisation=haninge, analyst=analyst, received=_aware(day, rng))
