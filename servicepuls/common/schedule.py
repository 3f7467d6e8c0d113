"""Periodic tasks: what runs when, and the scheduler loop that enqueues them.

The list itself lives in one place, ``config/schedule.py``. A periodic task is a django-tasks
task with no arguments; the scheduler only enqueues it, and the task workers run it.
Several scheduler processes may run at once: each due task is enqueued by exactly one of
them, because the row that records its next run is locked while it is enqueued.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from croniter import croniter
from django.db import transaction
from django.utils.module_loading import import_string

from servicepuls.common.models import PeriodicTaskRun

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True, slots=True)
class PeriodicTask:
    """A task path and a cron expression (minute hour day month weekday, Stockholm time)."""

    name: str
    task: str
    cron: str

    def __post_init__(self) -> None:
        if not croniter.is_valid(self.cron):
            raise ValueError(f"cron: {self.cron!r} is not a valid cron expression ({self.name})")

    def next_after(self, moment: datetime) -> datetime:
        """The first scheduled time strictly after ``moment`` (aware, in UTC)."""
        local = moment.astimezone(STOCKHOLM)
        following: datetime = croniter(self.cron, local).get_next(datetime)
        return following.astimezone(ZoneInfo("UTC"))


def periodic_tasks_enqueue_due(
    *, now: datetime, periodic_tasks: Iterable[PeriodicTask]
) -> list[str]:
    """Enqueue every task whose next run is due; return the names enqueued.

    A task seen for the first time is scheduled for its next occurrence, not run at once,
    so deploying a new schedule never fires everything immediately.
    """
    enqueued = []
    for periodic in periodic_tasks:
        with transaction.atomic():
            run, created = PeriodicTaskRun.objects.select_for_update().get_or_create(
                name=periodic.name, defaults={"next_run_at": periodic.next_after(now)}
            )
            if created or run.next_run_at > now:
                continue
            import_string(periodic.task).enqueue()
            run.last_enqueued_at = now
            run.next_run_at = periodic.next_after(now)
            run.save(update_fields=["last_enqueued_at", "next_run_at"])
            enqueued.append(periodic.name)
    return enqueued
