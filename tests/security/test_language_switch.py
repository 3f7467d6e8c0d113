"""The public language switch works without an account (it is on every public page)."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse


def test_set_language_switches_for_the_anonymous_public(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("common:home"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value

    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_set_language_refuses_an_offsite_next(db: None) -> None:
    response = Client().post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
