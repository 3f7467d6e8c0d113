from __future__ import annotations

import pytest

from servicepuls.insights.tests.helpers import answers_store


@pytest.fixture
def published(municipality_a):
    answers_store(municipality_a, "bygglov", 2024, 20, level=7)
    answers_store(municipality_a, "livsmedel", 2024, 4, level=9)
    answers_store(municipality_a, "upphandling", 2024, 9, level=8)
    return municipality_a


def test_public_results_need_no_login_and_suppress_small_groups(client, published):
    response = client.get("/resultat/0136/")

    assert response.status_code == 200
    results = response.context["results"]
    assert results.year == 2024
    by_slug = {entry.area.slug: entry for entry in results.areas}
    assert not by_slug["bygglov"].results.nki.suppressed
    assert by_slug["livsmedel"].results.nki.suppressed
    assert by_slug["livsmedel"].results.nki.value is None
    # NUI for procurement never counts in the total NKI.
    assert not by_slug["upphandling"].counts_in_total
    assert results.total.nki.n == (
        by_slug["bygglov"].results.nki.n + by_slug["livsmedel"].results.nki.n
    )
    body = response.content.decode()
    assert "för få svar" in body
    assert "<svg" in body
    assert 'role="img"' in body


def test_public_results_show_no_individual_data(client, published):
    body = client.get("/resultat/0136/").content.decode()

    assert "external_id" not in body
    assert "bygglov-2024" not in body


def test_public_results_of_unknown_or_inactive_organisations_are_404(client, published):
    assert client.get("/resultat/9999/").status_code == 404
    assert client.get("/resultat/0192/").status_code == 404  # Nynäshamn does not use it here


def test_public_results_without_answers_say_so(client, municipality_a):
    response = client.get("/resultat/0136/", {"year": "x"})

    assert response.status_code == 200
    assert response.context["results"].year is None
