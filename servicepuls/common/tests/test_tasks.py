"""The embedded worker really runs what the database backend queued."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from servicepuls.common.tasks import task_results_prune_task

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "reports"]}
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_db_worker_runs_a_task_queued_in_the_database(settings):
    settings.TASKS = DATABASE_TASKS  # django-tasks resets its backends on this change

    result = task_results_prune_task.enqueue()
    assert DBTaskResult.objects.get(id=result.id).status == "READY"

    call_command(
        "db_worker",
        "--batch",
        "--queue-name",
        "*",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )

    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == "SUCCESSFUL"
    assert stored.return_value == 0
