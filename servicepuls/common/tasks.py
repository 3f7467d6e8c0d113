"""Housekeeping tasks that belong to no domain."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from servicepuls.common.services import task_results_prune


@task()
def task_results_prune_task() -> int:
    return task_results_prune(older_than=timedelta(days=30), now=timezone.now())
