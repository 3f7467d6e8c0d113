"""The steering group's loop: meetings, improvement actions, their history and follow-up,
and competence efforts (DESIGN §1–§3).

Models hold state only; every change goes through ``servicepuls.actions.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from servicepuls.common.models import BaseModel

# The taxonomies of DESIGN §3 are defined once, where stories are tagged with them: what a
# story points to is what an action is of (ActionKind), and the six service factors (an
# empty target factor stands for NKI itself).
from servicepuls.stories.choices import ChangeKind as ActionKind  # re-exported
from servicepuls.stories.choices import Factor as ServiceFactor  # re-exported

__all__ = [
    "Action",
    "ActionEvent",
    "ActionEvidence",
    "ActionKind",
    "ActionStatus",
    "Audience",
    "CompetenceEffort",
    "EffortKind",
    "EvidenceKind",
    "Meeting",
    "ServiceFactor",
    "SubmitterNotification",
]


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    DECIDED = "decided", _("Decided")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    EVALUATED = "evaluated", _("Evaluated")


class Meeting(BaseModel):
    """A meeting of an organisation's steering group for business matters."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    departments = models.ManyToManyField(
        "organisations.Department",
        blank=True,
        related_name="meetings",
        verbose_name=_("participating departments"),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)

    class Meta:
        verbose_name = _("steering group meeting")
        verbose_name_plural = _("steering group meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class Action(BaseModel):
    """An improvement decided, or proposed, by the steering group and owned by a department.

    ``target_area`` empty means the action aims at the total NKI; ``target_factor`` empty
    means it aims at NKI rather than one service factor. The baseline is frozen when the
    action is decided, so that follow-up compares later periods with what was known then.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="actions"
    )
    kind = models.CharField(_("type"), max_length=20, choices=ActionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    public_summary = models.TextField(
        _("public summary"),
        blank=True,
        help_text=_("Shown on the public page. Never write personal data here."),
    )
    owner_department = models.ForeignKey(
        "organisations.Department",
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("owner department"),
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActionStatus.choices,
        default=ActionStatus.PROPOSED,
        db_index=True,
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("decided at meeting"),
    )
    target_area = models.ForeignKey(
        "organisations.AuthorityArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("area to move"),
    )
    target_factor = models.CharField(
        _("factor to move"), max_length=20, choices=ServiceFactor.choices, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_n = models.PositiveIntegerField(_("baseline answers"), null=True, blank=True)
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    baseline_ci_low = models.FloatField(_("baseline interval, low"), null=True, blank=True)
    baseline_ci_high = models.FloatField(_("baseline interval, high"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    reminder_sent_on = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in {
            ActionStatus.PROPOSED,
            ActionStatus.DECIDED,
            ActionStatus.IN_PROGRESS,
        }


class EvidenceKind(models.TextChoices):
    SCORE = "score", _("Score")
    FACTOR = "factor", _("Service factor")
    STORY = "story", _("Story")


class ActionEvidence(BaseModel):
    """What an action rests on: a score, a factor's result or a story."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    area = models.ForeignKey(
        "organisations.AuthorityArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("area"),
    )
    factor = models.CharField(_("factor"), max_length=20, choices=ServiceFactor.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    story_id = models.BigIntegerField(_("story"), null=True, blank=True, db_index=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class ActionEvent(models.Model):
    """One status change or comment on an action: who, when, from what to what."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(_("occurred"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=ActionStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ActionStatus.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("action event")
        verbose_name_plural = _("action events")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.from_status} → {self.to_status}"

    @property
    def is_status_change(self) -> bool:
        return bool(self.to_status) and self.to_status != self.from_status


class EffortKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture")
    FILM = "film", _("Film")
    DIALOGUE_MEETING = "dialogue_meeting", _("Dialogue meeting")
    TRAINING = "training", _("Training")


class Audience(models.TextChoices):
    OFFICIALS = "officials", _("Officials")
    POLITICIANS = "politicians", _("Politicians")
    BOTH = "both", _("Officials and politicians")


class CompetenceEffort(BaseModel):
    """A lecture, film, dialogue meeting or training that raises knowledge of business."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="competence_efforts"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EffortKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    departments = models.ManyToManyField(
        "organisations.Department",
        blank=True,
        related_name="competence_efforts",
        verbose_name=_("departments"),
    )
    participants = models.PositiveIntegerField(_("participants"), default=0)
    factors = models.JSONField(_("factors addressed"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("competence effort")
        verbose_name_plural = _("competence efforts")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class SubmitterNotification(models.Model):
    """That the submitter of a story linked to an action was told of a status; sent once."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notifications")
    story_id = models.BigIntegerField(_("story"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("submitter notification")
        verbose_name_plural = _("submitter notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "story_id", "status"], name="submitter_notification_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action_id}/{self.story_id}/{self.status}"
