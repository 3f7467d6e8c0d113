"""axe-core in Chromium on every public page and the main staff pages of each role, in Swedish
and in English: no WCAG 2.1 A or AA violation.

``PAGES`` lists the pages; ``test_every_public_url_pattern_has_a_page`` (no browser) fails
when a URL pattern that the public may open has neither a page here nor a reason in
``NOT_PAGES``, so a new public page cannot ship without being checked.

The demo data set is loaded once for the module and served by a live server of the
module's own (pytest-django's ``live_server`` would flush and reload it for every page);
the database is emptied again afterwards, as a transactional test leaves it. The live
server shares the test's in-memory SQLite connection, so browser tests run on SQLite only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from tests.browser.conftest import axe_violations

LANGUAGES = ("sv", "en")


@dataclass
class Site:
    """The running server and the objects the pages' addresses name."""

    url: str
    paths: dict[str, str] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)  # role -> session key


@dataclass(frozen=True)
class Page:
    """One page: its address (a key of ``Site.paths`` or a literal path), who opens it,
    the status it answers with, and what the browser does there before axe runs."""

    name: str
    path: str
    role: str = "anonymous"
    status: int = 200
    act: Callable[[Any, str], None] | None = None
    fresh: bool = False  # the page changes its browser's cookies: it gets a browser of its own


def _submit_first_form(page: Any, language: str) -> None:
    """Send the page's main form as it is (an empty form shows its errors)."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def _switch_language(page: Any, language: str) -> None:
    """Use the header's language switch to change to the other language."""
    other = "en" if language == "sv" else "sv"
    page.select_option("#language-select", other)
    with page.expect_navigation():
        page.locator(".language-switch button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == other


def _form_refused(page: Any, language: str) -> None:
    """Send the login form after the cookies are gone: Django refuses it (CSRF)."""
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": page.url}]
    )
    page.fill("#id_username", "demo-admin")
    page.fill("#id_password", "demo-admin")
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    assert navigation.value.status == 403
    assert page.locator("html").get_attribute("lang") == language


def _opt_out(page: Any, language: str) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


PAGES: tuple[Page, ...] = (
    # --- public ---------------------------------------------------------------------------
    Page("home", "/"),
    Page("language switch result", "/", act=_switch_language, fresh=True),
    Page("login", "/logga-in/"),
    Page("login with errors", "/logga-in/", act=_submit_first_form),
    Page("password reset request", "/losenord/aterstall/"),
    Page("password reset request with errors", "/losenord/aterstall/", act=_submit_first_form),
    Page("password reset sent", "/losenord/aterstall/skickat/"),
    Page("password reset confirm", "password_reset_confirm"),
    Page("password reset invalid link", "/losenord/aterstall/MQ/ogiltig-nyckel/"),
    Page("password reset complete", "/losenord/aterstall/klart/"),
    Page("story form, choose organisation", "/dela-din-erfarenhet/"),
    Page("story form", "/dela-din-erfarenhet/0136/"),
    Page("story form with errors", "/dela-din-erfarenhet/0136/", act=_submit_first_form),
    Page("campaign story form", "campaign_form"),
    Page("story thank-you", "/dela-din-erfarenhet/tack/"),
    Page("said we did, index", "/ni-sa-vi-gjorde/"),
    Page("said we did", "/ni-sa-vi-gjorde/0136/"),
    Page("said we did, unknown organisation", "/ni-sa-vi-gjorde/9999/", status=404),
    Page("public results", "/resultat/0136/"),
    Page("public results, unknown organisation", "/resultat/9999/", status=404),
    Page("survey start and privacy notice", "survey_start"),
    Page("survey first page", "survey_first_page"),
    Page("survey last page", "survey_last_page"),
    Page("survey page with errors", "survey_last_page", act=_submit_first_form),
    Page("survey thank-you", "/enkat/tack/"),
    Page("survey already answered", "survey_answered", status=410),
    Page("survey expired", "survey_expired", status=410),
    Page("survey opted out", "survey_opted_out", status=410),
    Page("survey invalid link", "/enkat/" + "x" * 43 + "/", status=404),
    Page("survey opt-out question", "survey_opt_out"),
    Page("survey opt-out done", "survey_opt_out_done", act=_opt_out),
    Page("not found (404)", "/finns-inte/", status=404),
    Page("form refused (CSRF)", "/logga-in/", act=_form_refused, fresh=True),
    Page("forbidden (403)", "/staff/berattelser/person/", role="analyst", status=403),
    Page("not found for staff (404)", "/staff/atgarder/999999/", role="admin", status=404),
    # --- admin (näringslivsenhet) ---------------------------------------------------------
    Page("start", "/staff/", role="admin"),
    Page("results dashboard", "/staff/resultat/", role="admin"),
    Page("benchmarking", "/staff/resultat/jamforelse/", role="admin"),
    Page("reports", "/staff/resultat/rapporter/", role="admin"),
    Page("evidence", "/staff/resultat/bygglov/bemotande/", role="admin"),
    Page("story queue", "/staff/berattelser/", role="admin"),
    Page("story detail", "story_detail", role="admin"),
    Page("story personal data", "story_personal_data", role="admin"),
    Page("story entry", "/staff/berattelser/ny/", role="admin"),
    Page("story campaigns", "/staff/berattelser/kampanjer/", role="admin"),
    Page("story campaign edit", "campaign_edit", role="admin"),
    Page("dialogue meetings", "/staff/berattelser/moten/", role="admin"),
    Page("dialogue meeting", "dialogue_meeting", role="admin"),
    Page("one person's data", "/staff/berattelser/person/", role="admin"),
    Page("surveys overview", "/staff/enkater/", role="admin"),
    Page("cases", "/staff/enkater/arenden/", role="admin"),
    Page("case import", "/staff/enkater/import/", role="admin"),
    Page("case import detail", "import_detail", role="admin"),
    Page("questionnaire", "/staff/enkater/formular/", role="admin"),
    Page("survey schedules", "/staff/enkater/utskick/", role="admin"),
    Page("survey schedule edit", "/staff/enkater/utskick/bygglov/", role="admin"),
    Page("response rates", "/staff/enkater/svarsfrekvens/", role="admin"),
    Page("API keys", "/staff/enkater/api-nycklar/", role="admin"),
    Page("survey personal data", "/staff/enkater/personuppgifter/", role="admin"),
    Page("actions", "/staff/atgarder/", role="admin"),
    Page("action detail", "action_detail", role="admin"),
    Page("action edit", "action_edit", role="admin"),
    Page("new action", "/staff/atgarder/ny/", role="admin"),
    Page("new action with errors", "/staff/atgarder/ny/", role="admin", act=_submit_first_form),
    Page("steering meetings", "/staff/moten/", role="admin"),
    Page("steering meeting", "steering_meeting", role="admin"),
    Page("new steering meeting", "/staff/moten/nytt/", role="admin"),
    Page("competence efforts", "/staff/kompetensinsatser/", role="admin"),
    Page("new competence effort", "/staff/kompetensinsatser/ny/", role="admin"),
    Page("department", "department", role="admin"),
    # --- the other roles' main pages ------------------------------------------------------
    Page("start", "/staff/", role="analyst"),
    Page("results dashboard", "/staff/resultat/", role="analyst"),
    Page("story queue", "/staff/berattelser/", role="analyst"),
    Page("story detail", "story_detail", role="analyst"),
    Page("start", "/staff/", role="steering"),
    Page("actions", "/staff/atgarder/", role="steering"),
    Page("action detail", "action_detail", role="steering"),
    Page("story queue", "/staff/berattelser/", role="steering"),
    Page("start", "/staff/", role="department"),
    Page("department", "own_department", role="department"),
    Page("actions", "/staff/atgarder/", role="department"),
    Page("results dashboard", "/staff/resultat/", role="department"),
    Page("start", "/staff/", role="national"),
    Page("benchmarking", "/staff/resultat/jamforelse/", role="national"),
)

# URL patterns the public may reach that are not pages for people (or only answer a POST).
NOT_PAGES = {
    "common:health": "JSON for load balancers",
    "api:schema": "OpenAPI document",
    "api:root": "JSON",
    "surveys:api_case_push": "JSON API",
    "accounts:logout": "POST only; ends on the login page",
    "set_language": "POST; its result is the page 'language switch result'",
    "admin:login": "Django's own admin, for support staff",
}

ROLE_USERS = {
    "admin": "demo-admin",
    "analyst": "demo-analytiker",
    "steering": "demo-styrgrupp",
    "department": "demo-forvaltning",
    "national": "demo-nationell",
}


def _session(data: dict[str, Any]) -> str:
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    for key, value in data.items():
        store[key] = value
    store.create()
    return str(store.session_key)


def _login_session(user: Any) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    return _session(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )


def _survey_token(invitation: Any) -> str:
    from servicepuls.surveys.services.tokens import invitation_token

    return invitation_token(nonce=invitation.token_nonce)


def _site_paths(site: Site) -> None:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from servicepuls.accounts.models import User
    from servicepuls.actions.models import Action, Meeting
    from servicepuls.stories.models import Campaign, DialogueMeeting, Story
    from servicepuls.surveys.models import Invitation
    from servicepuls.surveys.services.imports import data_import_create
    from servicepuls.surveys.services.survey import survey_pages

    users = {role: User.objects.get(username=name) for role, name in ROLE_USERS.items()}
    site.sessions = {role: _login_session(user) for role, user in users.items()}
    site.sessions["anonymous"] = _session({"stories:last_reference": "ABC-1234"})
    admin = users["admin"]
    haninge = admin.organisation
    now = timezone.now()

    uid = urlsafe_base64_encode(force_bytes(admin.pk))
    site.paths["password_reset_confirm"] = (
        f"/losenord/aterstall/{uid}/{default_token_generator.make_token(admin)}/"
    )
    today = timezone.localdate()
    campaign = next(
        campaign
        for campaign in Campaign.objects.filter(organisation=haninge).order_by("pk")
        if campaign.is_open_on(today)
    )
    site.paths["campaign_form"] = f"/dela-din-erfarenhet/0136/{campaign.slug}/"
    site.paths["campaign_edit"] = f"/staff/berattelser/kampanjer/{campaign.pk}/"

    open_invitations = list(
        Invitation.objects.filter(
            organisation=haninge, answered_at=None, opted_out_at=None, expires_at__gt=now
        ).order_by("pk")[:12]
    )
    assert len(open_invitations) == 12, "the demo data has open survey invitations"
    first = open_invitations[0]
    token = _survey_token(first)
    pages = survey_pages(version=first.questionnaire_version, respondent=first.case.respondent)
    site.paths["survey_start"] = f"/enkat/{token}/"
    site.paths["survey_first_page"] = f"/enkat/{token}/sida/1/"
    site.paths["survey_last_page"] = f"/enkat/{token}/sida/{len(pages)}/"
    site.paths["survey_opt_out"] = f"/enkat/{token}/avregistrera/"
    answered, expired, opted_out = open_invitations[1:4]
    Invitation.objects.filter(pk=answered.pk).update(answered_at=now)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=now - dt.timedelta(days=1))
    Invitation.objects.filter(pk=opted_out.pk).update(opted_out_at=now)
    site.paths["survey_answered"] = f"/enkat/{_survey_token(answered)}/"
    site.paths["survey_expired"] = f"/enkat/{_survey_token(expired)}/"
    site.paths["survey_opted_out"] = f"/enkat/{_survey_token(opted_out)}/"
    # One link per language (and browser project), since opting out uses it up.
    for language, invitation in zip(LANGUAGES, open_invitations[4:6], strict=True):
        site.paths[f"survey_opt_out_done:{language}"] = (
            f"/enkat/{_survey_token(invitation)}/avregistrera/"
        )

    story = Story.objects.filter(organisation=haninge, status="shared").order_by("pk").first()
    assert story is not None
    site.paths["story_detail"] = f"/staff/berattelser/{story.pk}/"
    site.paths["story_personal_data"] = f"/staff/berattelser/{story.pk}/personuppgifter/"
    meeting = DialogueMeeting.objects.filter(organisation=haninge).order_by("pk").first()
    assert meeting is not None
    site.paths["dialogue_meeting"] = f"/staff/berattelser/moten/{meeting.pk}/"

    data = (
        "ärendenummer;område;beslutsdatum;kundtyp;e-post\n"
        "BN-2026-1;bygglov;2026-11-02;företag;a@example.se\n"
        "BN-2026-2;bygglov;2026-11-03;privatperson;b@example.se\n"
    ).encode()
    imported = data_import_create(
        organisation=haninge, kind="cases", filename="arenden.csv", data=data, uploaded_by=admin
    )
    site.paths["import_detail"] = f"/staff/enkater/import/{imported.pk}/"

    action = Action.objects.filter(organisation=haninge).order_by("pk").first()
    assert action is not None
    site.paths["action_detail"] = f"/staff/atgarder/{action.pk}/"
    site.paths["action_edit"] = f"/staff/atgarder/{action.pk}/andra/"
    steering_meeting = Meeting.objects.filter(organisation=haninge).order_by("pk").first()
    assert steering_meeting is not None
    site.paths["steering_meeting"] = f"/staff/moten/{steering_meeting.pk}/"
    site.paths["department"] = f"/staff/forvaltningar/{action.owner_department_id}/"
    site.paths["own_department"] = f"/staff/forvaltningar/{users['department'].department_id}/"


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: Any) -> Iterator[Site]:
    from django.core.cache import cache
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        cache.clear()
        call_command("demo", verbosity=0)
        server = LiveServer("localhost:0")
        server._live_server_modified_settings.enable()
        try:
            site = Site(url=server.url)
            _site_paths(site)
            yield site
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            serialized = getattr(connection, "_test_serialized_contents", None)
            if serialized:
                connection.creation.deserialize_db_from_string(serialized)


def _page_id(value: Any) -> str:
    return f"{value.role}: {value.name}" if isinstance(value, Page) else str(value)


def _context(browser: Any, site: Site, role: str, language: str) -> Any:
    context = browser.new_context(
        locale="sv-SE" if language == "sv" else "en-GB", viewport={"width": 1280, "height": 900}
    )
    context.add_cookies(
        [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site.url},
            {"name": settings.SESSION_COOKIE_NAME, "value": site.sessions[role], "url": site.url},
        ]
    )
    return context


@pytest.fixture(scope="module")
def contexts(browser: Any, site: Site) -> Iterator[dict[tuple[str, str], Any]]:
    """One browser context per role and language, kept for the module (its cache too)."""
    opened: dict[tuple[str, str], Any] = {}
    yield opened
    for context in opened.values():
        context.close()


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.django_db  # what a page writes (a session, an opt-out) is rolled back after it
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("spec", PAGES, ids=_page_id)
def test_page_has_no_wcag_violations(
    site: Site, browser: Any, contexts: dict[tuple[str, str], Any], spec: Page, language: str
) -> None:
    from django.core.cache import cache

    cache.clear()  # rate-limit counters: each page is opened as if for the first time
    if spec.fresh:
        context = _context(browser, site, spec.role, language)
    else:
        key = (spec.role, language)
        context = contexts.get(key) or contexts.setdefault(
            key, _context(browser, site, spec.role, language)
        )
    page = context.new_page()
    try:
        path = site.paths.get(f"{spec.path}:{language}") or site.paths.get(spec.path, spec.path)
        response = page.goto(f"{site.url}{path}")
        assert response is not None
        assert response.status == spec.status, f"{path}: {response.status}"
        if spec.act is not None:
            spec.act(page, language)
        else:
            assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], page.url
    finally:
        page.close()
        if spec.fresh:
            context.close()


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.django_db
def test_axe_reports_violations_it_is_shown(site: Site, browser: Any) -> None:
    """The harness is not blind: a page spoilt on purpose gives the violations expected."""
    context = _context(browser, site, "anonymous", "sv")
    page = context.new_page()
    try:
        page.goto(f"{site.url}/")
        # The CSP refuses style attributes in markup; the CSSOM is allowed.
        page.evaluate(
            "() => { const main = document.querySelector('main');"
            " main.insertAdjacentHTML('afterbegin', '<p id=faint>svag kontrast</p><input>');"
            " Object.assign(document.getElementById('faint').style,"
            " {color: '#bbb', background: '#fff'});"
            " document.documentElement.removeAttribute('lang'); }"
        )
        found = {violation.split(":", 1)[0] for violation in axe_violations(page)}
    finally:
        context.close()
    assert {"label", "color-contrast", "html-has-lang"} <= found


def test_every_public_url_pattern_has_a_page() -> None:
    """Each URL pattern the public may open is checked above or named in NOT_PAGES."""
    from django.urls import resolve

    from tests.security.access import patterns_walk
    from tests.security.test_access_walker import EXPECTED

    checked = set()
    for spec in PAGES:
        path = spec.path if spec.path.startswith("/") else None
        if path and spec.status == 200:
            match = resolve(path)
            checked.add(match.view_name)
    # Pages named by a key of Site.paths: the pattern each key stands for.
    checked |= {
        "accounts:password_reset_confirm",
        "stories:submit_campaign",
        "surveys:survey_start",
        "surveys:survey_page",
        "surveys:survey_opt_out",
        "stories:thanks",
    }
    missing = []
    for pattern in patterns_walk():
        expected = EXPECTED.get(pattern.name)
        if expected is None or expected.outcomes[0] in ("login", "405"):
            continue  # staff pages and Django's admin (its login is in NOT_PAGES)
        if pattern.name not in checked and pattern.name not in NOT_PAGES:
            missing.append(pattern.name)
    assert not missing, f"public URL patterns without an accessibility check: {missing}"
