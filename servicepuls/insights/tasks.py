"""Background tasks of insights: thin wrappers around services."""

from __future__ import annotations

from django_tasks import task

from servicepuls.insights.services import answer_aggregates_rebuild, answer_aggregates_refresh


@task()
def answer_aggregates_rebuild_task() -> int:
    """Recompute every aggregate row from the answers (nightly safety net)."""
    return answer_aggregates_rebuild()


@task()
def answer_aggregates_refresh_task(*, answer_ids: list[int]) -> int:
    """Recompute the aggregate slices of newly stored or changed answers."""
    return answer_aggregates_refresh(answer_ids=answer_ids)


@task(queue_name="reports")
def steering_report_generate_task(*, report_id: int) -> int:
    """Generate one queued steering-group report (PDF and Excel)."""
    from servicepuls.insights.services import steering_report_generate

    return steering_report_generate(report_id=report_id).pk
