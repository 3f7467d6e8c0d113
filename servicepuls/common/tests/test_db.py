"""``database_retry``: background work waits out a lost database connection."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from servicepuls.common.db import database_retry


def _flaky(failures: int):
    calls = []

    def operation() -> str:
        calls.append(1)
        if len(calls) <= failures:
            raise OperationalError("server closed the connection unexpectedly")
        return "done"

    return operation, calls


def test_database_retry_runs_again_after_a_lost_connection():
    operation, calls = _flaky(failures=2)
    slept: list[float] = []

    assert database_retry(operation, delays=(1, 2, 4), sleep=slept.append) == "done"

    assert len(calls) == 3
    assert slept == [1, 2]


def test_database_retry_gives_up_after_the_last_delay():
    operation, calls = _flaky(failures=5)

    with pytest.raises(OperationalError):
        database_retry(operation, delays=(1, 2), sleep=lambda seconds: None)

    assert len(calls) == 3


@pytest.mark.django_db
def test_database_retry_does_not_retry_inside_a_transaction():
    operation, calls = _flaky(failures=1)  # the test runs inside a transaction

    with pytest.raises(OperationalError):
        database_retry(operation, delays=(1,), sleep=lambda seconds: None)

    assert len(calls) == 1
