"""Every public form against the hostile corpora, oversized requests, CSRF and rate limits.

A public form is one row of ``PUBLIC_FORMS``: where it is and a valid submission. Each
corpus entry is sent in each field; the answer must not be a 5xx, and a page that shows the
input again must show it escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from servicepuls.accounts.models import User
from tests.security.corpora import ALL, XSS

# Payloads that change meaning unless escaped (the others are inert text even when shown).
MARKUP = [payload for payload in XSS if any(char in payload for char in "<>\"'")]


@dataclass(frozen=True)
class PublicForm:
    name: str
    path: str
    valid: dict[str, str]  # a submission that passes validation
    prepare: Callable[[Client], dict[str, str]] | None = None  # extra fields from a GET


def _form_token(client: Client) -> dict[str, str]:
    """The story form's signed timestamp, from a fresh rendering of the form."""
    page = client.get("/dela-din-erfarenhet/0136/").content.decode()
    return {"form_token": re.search(r'name="form_token" value="([^"]+)"', page).group(1)}


PUBLIC_FORMS = [
    PublicForm("login", "/logga-in/", {"username": "someone", "password": "not-the-password"}),
    PublicForm("password_reset", "/losenord/aterstall/", {"email": "someone@example.se"}),
    PublicForm(
        "story",
        "/dela-din-erfarenhet/0136/",
        {
            "submitter": "business",
            "treatment": "Handläggaren var vänlig men beslutet dröjde i veckor.",
            "contact_choice": "contact",
            "name": "Ada Andersson",
            "email": "ada@example.se",
            "phone": "070-123 45 67",
            "notice_read": "on",
        },
        prepare=_form_token,
    ),
]


@pytest.fixture(autouse=True)
def _human_speed_check_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """The story form refuses a form sent within seconds (its own tests cover that)."""
    from servicepuls.stories import spam

    monkeypatch.setattr(spam, "MIN_SECONDS", 0)


def _address(number: int) -> str:
    """A distinct client address per request, so per-address limits do not mask a page."""
    return f"10.{number // 62500 % 250}.{number // 250 % 250}.{number % 250 + 1}"


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.name)
def test_public_form_survives_the_hostile_corpora(form: PublicForm, municipality_a: Any) -> None:
    users_before = User.objects.count()
    client = Client()
    problems = []
    number = 0
    for field in form.valid:
        for payload in ALL:
            number += 1
            cache.clear()
            extra = form.prepare(client) if form.prepare else {}
            response = client.post(
                form.path, {**form.valid, **extra, field: payload}, REMOTE_ADDR=_address(number)
            )
            body = response.content.decode(errors="replace")
            if response.status_code >= 500:
                problems.append(f"{field}={payload[:40]!r}: {response.status_code}")
            if payload in MARKUP and payload in body:
                problems.append(f"{field}={payload[:40]!r} shown unescaped")

    assert not problems, "\n".join(problems)
    assert User.objects.count() == users_before  # the SQL in the corpus ran nowhere
    if form.name == "password_reset":
        assert mail.outbox == []  # nobody matched: no reset e-mail went anywhere


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.name)
def test_public_form_refuses_oversized_requests(form: PublicForm, municipality_a: Any) -> None:
    client = Client()
    too_big = {**form.valid, "padding": "x" * (6 * 1024 * 1024)}
    too_many = {**form.valid, **{f"field{n}": "x" for n in range(1500)}}

    assert client.post(form.path, too_big).status_code == 400
    assert client.post(form.path, too_many).status_code == 400


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.name)
def test_public_form_refuses_a_post_without_csrf_token(
    form: PublicForm, municipality_a: Any
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get(form.path)

    response = client.post(form.path, form.valid)

    assert response.status_code == 403


def test_login_is_locked_after_repeated_failures_even_with_the_right_password(
    staff_user: Any,
) -> None:
    client = Client()
    for _ in range(5):
        client.post("/logga-in/", {"username": staff_user.username, "password": "wrong"})

    response = client.post(
        "/logga-in/",
        {"username": staff_user.username, "password": "correct horse battery staple"},
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_is_limited_per_address(admin_user: Any) -> None:
    client = Client()
    cache.clear()
    answers = [
        client.post("/losenord/aterstall/", {"email": admin_user.email}).status_code
        for _ in range(6)
    ]
    sent = len(mail.outbox)
    elsewhere = client.post(
        "/losenord/aterstall/", {"email": admin_user.email}, REMOTE_ADDR="10.9.9.9"
    )

    assert answers == [302] * 5 + [429]
    assert sent == 5  # the refused request sent nothing
    assert elsewhere.status_code == 302


def test_anonymous_api_use_is_throttled_per_address(db: None) -> None:
    client = Client()
    answers = [client.get("/api/v1/").status_code for _ in range(61)]
    elsewhere = client.get("/api/v1/", REMOTE_ADDR="10.8.8.8")

    assert answers == [200] * 60 + [429]
    assert elsewhere.status_code == 200
