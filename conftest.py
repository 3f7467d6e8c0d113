"""Settings shared by every test directory.

Hypothesis runs derandomised by default, so that ``make test`` and CI give the same verdict
on the same commit; ``HYPOTHESIS_PROFILE=explore`` searches with fresh random examples and
more of them (run it when changing a property test).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("default", derandomize=True, deadline=None)
settings.register_profile("explore", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse a transactional database test without ``serialized_rollback=True``.

    A transactional test's teardown flushes the database; without serialized rollback the
    flush re-creates the content types under new ids, and the next test that restores the
    serialized database then breaks their unique key — in whatever order xdist happens to
    run them (seen in CI). Every transactional test here restores, so none flushes that way.
    """
    offenders = [
        item.nodeid
        for item in items
        if (marker := item.get_closest_marker("django_db")) is not None
        and marker.kwargs.get("transaction")
        and not marker.kwargs.get("serialized_rollback")
    ]
    if offenders:
        raise pytest.UsageError(
            "django_db(transaction=True) needs serialized_rollback=True: " + ", ".join(offenders)
        )
