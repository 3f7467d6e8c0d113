"""The action workflow: transitions, who may do what, and the history it leaves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from servicepuls.actions.errors import ActionPermissionError, ActionTransitionError
from servicepuls.actions.models import ActionEvent, ActionKind, ActionStatus, EvidenceKind
from servicepuls.actions.selectors import effort_summary_for_staff
from servicepuls.actions.services import (
    EvidenceInput,
    action_comment_add,
    action_create,
    action_transition,
    action_update,
    actions_overdue_remind,
    competence_effort_create,
    meeting_create,
)

pytestmark = pytest.mark.django_db


def _action(steering_user, department, **extra):
    return action_create(
        actor=steering_user,
        kind=ActionKind.PROCESS,
        title="Snabbare kompletteringar",
        description="Besked om komplett ansökan inom en vecka.",
        owner_department=department,
        **extra,
    )


def test_a_new_action_is_proposed_and_its_creation_is_in_the_history(steering_user, department):
    action = _action(steering_user, department)

    assert action.status == ActionStatus.PROPOSED
    event = action.events.get()
    assert (event.actor, event.from_status, event.to_status) == (
        steering_user,
        "",
        ActionStatus.PROPOSED,
    )


def test_the_whole_workflow_records_every_change_with_who_and_when(
    steering_user, contact_user, department
):
    action = _action(steering_user, department)
    action_transition(
        actor=steering_user,
        action=action,
        to_status=ActionStatus.DECIDED,
        today=dt.date(2026, 3, 1),
    )
    action_transition(actor=contact_user, action=action, to_status=ActionStatus.IN_PROGRESS)
    action_transition(
        actor=contact_user, action=action, to_status=ActionStatus.DONE, today=dt.date(2026, 9, 1)
    )
    action = action_transition(actor=steering_user, action=action, to_status=ActionStatus.EVALUATED)

    assert action.status == ActionStatus.EVALUATED
    assert action.decided_on == dt.date(2026, 3, 1)
    assert action.done_on == dt.date(2026, 9, 1)
    changes = [
        (e.from_status, e.to_status, e.actor.username)
        for e in ActionEvent.objects.filter(action=action).order_by("id")
    ]
    assert changes == [
        ("", "proposed", steering_user.username),
        ("proposed", "decided", steering_user.username),
        ("decided", "in_progress", contact_user.username),
        ("in_progress", "done", contact_user.username),
        ("done", "evaluated", steering_user.username),
    ]
    assert all(e.occurred_at is not None for e in action.events.all())


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ((), ActionStatus.DONE),
        ((), ActionStatus.EVALUATED),
        ((ActionStatus.DECIDED,), ActionStatus.PROPOSED),
        (
            (ActionStatus.DECIDED, ActionStatus.DONE, ActionStatus.EVALUATED),
            ActionStatus.IN_PROGRESS,
        ),
    ],
)
def test_transitions_outside_the_workflow_are_refused_and_change_nothing(
    steering_user, department, path, target
):
    action = _action(steering_user, department)
    for step in path:
        action = action_transition(actor=steering_user, action=action, to_status=step)
    events_before = action.events.count()

    with pytest.raises(ActionTransitionError):
        action_transition(actor=steering_user, action=action, to_status=target)

    action.refresh_from_db()
    assert action.status == (path[-1] if path else ActionStatus.PROPOSED)
    assert action.events.count() == events_before


def test_a_department_contact_moves_only_its_own_departments_decided_actions(
    steering_user, contact_user, other_contact_user, department
):
    action = _action(steering_user, department)

    with pytest.raises(ActionPermissionError):  # deciding is the steering group's call
        action_transition(actor=contact_user, action=action, to_status=ActionStatus.DECIDED)
    action_transition(actor=steering_user, action=action, to_status=ActionStatus.DECIDED)
    with pytest.raises(ActionPermissionError):
        action_transition(
            actor=other_contact_user, action=action, to_status=ActionStatus.IN_PROGRESS
        )
    with pytest.raises(ActionPermissionError):
        action_comment_add(actor=other_contact_user, action=action, text="Inte vår.")
    with pytest.raises(ActionPermissionError):
        action_update(actor=other_contact_user, action=action, title="Kapad")

    action_transition(actor=contact_user, action=action, to_status=ActionStatus.IN_PROGRESS)
    action_update(actor=contact_user, action=action, due_on=dt.date(2027, 1, 31))
    action.refresh_from_db()
    assert (action.status, action.due_on) == (ActionStatus.IN_PROGRESS, dt.date(2027, 1, 31))


def test_staff_of_another_organisation_cannot_create_or_change(
    steering_user, department, municipality_b
):
    from servicepuls.accounts.choices import Role
    from servicepuls.accounts.tests.factories import UserFactory

    stranger = UserFactory(organisation=municipality_b, role=Role.STEERING)
    with pytest.raises(ActionPermissionError):
        _action(stranger, department)
    action = _action(steering_user, department)
    with pytest.raises(ActionPermissionError):
        action_transition(actor=stranger, action=action, to_status=ActionStatus.DECIDED)


def test_evidence_is_attached_to_the_action(steering_user, department, bygglov):
    action = _action(
        steering_user,
        department,
        evidence=[
            EvidenceInput(kind=EvidenceKind.FACTOR, area=bygglov, factor="information", year=2025)
        ],
    )
    item = action.evidence.get()
    assert (item.kind, item.area, item.factor, item.year) == (
        "factor",
        bygglov,
        "information",
        2025,
    )


def test_overdue_open_actions_remind_their_owner_once_a_week(
    steering_user, contact_user, department
):
    overdue = _action(steering_user, department, due_on=dt.date(2026, 5, 1))
    action_transition(actor=steering_user, action=overdue, to_status=ActionStatus.DECIDED)
    not_due = _action(steering_user, department, due_on=dt.date(2026, 7, 1))
    action_transition(actor=steering_user, action=not_due, to_status=ActionStatus.DECIDED)
    _action(steering_user, department, due_on=dt.date(2026, 1, 1))  # proposed: no reminder
    mail.outbox.clear()

    assert actions_overdue_remind(today=dt.date(2026, 6, 1)) == 1
    assert mail.outbox[0].to == ["contact@example.se"]  # no owner person: the department contact
    assert "Snabbare kompletteringar" in mail.outbox[0].subject
    assert "31" in mail.outbox[0].body  # days overdue
    assert actions_overdue_remind(today=dt.date(2026, 6, 3)) == 0
    assert actions_overdue_remind(today=dt.date(2026, 6, 8)) == 1


def test_a_meeting_gets_an_agenda_with_overdue_and_proposed_actions(steering_user, department):
    overdue = _action(steering_user, department, due_on=dt.date(2026, 2, 1))
    action_transition(actor=steering_user, action=overdue, to_status=ActionStatus.DECIDED)
    action_create(
        actor=steering_user,
        kind=ActionKind.KOMMUNIKATION,
        title="Ny checklista",
        description="…",
        owner_department=department,
    )

    meeting = meeting_create(
        actor=steering_user,
        held_on=dt.date(2026, 3, 1),
        title="Styrgrupp",
        departments=[department],
    )

    assert "Snabbare kompletteringar" in meeting.agenda
    assert "2026-02-01" in meeting.agenda
    assert "Ny checklista" in meeting.agenda
    assert list(meeting.departments.all()) == [department]


def test_competence_efforts_are_summarised_per_department(
    steering_user, department, other_department
):
    for title, departments, participants in (
        ("Föreläsning", [department], 30),
        ("Film", [department, other_department], 12),
        ("Politikerdialog", [], 8),
    ):
        competence_effort_create(
            actor=steering_user,
            kind="lecture",
            title=title,
            held_on=dt.date(2026, 4, 1),
            audience="officials",
            departments=departments,
            participants=participants,
            factors=["bemotande", "bemotande", "kompetens"],
        )

    summary = {
        (row.department.name if row.department else None): (row.efforts, row.participants)
        for row in effort_summary_for_staff(user=steering_user, year=2026)
    }
    assert summary == {"Samhällsbyggnad": (2, 42), "Miljöförvaltningen": (1, 12), None: (1, 8)}
    assert effort_summary_for_staff(user=steering_user, year=2025) == []
