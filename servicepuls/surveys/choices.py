"""Choices of the surveys app, with translated labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Respondent(models.TextChoices):
    BUSINESS = "business", _("Business")
    PRIVATE = "private", _("Private person")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    OTHER = "other", _("Other")
    __empty__ = _("Unknown")


class AnswerSource(models.TextChoices):
    SURVEY = "survey", _("Survey")
    IMPORT = "import", _("Vendor import")
    DEMO = "demo", _("Demo data")


class CaseSource(models.TextChoices):
    IMPORT = "import", _("File import")
    API = "api", _("Case system (API)")
    DEMO = "demo", _("Demo data")


class ScheduleFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Not sent yet")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Delivery failed")


class ImportKind(models.TextChoices):
    CASES = "cases", _("Cases")
    ANSWERS = "answers", _("Answer sets (canonical CSV)")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Awaiting confirmation")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Imported")
    FAILED = "failed", _("Not imported")


class ItemKind(models.TextChoices):
    SCALE = "scale", _("Scale")
    CHOICE = "choice", _("Choice")
    TEXT = "text", _("Free text")
