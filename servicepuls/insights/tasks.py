"""Background tasks of insights: thin wrappers around services."""

from __future__ import annotations

from django_tasks import task

from servicepuls.insights.services import answer_aggregates_rebuild


@task()
def answer_aggregates_rebuild_task() -> int:
    """Recompute every aggregate row from the answers (nightly safety net)."""
    return answer_aggregates_rebuild()
