"""The proof scenarios run the real stack: gunicorn, PostgreSQL and Redis on loopback."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


def _redis_answers() -> bool:
    try:
        result = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "ping"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.stdout.strip() == "PONG"


_STACK_MARKS = [
    pytest.mark.postgres,
    # One stack at a time, on an otherwise idle machine: the scenarios share Redis's queues
    # and time their strikes. ``scripts/pytest-all.sh`` runs them after the rest, without
    # xdist (whose ``xdist_group`` does not keep tests together with this pytest).
    pytest.mark.stack,
    pytest.mark.skipif(not POSTGRES, reason="DATABASE_URL does not point at PostgreSQL"),
    pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379"),
]

F = TypeVar("F", bound=Callable[..., Any])


def stack_test(test: F) -> F:
    """Mark a test that starts the stack: PostgreSQL and Redis needed, one at a time."""
    for mark in _STACK_MARKS:
        test = mark(test)
    return test
