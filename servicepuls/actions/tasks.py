"""Background tasks of the actions domain."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from servicepuls.actions.services import actions_overdue_remind


@task()
def actions_overdue_remind_task() -> int:
    """Daily: remind the owners of overdue actions (at most once a week per action)."""
    return actions_overdue_remind(today=timezone.localdate())


@task()
def action_submitters_notify_task(*, action_id: int, status: str) -> int:
    """Tell story submitters who consented that an action linked to their story moved."""
    from servicepuls.actions.evidence import action_submitters_notify

    return action_submitters_notify(action_id=action_id, status=status)
