"""Stories ("Dela din erfarenhet"), their contact details, campaigns and dialogue meetings.

Raw text and contact details are personal data: only Admin sees them, through services that
write the audit log. Everyone else works with ``redacted_text``. Contact details live in a
separate table so that they can be erased (retention, requests) without touching the story.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from servicepuls.common.models import BaseModel
from servicepuls.stories.choices import (
    AnalysisState,
    ChangeKind,
    Channel,
    Factor,
    Sentiment,
    StoryEventKind,
    StoryStatus,
    Submitter,
)


class Campaign(BaseModel):
    """A time-boxed collection campaign with its own intro text and public link."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="story_campaigns",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("link name"),
        max_length=80,
        help_text=_("The last part of the campaign's public address, e.g. varen-2026."),
    )
    intro = models.TextField(_("introduction"), max_length=4000, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="campaign_unique_slug"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The campaign cannot end before it starts.")})

    def is_open_on(self, day: object) -> bool:
        return bool(self.starts_on <= day <= self.ends_on)  # type: ignore[operator]


class DialogueMeeting(BaseModel):
    """A dialogue meeting with businesses, where staff note down many stories."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="dialogue_meetings",
        verbose_name=_("organisation"),
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    notes = models.TextField(_("notes"), max_length=8000, blank=True)

    class Meta:
        verbose_name = _("dialogue meeting")
        verbose_name_plural = _("dialogue meetings")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.place}"


class Story(BaseModel):
    """One experience shared by a business or a private person.

    ``area``, ``factors`` and ``sentiment`` are the story's current tags: suggested by the
    text analysis until staff confirm them (``tags_confirmed_at``). ``submitted_area`` and
    ``submitted_department`` are what the submitter chose, kept as given.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name=_("organisation"),
    )
    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    submitter = models.CharField(_("submitted by"), max_length=10, choices=Submitter.choices)
    language = models.CharField(_("language"), max_length=10, blank=True)
    submitted_area = models.ForeignKey(
        "organisations.AuthorityArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("area chosen by the submitter"),
    )
    submitted_department = models.ForeignKey(
        "organisations.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("department chosen by the submitter"),
    )
    raw_text = models.TextField(_("original text"))
    redacted_text = models.TextField(_("redacted text"), blank=True)
    pii_spans = models.JSONField(_("personal data found"), default=list, blank=True)
    analysis_state = models.CharField(
        _("analysis"), max_length=10, choices=AnalysisState.choices, default=AnalysisState.PENDING
    )
    suggestions = models.JSONField(_("suggested tags"), default=dict, blank=True)
    area = models.ForeignKey(
        "organisations.AuthorityArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name=_("area"),
    )
    factors = models.JSONField(_("service factors"), default=list, blank=True)
    # ",information,bemotande," – lets every database filter on one factor.
    factors_index = models.CharField(max_length=120, blank=True, editable=False, db_index=True)
    sentiment = models.CharField(
        _("sentiment"), max_length=10, choices=Sentiment.choices, blank=True
    )
    department = models.ForeignKey(
        "organisations.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name=_("department"),
    )
    change_kind = models.CharField(
        _("kind of change"), max_length=20, choices=ChangeKind.choices, blank=True
    )
    tags_confirmed_at = models.DateTimeField(_("tags confirmed"), null=True, blank=True)
    tags_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tags confirmed by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StoryStatus.choices, default=StoryStatus.NEW
    )
    campaign = models.ForeignKey(
        Campaign,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name=_("campaign"),
    )
    meeting = models.ForeignKey(
        DialogueMeeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name=_("dialogue meeting"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status", "created_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def tags_confirmed(self) -> bool:
        return self.tags_confirmed_at is not None

    @property
    def factor_labels(self) -> list[str]:
        """The service factors' translated names, in DESIGN order."""
        return [str(Factor(factor).label) for factor in self.factors if factor in Factor.values]


class StoryContact(BaseModel):
    """How to reach the submitter, given with consent; erased after the retention period."""

    story = models.OneToOneField(
        Story, on_delete=models.CASCADE, related_name="contact", verbose_name=_("story")
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    consent_follow_up = models.BooleanField(_("consents to follow-up"), default=False)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return f"contact of {self.story_id}"


class StoryEvent(models.Model):
    """One entry of a story's history: status and tag changes, who and when."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=30, choices=StoryEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    occurred_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("story event")
        verbose_name_plural = _("story events")
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.story_id} {self.kind}"
