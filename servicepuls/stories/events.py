"""The history of a story: every status and tag change, with who and when."""

from __future__ import annotations

from typing import Any

from servicepuls.stories.choices import StoryEventKind
from servicepuls.stories.models import Story, StoryEvent


def story_event_record(
    *, story: Story, kind: StoryEventKind, actor: Any = None, data: dict[str, Any] | None = None
) -> StoryEvent:
    """Append one entry to the story's history."""
    return StoryEvent.objects.create(
        story=story,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        data=data or {},
    )


def story_status_changed_event(*, story: Story, actor: Any, old: str, new: str) -> StoryEvent:
    return story_event_record(
        story=story, kind=StoryEventKind.STATUS_CHANGED, actor=actor, data={"from": old, "to": new}
    )


def story_tags_confirmed_event(
    *, story: Story, actor: Any, before: dict[str, Any], after: dict[str, Any]
) -> StoryEvent:
    return story_event_record(
        story=story,
        kind=StoryEventKind.TAGS_CONFIRMED,
        actor=actor,
        data={"before": before, "after": after},
    )
