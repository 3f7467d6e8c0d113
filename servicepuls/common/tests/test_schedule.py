from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django_tasks import task

from config.schedule import PERIODIC_TASKS
from servicepuls.common.models import PeriodicTaskRun
from servicepuls.common.schedule import PeriodicTask, periodic_tasks_enqueue_due

CALLS: list[str] = []


@task()
def record_call_task() -> None:
    CALLS.append("called")


NIGHTLY = PeriodicTask(name="nightly", task=f"{__name__}.record_call_task", cron="15 3 * * *")


def test_next_after_uses_stockholm_time_across_daylight_saving():
    winter = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    summer = datetime(2026, 7, 10, 12, 0, tzinfo=UTC)

    assert NIGHTLY.next_after(winter) == datetime(2026, 1, 11, 2, 15, tzinfo=UTC)
    assert NIGHTLY.next_after(summer) == datetime(2026, 7, 11, 1, 15, tzinfo=UTC)


def test_invalid_cron_is_refused_when_the_schedule_is_declared():
    with pytest.raises(ValueError, match="not a valid cron"):
        PeriodicTask(name="broken", task="x.y", cron="every day")


def test_every_declared_task_path_imports():
    from django.utils.module_loading import import_string

    for periodic in PERIODIC_TASKS:
        assert hasattr(import_string(periodic.task), "enqueue")


@pytest.mark.django_db
def test_a_task_runs_once_when_due_and_not_on_first_sight():
    CALLS.clear()
    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    assert periodic_tasks_enqueue_due(now=start, periodic_tasks=[NIGHTLY]) == []
    assert (
        periodic_tasks_enqueue_due(now=start + timedelta(hours=6), periodic_tasks=[NIGHTLY]) == []
    )
    due = start + timedelta(hours=14, minutes=16)
    assert periodic_tasks_enqueue_due(now=due, periodic_tasks=[NIGHTLY]) == ["nightly"]
    assert (
        periodic_tasks_enqueue_due(now=due + timedelta(minutes=1), periodic_tasks=[NIGHTLY]) == []
    )

    assert CALLS == ["called"]
    assert PeriodicTaskRun.objects.get(name="nightly").next_run_at == datetime(
        2026, 3, 3, 2, 15, tzinfo=UTC
    )


@pytest.mark.django_db
def test_task_results_prune_deletes_only_old_finished_results():
    from django_tasks_db.models import DBTaskResult

    from servicepuls.common.services import task_results_prune

    now = datetime(2026, 6, 1, tzinfo=UTC)
    old = DBTaskResult.objects.create(
        task_path="x.y",
        status="SUCCESSFUL",
        args_kwargs={},
        backend_name="default",
        finished_at=now - timedelta(days=40),
    )
    recent = DBTaskResult.objects.create(
        task_path="x.y",
        status="SUCCESSFUL",
        args_kwargs={},
        backend_name="default",
        finished_at=now - timedelta(days=2),
    )
    waiting = DBTaskResult.objects.create(
        task_path="x.y", status="READY", args_kwargs={}, backend_name="default"
    )

    assert task_results_prune(older_than=timedelta(days=30), now=now) == 1
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
