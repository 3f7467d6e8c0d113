"""Invitation schedules, invitations (single-use links) and opt-outs."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from servicepuls.common.models import BaseModel
from servicepuls.organisations.models import AuthorityArea, Organisation
from servicepuls.surveys.choices import DeliveryStatus, ScheduleFrequency
from servicepuls.surveys.models.cases import Case
from servicepuls.surveys.models.questionnaires import Questionnaire, QuestionnaireVersion


def default_reminder_days() -> list[int]:
    return [7, 14]


class InvitationSchedule(BaseModel):
    """How the cases of one organisation and area closed in a period are invited."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitation_schedules",
        verbose_name=_("organisation"),
    )
    area = models.ForeignKey(
        AuthorityArea, on_delete=models.CASCADE, related_name="+", verbose_name=_("area")
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="+", verbose_name=_("questionnaire")
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=10,
        choices=ScheduleFrequency.choices,
        default=ScheduleFrequency.MONTHLY,
    )
    sample_size = models.PositiveIntegerField(
        _("sample size"),
        null=True,
        blank=True,
        help_text=_("Invite a random sample of this many cases per period; empty invites all."),
    )
    reminder_days = models.JSONField(
        _("reminder days"),
        default=default_reminder_days,
        blank=True,
        help_text=_("Days after the invitation on which a reminder is sent (at most three)."),
    )
    person_interval_days = models.PositiveIntegerField(
        _("days between invitations to one person"),
        default=90,
        validators=[MaxValueValidator(3650)],
        help_text=_("A person is invited at most once in this many days."),
    )
    valid_days = models.PositiveIntegerField(
        _("days a link stays valid"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_period = models.CharField(_("last period invited"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("invitation schedule")
        verbose_name_plural = _("invitation schedules")
        ordering = ["organisation", "area__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "area"], name="invitation_schedule_unique_area"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.area}"


class Invitation(BaseModel):
    """One case's invitation to the survey: a single-use token link and its reminders.

    Only a hash of the token is stored (``token_hash``); the token itself is an HMAC of
    ``token_nonce`` under the secret key, so the server can put it in reminders while a
    copy of the database alone reveals no working link.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="invitation", verbose_name=_("case")
    )
    schedule = models.ForeignKey(
        InvitationSchedule,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        verbose_name=_("schedule"),
    )
    questionnaire_version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("questionnaire version"),
    )
    period = models.CharField(_("period"), max_length=10)
    token_nonce = models.CharField(_("token nonce"), max_length=64)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    person_key = models.CharField(
        _("person key"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Keyed hash of the e-mail address; limits invitations per person."),
    )
    delivery_status = models.CharField(
        _("delivery"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    failure_reason = models.CharField(_("delivery failure"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminder_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    opted_out_at = models.DateTimeField(_("opted out"), null=True, blank=True)
    draft = models.JSONField(_("draft answers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "period"])]

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.period})"


class SurveyOptOut(BaseModel):
    """A person (keyed hash of the e-mail) who asked never to be invited again."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    person_key = models.CharField(_("person key"), max_length=64)

    class Meta:
        verbose_name = _("survey opt-out")
        verbose_name_plural = _("survey opt-outs")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person_key"], name="survey_opt_out_unique_person"
            )
        ]

    def __str__(self) -> str:
        return f"opt-out {self.person_key[:8]}…"
