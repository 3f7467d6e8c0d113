"""Handlers for other apps' signals: keep the answer aggregates current."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from servicepuls.insights.services import answer_aggregates_refresh


def answers_stored_receiver(sender: Any, *, answer_ids: Iterable[int], **kwargs: Any) -> None:
    """Recompute the aggregate slices of the stored answers (runs after their commit)."""
    answer_aggregates_refresh(answer_ids=answer_ids)
