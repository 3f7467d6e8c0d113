"""Signals the surveys app sends; higher apps (insights) subscribe in their receivers.

``answers_stored`` is sent after the transaction that created or changed survey answers
commits, with ``answer_ids: list[int]`` (public survey, vendor import, demo).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

from servicepuls.surveys.models import SurveyAnswer

answers_stored = Signal()


def answers_stored_send_on_commit(answer_ids: Iterable[int]) -> None:
    """Send ``answers_stored`` once the current transaction commits (at once outside one).

    The answers are stored by then: a receiver that fails is logged (``robust``) and never
    turns a respondent's stored answers into an error page; the nightly aggregate rebuild
    repairs what it missed.
    """
    ids = sorted(set(answer_ids))
    if not ids:
        return

    def send() -> None:
        answers_stored.send(sender=SurveyAnswer, answer_ids=ids)

    transaction.on_commit(send, robust=True)
