"""Every URL pattern × every role and anonymous answers as DESIGN §1 says.

The table below is the expected permission matrix, written out by hand: one row per URL
name, one outcome per role in the order

    anonymous  admin  analyst  steering  department  national

A URL pattern without a row fails the test, so a new page cannot ship without someone
deciding who may open it. Patterns with arguments name the own organisation's object, and,
where the object belongs to an organisation, the same kind of object of another
organisation: that must answer 404 to every role (never 403, which would confirm that it
exists). Rows marked ``audited`` must write an audit-log entry when the admin reads them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory
from servicepuls.common.models import AuditLogEntry
from tests.security.access import (
    ROLES,
    Expect,
    Pattern,
    World,
    clients_for,
    expect,
    outcome_classify,
    patterns_walk,
)

EVERYONE = "ok ok ok ok ok ok"
STAFF_ALL = "login ok ok ok ok ok"
SURVEYS_ADMIN = "login ok 403 403 403 403"


def _survey_import(organisation: Any) -> int:
    """An import awaiting confirmation, owned by ``organisation``."""
    from servicepuls.surveys.services.imports import data_import_create

    return int(
        data_import_create(
            organisation=organisation, kind="cases", filename="x.csv", data=b"a,b\n1,2\n"
        ).pk
    )


EXPECTED: dict[str, Expect] = {
    # --- common ---------------------------------------------------------------------------
    "common:home": expect(EVERYONE),
    "common:health": expect(EVERYONE),
    # --- accounts: login, logout, password reset, start ------------------------------------
    "accounts:login": expect("ok redirect redirect redirect redirect redirect"),
    "accounts:logout": expect("login 405 405 405 405 405"),  # POST only
    "accounts:password_reset": expect(EVERYONE),
    "accounts:password_reset_done": expect(EVERYONE),
    "accounts:password_reset_confirm": expect(
        EVERYONE, lambda world: {"uidb64": "MQ", "token": "set-password"}
    ),
    "accounts:password_reset_complete": expect(EVERYONE),
    "accounts:start": expect(STAFF_ALL),
    # --- API ------------------------------------------------------------------------------
    "api:schema": expect(EVERYONE),
    "api:root": expect(EVERYONE),
    # --- surveys (branch surveys) ----------------------------------------------------------
    "surveys:survey_thanks": expect(EVERYONE),
    # An unknown survey link answers 404 to everyone; the opt-out page asks before acting.
    "surveys:survey_start": expect("404 404 404 404 404 404", lambda world: {"token": "x" * 43}),
    "surveys:survey_page": expect(
        "404 404 404 404 404 404", lambda world: {"token": "x" * 43, "number": 1}
    ),
    "surveys:survey_opt_out": expect(EVERYONE, lambda world: {"token": "x" * 43}),
    "surveys:staff_overview": expect(STAFF_ALL),
    "surveys:staff_questionnaire": expect(STAFF_ALL),
    "surveys:staff_rates": expect(STAFF_ALL),
    "surveys:staff_cases": expect(SURVEYS_ADMIN),
    "surveys:staff_import": expect(SURVEYS_ADMIN),
    "surveys:staff_import_detail": expect(
        SURVEYS_ADMIN,
        lambda world: {"import_id": _survey_import(world.own_organisation)},
        other=lambda world: {"import_id": _survey_import(world.other_organisation)},
    ),
    "surveys:staff_import_status": expect(
        SURVEYS_ADMIN,
        lambda world: {"import_id": _survey_import(world.own_organisation)},
        other=lambda world: {"import_id": _survey_import(world.other_organisation)},
    ),
    "surveys:staff_schedules": expect(SURVEYS_ADMIN),
    "surveys:staff_schedule_edit": expect(SURVEYS_ADMIN, lambda world: {"area_slug": "bygglov"}),
    "surveys:staff_api_tokens": expect(SURVEYS_ADMIN),
    "surveys:staff_personal_data": expect(SURVEYS_ADMIN),
    # The case API authenticates with an organisation's token only (never a session).
    "surveys:api_case_push": expect("401 401 401 401 401 401"),
    # --- language switch (POST; a GET only redirects back) --------------------------------
    "set_language": expect("redirect redirect redirect redirect redirect redirect"),
}

# Django's admin is for support staff (is_staff) only: the public is sent to a login page
# (the admin's own for the site-wide admin views, the staff login for the model pages) and
# every organisation role to the admin login. One rule covers every model registered there.
ADMIN_EXPECTED: dict[str, Expect] = {
    "admin:login": expect(EVERYONE),
    # POST only; Django's admin sends a non-staff user to its login page first.
    "admin:logout": expect("admin-login redirect redirect redirect redirect redirect"),
}
ADMIN_DEFAULT = expect(
    "login|admin-login admin-login admin-login admin-login admin-login admin-login"
)


def _admin_url(pattern: Pattern) -> str:
    """A concrete address for an admin pattern (any object id: the login check comes first)."""
    if "(?P<app_label>" in pattern.route:
        return "/django-admin/accounts/"
    if "(?P<url>" in pattern.route:
        return "/django-admin/no-such-page/"
    return "/" + re.sub(r"<[^>]+>", "1", pattern.route)


@pytest.fixture
def world(municipality_a: Any, municipality_b: Any) -> World:
    department = DepartmentFactory(organisation=municipality_a)
    network = OrganisationFactory()
    users = {
        "admin": UserFactory(organisation=municipality_a, role=Role.ADMIN),
        "analyst": UserFactory(organisation=municipality_a, role=Role.ANALYST),
        "steering": UserFactory(organisation=municipality_a, role=Role.STEERING),
        "department": UserFactory(
            organisation=municipality_a, role=Role.DEPARTMENT, department=department
        ),
        "national": UserFactory(organisation=network, role=Role.NATIONAL),
    }
    return World(municipality_a, municipality_b, users)


def _url(pattern: Pattern, spec: Expect, world: World, kwargs: dict[str, Any] | None) -> str:
    from django.urls import reverse

    if pattern.namespace == "admin" or pattern.route.startswith("django-admin/"):
        return _admin_url(pattern)
    return reverse(pattern.name, kwargs=kwargs)


def _expectation(pattern: Pattern) -> Expect | None:
    if pattern.namespace == "admin" or pattern.route.startswith("django-admin/"):
        return ADMIN_EXPECTED.get(pattern.name, ADMIN_DEFAULT)
    return EXPECTED.get(pattern.name)


def test_every_url_answers_every_role_as_designed(world: World) -> None:
    patterns = list(patterns_walk())
    unlisted = [p.name for p in patterns if _expectation(p) is None]
    assert not unlisted, f"URL patterns without a row in the access table: {unlisted}"
    names = {p.name for p in patterns}
    stale = sorted(set(EXPECTED) - names)
    assert not stale, f"Rows for URL patterns that no longer exist: {stale}"

    clients = clients_for(world)
    wrong: list[str] = []
    requests = 0
    for pattern in patterns:
        spec = _expectation(pattern)
        assert spec is not None
        url = _url(pattern, spec, world, spec.kwargs(world) if spec.kwargs else None)
        other_url = _url(pattern, spec, world, spec.other(world)) if spec.other else None
        for role, expected in zip(ROLES, spec.outcomes, strict=True):
            audit_before = AuditLogEntry.objects.count()
            actual = outcome_classify(clients[role].get(url))
            requests += 1
            if actual not in expected.split("|"):
                wrong.append(
                    f"{role:<10} GET {url} ({pattern.name}): {actual}, expected {expected}"
                )
            audit_written = AuditLogEntry.objects.count() > audit_before
            if spec.audited and role == "admin" and actual == "ok" and not audit_written:
                wrong.append(f"admin GET {url} ({pattern.name}) wrote no audit-log entry")
            if other_url and expected == "ok":
                other = outcome_classify(clients[role].get(other_url))
                requests += 1
                if other != "404":
                    wrong.append(
                        f"{role:<10} GET {other_url} ({pattern.name}, another organisation's "
                        f"object): {other}, expected 404"
                    )
    assert not wrong, f"{len(wrong)} of {requests} requests answered wrongly:\n" + "\n".join(wrong)
    assert requests >= len(patterns) * len(ROLES)
