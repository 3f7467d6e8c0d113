from __future__ import annotations

from django.core.management import call_command

from servicepuls.stories.choices import StoryStatus
from servicepuls.stories.models import Campaign, DialogueMeeting, Story


def test_demo_has_a_spring_campaign_a_meeting_and_about_forty_redacted_stories(db):
    call_command("demo", verbosity=0)

    campaign = Campaign.objects.get(slug="varen-2026")
    stories = Story.objects.filter(organisation__code="0136")
    assert campaign.title == "Tillsammans gör vi skillnad, våren 2026"
    assert stories.count() == 40
    assert campaign.stories.count() >= 25
    assert DialogueMeeting.objects.get().stories.count() == 6
    assert set(stories.values_list("channel", flat=True)) == {"web", "phone", "meeting", "email"}
    assert stories.filter(status=StoryStatus.SHARED).count() >= 10
    assert stories.filter(tags_confirmed_at__isnull=False).count() >= 25
    assert all(story.redacted_text for story in stories)
    assert not stories.filter(redacted_text__contains="Karin Lund").exists()
    assert not stories.filter(redacted_text__contains="070-412").exists()
