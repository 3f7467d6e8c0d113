"""Background work that outlives a database restart or fail-over."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Seconds between attempts: about 90 s in all, longer than a PostgreSQL restart or fail-over.
RETRY_DELAYS: tuple[float, ...] = (1, 2, 4, 8, 15, 30, 30)


def database_retry(
    operation: Callable[[], T],
    *,
    delays: Sequence[float] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> T:
    """Run ``operation``; when the database connection is lost, reconnect and run it again.

    For idempotent work in tasks (an all-or-nothing import, sending invitations whose
    e-mails are recorded one by one): a restart aborts the running transaction, which the
    server rolls back, so running the operation again from the start is safe. Re-raises
    after the last of ``delays``, and at once inside a transaction, which cannot outlive
    its connection. ``delays`` defaults to ``RETRY_DELAYS``.
    """
    delays = RETRY_DELAYS if delays is None else delays
    sleep = sleep or time.sleep
    for delay in [*delays, None]:
        try:
            return operation()
        except (OperationalError, InterfaceError) as error:
            if delay is None or any(
                connection.in_atomic_block for connection in connections.all(initialized_only=True)
            ):
                raise
            logger.warning("database connection lost (%s); trying again in %s s", error, delay)
            connections.close_all()  # the next query opens a fresh connection
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises
