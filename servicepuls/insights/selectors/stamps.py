"""Version stamps of the aggregates: a cache key part that changes whenever results do."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Max

from servicepuls.insights.models import AnswerAggregate, PublishedResult


def _time(value: datetime | None) -> str:
    return str(value.timestamp()) if value else "0"


def aggregates_stamp(*, organisation_id: int | None = None) -> str:
    """Changes when any aggregate row (of one organisation) or any published result changes.

    Aggregate slices are rewritten (delete + insert) whenever their answers change, so the
    newest row, the highest id and the row count together identify the current state.
    """
    rows = AnswerAggregate.objects.all()
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    own = rows.aggregate(latest=Max("updated_at"), last=Max("id"), count=Count("id"))
    published = PublishedResult.objects.aggregate(latest=Max("updated_at"), count=Count("id"))
    return (
        f"{own['count']}-{own['last']}-{_time(own['latest'])}-"
        f"{published['count']}-{_time(published['latest'])}"
    )
