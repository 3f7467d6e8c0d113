"""The agenda of a steering-group meeting, generated from the current insight.

The agenda is plain text the chair may edit afterwards: what moved in the results, what the
stories shared with the group say, and which actions are due or overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from servicepuls.actions.models import Action, ActionStatus, CompetenceEffort, Meeting


@dataclass(frozen=True, slots=True)
class AgendaData:
    held_on: dt.date
    since: dt.date | None
    overdue: list[Action]
    due_soon: list[Action]
    proposed: list[Action]
    done_since: list[Action]
    efforts_since: list[CompetenceEffort]
    result_lines: list[str] = field(default_factory=list)
    story_lines: list[str] = field(default_factory=list)


def agenda_data(*, organisation_id: int, held_on: dt.date) -> AgendaData:
    previous = (
        Meeting.objects.filter(organisation_id=organisation_id, held_on__lt=held_on)
        .order_by("-held_on")
        .first()
    )
    since = previous.held_on if previous else None
    actions = Action.objects.filter(organisation_id=organisation_id).select_related(
        "owner_department"
    )
    open_statuses = [ActionStatus.DECIDED, ActionStatus.IN_PROGRESS]
    efforts = CompetenceEffort.objects.filter(organisation_id=organisation_id, held_on__lte=held_on)
    if since is not None:
        efforts = efforts.filter(held_on__gt=since)
    return AgendaData(
        held_on=held_on,
        since=since,
        overdue=list(actions.filter(status__in=open_statuses, due_on__lt=held_on)),
        due_soon=list(
            actions.filter(
                status__in=open_statuses,
                due_on__gte=held_on,
                due_on__lte=held_on + dt.timedelta(days=60),
            )
        ),
        proposed=list(actions.filter(status=ActionStatus.PROPOSED)),
        done_since=list(actions.filter(status=ActionStatus.DONE, done_on__gt=since or dt.date.min)),
        efforts_since=list(efforts),
        result_lines=_result_lines(organisation_id, held_on),
        story_lines=_story_lines(organisation_id, since, held_on),
    )


def _result_lines(organisation_id: int, held_on: dt.date) -> list[str]:
    """One line per area from the insight of the latest complete year (none without data)."""
    from servicepuls.actions.follow_up import agenda_result_lines

    return agenda_result_lines(organisation_id=organisation_id, held_on=held_on)


def _story_lines(organisation_id: int, since: dt.date | None, held_on: dt.date) -> list[str]:
    from servicepuls.actions.follow_up import agenda_story_lines

    return agenda_story_lines(organisation_id=organisation_id, since=since, until=held_on)


def agenda_generate(*, organisation_id: int, held_on: dt.date) -> str:
    """The agenda as text, in the site's language (Swedish)."""
    data = agenda_data(organisation_id=organisation_id, held_on=held_on)
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("actions/agenda.txt", {"data": data}).strip() + "\n"
