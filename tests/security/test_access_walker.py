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
    other,
    outcome_classify,
    own,
    patterns_walk,
)

EVERYONE = "ok ok ok ok ok ok"
STAFF_ALL = "login ok ok ok ok ok"
ADMIN_ONLY = "login ok 403 403 403 403"
ENTER_STORIES = "login ok ok 403 403 403"  # admin and analyst
POST_ONLY = "login 405 405 405 405 405"
ORGANISATION_READ = "login ok ok ok ok 404"  # a national analyst has no organisation's data
STEERING_WRITE = "login ok 403 ok 403 403"  # admin and the steering group
NOT_FOUND = "404 404 404 404 404 404"
REDIRECTED = "redirect redirect redirect redirect redirect redirect"
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
    # --- stories (issue 5): public form; staff queue, tagging, campaigns, meetings ---------
    "stories:submit": expect(EVERYONE),
    "stories:thanks": expect(REDIRECTED),  # without a story just sent: back to the form
    "stories:submit_organisation": expect(EVERYONE, lambda world: {"code": "0136"}),
    "stories:submit_campaign": expect(
        EVERYONE, lambda world: {"code": "0136", "campaign_slug": world.own["campaign"].slug}
    ),
    "stories:list": expect("login ok ok ok ok 403"),
    "stories:enter": expect(ENTER_STORIES),
    "stories:bulk": expect(POST_ONLY),
    "stories:export_csv": expect("login ok ok ok ok 403"),
    "stories:export_xlsx": expect("login ok ok ok ok 403"),
    # A new story waits in moderation: admin and analyst (taggers) see it; steering sees
    # moderated stories only, a department contact only its department's areas.
    "stories:detail": expect(
        "login ok ok 404 404 403", own("story", "story_id"), other=other("story", "story_id")
    ),
    "stories:tags": expect(POST_ONLY, own("story", "story_id")),
    "stories:status": expect(POST_ONLY, own("story", "story_id")),
    "stories:analyse": expect(POST_ONLY, own("story", "story_id")),
    # Raw text and contact details: admin only, and every read is audited.
    "stories:personal_data": expect(
        ADMIN_ONLY,
        own("story", "story_id"),
        other=other("story", "story_id"),
        audited=True,
    ),
    "stories:campaigns": expect(ENTER_STORIES),
    "stories:campaign_create": expect(ENTER_STORIES),
    "stories:campaign_edit": expect(
        ENTER_STORIES, own("campaign", "campaign_id"), other=other("campaign", "campaign_id")
    ),
    "stories:meetings": expect(ENTER_STORIES),
    "stories:meeting_create": expect(ENTER_STORIES),
    "stories:meeting_detail": expect(
        ENTER_STORIES, own("meeting", "meeting_id"), other=other("meeting", "meeting_id")
    ),
    "stories:person": expect(ADMIN_ONLY),  # one person's data: export and erasure
    # --- insights (issue 7): results, comparison, reports, evidence; public results -------
    "insights:dashboard": expect("login ok ok ok ok redirect"),  # national: to comparison
    "insights:comparison": expect(STAFF_ALL),
    "insights:reports": expect("login ok ok ok 403 403"),
    # No report exists in this world: the permitted roles get 404, the others 403 first.
    "insights:report_download": expect(
        "login 404 404 404 403 403", lambda world: {"report_id": 999_999, "kind": "pdf"}
    ),
    # Evidence joins results with stories: not for national analysts; a department contact
    # only for its own areas (the world's contact has none).
    "insights:evidence": expect(
        "login ok ok ok 404 403", lambda world: {"area": "bygglov", "factor": "bemotande"}
    ),
    "insights:public_results": expect(EVERYONE, lambda world: {"code": "0136"}),
    # --- actions (issue 8): actions, meetings, competence efforts; "Ni sa – vi gjorde" ----
    "actions:said_we_did_index": expect(EVERYONE),
    "actions:said_we_did": expect(EVERYONE, lambda world: {"code": "0136"}),
    "actions:action_list": expect(ORGANISATION_READ),
    "actions:action_create": expect(STEERING_WRITE),
    "actions:action_detail": expect(
        ORGANISATION_READ, own("action", "pk"), other=other("action", "pk")
    ),
    # The world's action belongs to another department than the department contact's.
    "actions:action_edit": expect(
        "login ok 403 ok 403 404", own("action", "pk"), other=other("action", "pk")
    ),
    "actions:action_transition": expect(POST_ONLY, own("action", "pk")),
    "actions:action_comment": expect(POST_ONLY, own("action", "pk")),
    "actions:meeting_list": expect(ORGANISATION_READ),
    "actions:meeting_create": expect(STEERING_WRITE),
    "actions:meeting_detail": expect(
        ORGANISATION_READ,
        own("steering_meeting", "pk"),
        other=other("steering_meeting", "pk"),
    ),
    "actions:effort_list": expect(ORGANISATION_READ),
    "actions:effort_create": expect(STEERING_WRITE),
    "actions:department": expect(
        ORGANISATION_READ, own("department", "pk"), other=other("department", "pk")
    ),
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
    "set_language": expect(REDIRECTED),
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


def _story(organisation: Any) -> Any:
    from servicepuls.stories.services import ContactInput, story_create

    return story_create(
        organisation=organisation,
        channel="web",
        submitter="business",
        raw_text="Handläggaren Karin svarade aldrig på mina mejl om bygglovet.",
        contact=ContactInput(
            name="Ada Andersson", email="ada@example.se", phone="", consent_follow_up=True
        ),
    )


def _campaign(organisation: Any) -> Any:
    from servicepuls.stories.tests.factories import CampaignFactory

    return CampaignFactory(organisation=organisation)


def _meeting(organisation: Any) -> Any:
    from servicepuls.stories.tests.factories import DialogueMeetingFactory

    return DialogueMeetingFactory(organisation=organisation)


def _steering(organisation: Any) -> Any:
    return UserFactory(organisation=organisation, role=Role.STEERING)


def _department(organisation: Any) -> Any:
    from servicepuls.organisations.models import AuthorityArea

    department = DepartmentFactory(organisation=organisation)
    department.areas.set([AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True)])
    return department


def _action(organisation: Any) -> Any:
    import datetime as dt

    from servicepuls.actions.services import action_create

    return action_create(
        actor=_steering(organisation),
        kind="kommunikation",
        title="Klarspråk i besluten",
        description="Skriv om beslutsmallarna.",
        owner_department=_department(organisation),
        due_on=dt.date(2027, 1, 31),
    )


def _steering_meeting(organisation: Any) -> Any:
    import datetime as dt

    from servicepuls.actions.services import meeting_create

    return meeting_create(
        actor=_steering(organisation), held_on=dt.date(2026, 11, 20), title="Styrgruppsmöte"
    )


# One object of each kind per organisation, made through the apps' services and factories.
WORLD_BUILDERS = {
    "story": _story,
    "campaign": _campaign,
    "meeting": _meeting,
    "department": _department,
    "action": _action,
    "steering_meeting": _steering_meeting,
}


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
    world = World(municipality_a, municipality_b, users)
    for kind, build in WORLD_BUILDERS.items():
        world.own[kind] = build(municipality_a)
        world.other[kind] = build(municipality_b)
    return world


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
