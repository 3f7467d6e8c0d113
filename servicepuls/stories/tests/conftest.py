"""Fixtures of the stories tests: stories made through the real services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import UserFactory
from servicepuls.stories.choices import Channel, Submitter
from servicepuls.stories.models import Story
from servicepuls.stories.services import ContactInput, story_create

PII_TEXT = (
    "Handläggaren Karin Lund var otrevlig. Mitt personnummer är 19800101-1234 och "
    "ni når mig på 070-123 45 67 eller anna.berg@example.se."
)


@pytest.fixture
def make_story(municipality_a, django_capture_on_commit_callbacks) -> Callable[..., Story]:
    """Create a story through ``story_create`` and run its analysis task (on commit)."""

    def make(**overrides: Any) -> Story:
        arguments: dict[str, Any] = {
            "organisation": municipality_a,
            "channel": Channel.WEB,
            "submitter": Submitter.BUSINESS,
            "raw_text": "Bygglovet tog alldeles för lång tid och ingen svarade i telefon.",
        }
        arguments.update(overrides)
        with django_capture_on_commit_callbacks(execute=True):
            story = story_create(**arguments)
        story.refresh_from_db()
        return story

    return make


@pytest.fixture
def pii_story(make_story) -> Story:
    return make_story(
        raw_text=PII_TEXT,
        contact=ContactInput(
            name="Anna Berg",
            email="anna.berg@example.se",
            phone="070-1234567",
            consent_follow_up=True,
        ),
    )


@pytest.fixture
def steering_user(municipality_a):
    return UserFactory(organisation=municipality_a, role=Role.STEERING)


@pytest.fixture
def other_admin(municipality_b):
    municipality_b.is_active = True
    municipality_b.save(update_fields=["is_active"])
    return UserFactory(organisation=municipality_b, role=Role.ADMIN)
