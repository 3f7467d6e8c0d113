from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse


@pytest.mark.django_db
def test_home_page_is_public_swedish_and_has_landmarks(client):
    response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in page
    assert 'href="#main"' in page
    assert '<main id="main"' in page
    assert "Hoppa till innehållet" in page
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_health_reports_the_database(client):
    response = client.get(reverse("common:health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


@pytest.mark.django_db
def test_health_answers_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get(reverse("common:health"))

    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_openapi_schema_is_served(client):
    response = client.get(reverse("api:schema"))

    assert response.status_code == 200
    assert b"openapi: 3" in response.content
