"""Handlers for other apps' signals: keep the answer aggregates current."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def answers_stored_receiver(sender: Any, *, answer_ids: Iterable[int], **kwargs: Any) -> None:
    """Have a task worker recompute the aggregate slices of the stored answers.

    The signal comes after the answers' commit, often inside a respondent's request: the
    grouped recomputation runs in the background, not in that request.
    """
    from servicepuls.insights.tasks import answer_aggregates_refresh_task  # tasks import services

    answer_aggregates_refresh_task.enqueue(answer_ids=list(answer_ids))
