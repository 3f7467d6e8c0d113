"""Choices of the stories domain (DESIGN §3), with translated labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

FACTORS = (
    "information",
    "tillganglighet",
    "bemotande",
    "kompetens",
    "rattssakerhet",
    "effektivitet",
)


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    PHONE = "phone", _("Phone call")
    MEETING = "meeting", _("Dialogue meeting")
    EMAIL = "email", _("E-mail")


class Submitter(models.TextChoices):
    BUSINESS = "business", _("Business")
    PRIVATE = "private", _("Private person")


class StoryStatus(models.TextChoices):
    NEW = "new", _("New")
    REVIEWED = "reviewed", _("Reviewed")
    SHARED = "shared", _("Shared with the steering group")
    ARCHIVED = "archived", _("Archived")
    REJECTED = "rejected", _("Rejected (spam)")


class Factor(models.TextChoices):
    INFORMATION = "information", _("Information")
    TILLGANGLIGHET = "tillganglighet", _("Accessibility")
    BEMOTANDE = "bemotande", _("Treatment")
    KOMPETENS = "kompetens", _("Competence")
    RATTSSAKERHET = "rattssakerhet", _("Legal certainty")
    EFFEKTIVITET = "effektivitet", _("Efficiency")


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEGATIVE = "negative", _("Negative")
    MIXED = "mixed", _("Mixed")
    NEUTRAL = "neutral", _("Neutral")


class ChangeKind(models.TextChoices):
    PROCESS = "process", _("Process")
    KOMMUNIKATION = "kommunikation", _("Communication")
    FORHALLNINGSSATT = "forhallningssatt", _("Attitude")


class AnalysisState(models.TextChoices):
    PENDING = "pending", _("Waiting for analysis")
    DONE = "done", _("Analysed")
    FAILED = "failed", _("Analysis failed")


class StoryEventKind(models.TextChoices):
    CREATED = "created", _("Received")
    ANALYSED = "analysed", _("Redacted and tagged automatically")
    STATUS_CHANGED = "status_changed", _("Status changed")
    TAGS_CONFIRMED = "tags_confirmed", _("Tags confirmed")
    PERSONAL_DATA_ERASED = "personal_data_erased", _("Personal data erased")
    CONTACT_EXPIRED = "contact_expired", _("Contact details erased after the retention period")


# Allowed moves of the moderation workflow; anything else is refused by the service.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    StoryStatus.NEW: frozenset({StoryStatus.REVIEWED, StoryStatus.REJECTED}),
    StoryStatus.REVIEWED: frozenset(
        {StoryStatus.SHARED, StoryStatus.ARCHIVED, StoryStatus.REJECTED, StoryStatus.NEW}
    ),
    StoryStatus.SHARED: frozenset({StoryStatus.ARCHIVED, StoryStatus.REVIEWED}),
    StoryStatus.ARCHIVED: frozenset({StoryStatus.REVIEWED}),
    StoryStatus.REJECTED: frozenset({StoryStatus.NEW}),
}
