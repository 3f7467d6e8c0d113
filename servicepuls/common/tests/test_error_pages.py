"""The error pages speak the visitor's language and render even without a request."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.csrf import csrf_failure
from django.views.defaults import server_error


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"), [("sv", "Sidan finns inte"), ("en", "Page not found")]
)
def test_not_found_page_is_in_the_visitors_language(client, settings, language, heading):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get("/finns-inte/")

    assert response.status_code == 404
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert f"<h1>{heading}</h1>" in body


@pytest.mark.django_db
def test_forbidden_page_is_translated(client, staff_user):
    client.force_login(staff_user)  # an analyst: one person's data is for admins only

    response = client.get("/staff/berattelser/person/")

    assert response.status_code == 403
    assert "<h1>Åtkomst nekad</h1>" in response.content.decode()


def test_server_error_page_renders_without_a_request_context():
    with translation.override("sv"):
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    body = response.content.decode()
    assert '<html lang="sv">' in body
    assert "<h1>Något gick fel</h1>" in body


def test_refused_form_page_explains_what_to_do():
    with translation.override("en"):
        response = csrf_failure(RequestFactory().post("/"), reason="CSRF cookie not set.")

    assert response.status_code == 403
    body = response.content.decode()
    assert "<h1>The form could not be sent</h1>" in body
    assert "allow cookies for this site" in body
