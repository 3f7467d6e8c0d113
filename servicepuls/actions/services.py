"""Writes of the actions domain: the action workflow, meetings and competence efforts.

Every status change goes through ``action_transition`` and leaves an ``ActionEvent``
(who, when, from, to), so the history of an action is complete by construction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from servicepuls.accounts.choices import Role
from servicepuls.accounts.models import User
from servicepuls.accounts.permissions import Capability, user_has_capability
from servicepuls.actions.errors import ActionPermissionError, ActionTransitionError
from servicepuls.actions.models import (
    Action,
    ActionEvent,
    ActionEvidence,
    ActionStatus,
    CompetenceEffort,
    EvidenceKind,
    Meeting,
)
from servicepuls.organisations.models import AuthorityArea, Department

# The workflow: proposed → decided → in progress → done → evaluated. A done action may be
# reopened (back to in progress) until it has been evaluated; an evaluated action is closed.
TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.PROPOSED: frozenset({ActionStatus.DECIDED}),
    ActionStatus.DECIDED: frozenset({ActionStatus.IN_PROGRESS, ActionStatus.DONE}),
    ActionStatus.IN_PROGRESS: frozenset({ActionStatus.DONE}),
    ActionStatus.DONE: frozenset({ActionStatus.EVALUATED, ActionStatus.IN_PROGRESS}),
    ActionStatus.EVALUATED: frozenset(),
}

# Deciding and evaluating are the steering group's calls.
STEERING_ONLY_STATUSES = frozenset({ActionStatus.DECIDED, ActionStatus.EVALUATED})


def action_can_edit(*, user: User, action: Action) -> bool:
    """Steering group and admin edit every action of their organisation; a department
    contact only its own department's actions; nobody else edits."""
    if user.organisation_id != action.organisation_id:
        return False
    if user_has_capability(user, Capability.MANAGE_ACTIONS):
        return True
    return (
        user_has_capability(user, Capability.EDIT_DEPARTMENT_ACTIONS)
        and user.role == Role.DEPARTMENT
        and user.department_id == action.owner_department_id
    )


def _require_edit(user: User, action: Action) -> None:
    if not action_can_edit(user=user, action=action):
        raise ActionPermissionError(_("You may not change this action."))


@dataclass(frozen=True, slots=True)
class EvidenceInput:
    kind: str
    area: AuthorityArea | None = None
    factor: str = ""
    year: int | None = None
    story_id: int | None = None
    note: str = ""


@transaction.atomic
def action_create(
    *,
    actor: User,
    kind: str,
    title: str,
    description: str,
    owner_department: Department,
    owner_person: User | None = None,
    due_on: dt.date | None = None,
    target_area: AuthorityArea | None = None,
    target_factor: str = "",
    public_summary: str = "",
    meeting: Meeting | None = None,
    evidence: Sequence[EvidenceInput] = (),
) -> Action:
    """Propose an action; it starts as ``proposed`` with its evidence attached."""
    if not user_has_capability(actor, Capability.MANAGE_ACTIONS):
        raise ActionPermissionError(_("Only the steering group proposes actions."))
    if owner_department.organisation_id != actor.organisation_id:
        raise ActionPermissionError(_("The owner department belongs to another organisation."))
    if owner_person is not None and owner_person.organisation_id != actor.organisation_id:
        raise ActionPermissionError(_("The owner belongs to another organisation."))
    if meeting is not None and meeting.organisation_id != actor.organisation_id:
        raise ActionPermissionError(_("The meeting belongs to another organisation."))
    action = Action.objects.create(
        organisation_id=actor.organisation_id,
        kind=kind,
        title=title,
        description=description,
        owner_department=owner_department,
        owner_person=owner_person,
        due_on=due_on,
        target_area=target_area,
        target_factor=target_factor,
        public_summary=public_summary,
        meeting=meeting,
    )
    ActionEvent.objects.create(action=action, actor=actor, to_status=ActionStatus.PROPOSED)
    action_evidence_add(action=action, evidence=evidence)
    return action


def action_evidence_add(*, action: Action, evidence: Iterable[EvidenceInput]) -> None:
    ActionEvidence.objects.bulk_create(
        ActionEvidence(
            action=action,
            kind=item.kind,
            area=item.area,
            factor=item.factor,
            year=item.year,
            story_id=item.story_id if item.kind == EvidenceKind.STORY else None,
            note=item.note,
        )
        for item in evidence
    )


@transaction.atomic
def action_update(*, actor: User, action: Action, **fields: Any) -> Action:
    """Change an action's description fields (not its status: see ``action_transition``)."""
    _require_edit(actor, action)
    editable = {
        "kind",
        "title",
        "description",
        "public_summary",
        "owner_department",
        "owner_person",
        "due_on",
        "target_area",
        "target_factor",
    }
    unknown = set(fields) - editable
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if (
        "owner_department" in fields
        and actor.role == Role.DEPARTMENT
        and fields["owner_department"].pk != action.owner_department_id
    ):
        raise ActionPermissionError(_("A department contact cannot hand an action over."))
    # Write only the edited fields: a stale instance must never undo a status change made
    # meanwhile (statuses move only through ``action_transition``).
    for name, value in fields.items():
        setattr(action, name, value)
    action.save(update_fields=[*fields, "updated_at"])
    return action


@transaction.atomic
def action_transition(
    *,
    actor: User,
    action: Action,
    to_status: str,
    comment: str = "",
    meeting: Meeting | None = None,
    today: dt.date | None = None,
) -> Action:
    """Move an action along the workflow and record who did it and when.

    Deciding an action freezes the baseline of the measure it should move (see
    ``servicepuls.actions.follow_up``). Deciding is the steering group's call; a department
    contact moves its own decided actions forward.
    """
    today = today or timezone.localdate()
    action = Action.objects.select_for_update().get(pk=action.pk)
    _require_edit(actor, action)
    if to_status not in TRANSITIONS.get(action.status, frozenset()):
        raise ActionTransitionError(
            _("An action cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": ActionStatus(action.status).label,
                "to": ActionStatus(to_status).label if to_status in ActionStatus else to_status,
            }
        )
    if to_status in STEERING_ONLY_STATUSES and not user_has_capability(
        actor, Capability.MANAGE_ACTIONS
    ):
        raise ActionPermissionError(_("Only the steering group decides and evaluates actions."))
    from_status = action.status
    action.status = to_status
    if to_status == ActionStatus.DECIDED:
        action.decided_on = today
        if meeting is not None:
            if meeting.organisation_id != action.organisation_id:
                raise ActionPermissionError(_("The meeting belongs to another organisation."))
            action.meeting = meeting
        _baseline_freeze(action)
    elif to_status == ActionStatus.DONE:
        action.done_on = today
    elif to_status == ActionStatus.IN_PROGRESS:
        action.done_on = None
    action.save()
    ActionEvent.objects.create(
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
    )
    if to_status in {ActionStatus.DECIDED, ActionStatus.DONE}:
        from servicepuls.actions.tasks import action_submitters_notify_task

        action_id, status = action.pk, to_status
        transaction.on_commit(
            lambda: action_submitters_notify_task.enqueue(action_id=action_id, status=status)
        )
    return action


def _baseline_freeze(action: Action) -> None:
    from servicepuls.actions.follow_up import baseline_for_action

    baseline = baseline_for_action(action)
    if baseline is None:
        return
    action.baseline_year = baseline.year
    action.baseline_n = baseline.n
    action.baseline_value = baseline.value
    action.baseline_ci_low = baseline.ci_low
    action.baseline_ci_high = baseline.ci_high


def action_comment_add(*, actor: User, action: Action, text: str) -> ActionEvent:
    """A comment in the action's history (anyone who may edit the action)."""
    _require_edit(actor, action)
    return ActionEvent.objects.create(
        action=action,
        actor=actor,
        from_status=action.status,
        to_status=action.status,
        comment=text,
    )


# Meetings -------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    held_on: dt.date,
    title: str,
    departments: Iterable[Department] = (),
    minutes: str = "",
    decisions: str = "",
) -> Meeting:
    """Create a steering-group meeting with an agenda generated from the current insight."""
    if not user_has_capability(actor, Capability.MANAGE_MEETINGS) or actor.organisation_id is None:
        raise ActionPermissionError(_("Only the steering group manages meetings."))
    meeting = Meeting.objects.create(
        organisation_id=actor.organisation_id,
        held_on=held_on,
        title=title,
        minutes=minutes,
        decisions=decisions,
    )
    meeting.departments.set([d for d in departments if d.organisation_id == actor.organisation_id])
    from servicepuls.actions.agenda import agenda_generate

    meeting.agenda = agenda_generate(organisation_id=actor.organisation_id, held_on=held_on)
    meeting.save(update_fields=["agenda", "updated_at"])
    return meeting


def meeting_update(*, actor: User, meeting: Meeting, **fields: Any) -> Meeting:
    if not user_has_capability(actor, Capability.MANAGE_MEETINGS) or (
        actor.organisation_id != meeting.organisation_id
    ):
        raise ActionPermissionError(_("Only the steering group manages meetings."))
    departments = fields.pop("departments", None)
    unknown = set(fields) - {"held_on", "title", "agenda", "minutes", "decisions"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=[*fields, "updated_at"])
    if departments is not None:
        meeting.departments.set(
            [d for d in departments if d.organisation_id == meeting.organisation_id]
        )
    return meeting


# Competence efforts ---------------------------------------------------------------------


def competence_effort_create(
    *,
    actor: User,
    kind: str,
    title: str,
    held_on: dt.date,
    audience: str,
    departments: Iterable[Department] = (),
    participants: int = 0,
    factors: Sequence[str] = (),
    description: str = "",
) -> CompetenceEffort:
    if not user_has_capability(actor, Capability.MANAGE_MEETINGS) or actor.organisation_id is None:
        raise ActionPermissionError(_("Only the steering group records competence efforts."))
    effort = CompetenceEffort.objects.create(
        organisation_id=actor.organisation_id,
        kind=kind,
        title=title,
        held_on=held_on,
        audience=audience,
        participants=participants,
        factors=sorted(set(factors)),
        description=description,
    )
    effort.departments.set([d for d in departments if d.organisation_id == actor.organisation_id])
    return effort


# Reminders ------------------------------------------------------------------------------


def actions_overdue_remind(*, today: dt.date) -> int:
    """E-mail the owner (or the department's contacts) of every overdue open action once a
    week; return how many reminders were sent."""
    from servicepuls.actions.notifications import overdue_reminder_send

    sent = 0
    overdue = Action.objects.filter(
        due_on__lt=today,
        status__in=[ActionStatus.DECIDED, ActionStatus.IN_PROGRESS],
    ).select_related("owner_person", "owner_department", "organisation")
    for action in overdue:
        if action.reminder_sent_on and (today - action.reminder_sent_on).days < 7:
            continue
        if overdue_reminder_send(action=action, today=today):
            action.reminder_sent_on = today
            action.save(update_fields=["reminder_sent_on", "updated_at"])
            sent += 1
    return sent
