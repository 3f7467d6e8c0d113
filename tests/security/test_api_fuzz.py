"""Schemathesis generates requests from ``/api/schema/``; the API answers none with a 5xx.

Every operation of the schema is fuzzed anonymously and as a logged-in admin (session
cookie); Hypothesis shrinks any failure to the smallest request that shows it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import UserFactory

# `make proof` raises this (PROOF_FUZZ_EXAMPLES) for a longer search than `make test`.
EXAMPLES_PER_OPERATION = int(os.environ.get("PROOF_FUZZ_EXAMPLES", "25"))


def _fuzz(operation: Any, cookies: dict[str, str], seen: list[int]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        cache.clear()  # API throttles must not hide a server error behind a 429
        response = case.call(cookies=cookies)
        seen.append(response.status_code)
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} answered {response.status_code}: "
            f"{response.text[:300]}"
        )

    run()


@pytest.fixture
def wsgi_keeps_the_test_connection() -> Iterator[None]:
    """The raw WSGI handler closes database connections after each request, as in
    production; inside a test's transaction that would close the test's own connection
    (PostgreSQL). Django's test client disconnects the same receivers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("wsgi_keeps_the_test_connection")
def test_api_answers_no_server_error(municipality_a: Any) -> None:
    admin = UserFactory(organisation=municipality_a, role=Role.ADMIN)
    client = Client()
    client.force_login(admin)
    session = {
        django_settings.SESSION_COOKIE_NAME: client.cookies[
            django_settings.SESSION_COOKIE_NAME
        ].value
    }
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the schema lists no operation"

    seen: list[int] = []
    for operation in operations:
        for cookies in ({}, session):
            _fuzz(operation, cookies, seen)

    assert len(seen) >= len(operations) * 2
