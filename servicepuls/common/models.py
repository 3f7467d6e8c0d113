"""Shared model bases and the audit log of sensitive reads."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every Servicepuls model records when it was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    RAW_TEXT_VIEWED = "raw_text_viewed", _("Raw text viewed")
    CONTACT_VIEWED = "contact_viewed", _("Contact details viewed")
    PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Personal data exported")
    PERSONAL_DATA_ERASED = "personal_data_erased", _("Personal data erased")
    LOGIN = "login", _("Logged in")


class AuditLogEntry(models.Model):
    """One read or change of personal data, kept for accountability (GDPR art. 5.2).

    Entries are written by ``servicepuls.common.services.audit_log_write`` and never edited.
    """

    occurred_at = models.DateTimeField(_("occurred"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_id = models.BigIntegerField(_("organisation"), null=True, db_index=True)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=64)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
        )


class DemoDataLoad(models.Model):
    """Marks that the demo data set was loaded into this database (embedded mode only)."""

    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo data load")
        verbose_name_plural = _("demo data loads")

    def __str__(self) -> str:
        return f"demo data {self.loaded_at:%Y-%m-%d %H:%M}"


class PeriodicTaskRun(models.Model):
    """When a periodic task (``config/schedule.py``) was last enqueued and runs next."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run"))
    last_enqueued_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic task run")
        verbose_name_plural = _("periodic task runs")

    def __str__(self) -> str:
        return f"{self.name}: next {self.next_run_at:%Y-%m-%d %H:%M}"
