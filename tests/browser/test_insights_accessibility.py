"""axe-core in headless Chromium: no WCAG 2.1 AA violation on the results pages."""

from __future__ import annotations

import pytest

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import UserFactory
from servicepuls.insights.tests.helpers import answers_store
from servicepuls.organisations.models import Organisation
from servicepuls.organisations.reference_data import reference_data_ensure
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _results() -> Organisation:
    reference_data_ensure()
    haninge = Organisation.objects.get(code="0136")
    haninge.is_active = True
    haninge.save(update_fields=["is_active"])
    answers_store(haninge, "bygglov", 2023, 40, level=6)
    answers_store(haninge, "bygglov", 2024, 60, level=8)
    answers_store(haninge, "bygglov", 2024, 15, level=4, outcome="rejected")
    answers_store(haninge, "livsmedel", 2024, 5, level=9)
    answers_store(haninge, "miljo_halsoskydd", 2024, 30, level=7, respondent="private")
    return haninge


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dashboard_has_no_wcag_violations(live_server, page):
    haninge = _results()
    UserFactory(username="analytiker", organisation=haninge, role=Role.ANALYST)

    page.goto(f"{live_server.url}/logga-in/")
    page.fill("#id_username", "analytiker")
    page.fill("#id_password", "correct horse battery staple")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")
    page.goto(f"{live_server.url}/staff/resultat/?year=2024")

    assert page.locator("h1").inner_text() == "Resultat – Haninge"
    assert page.locator("svg[role=img]").count() >= 4
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/staff/resultat/jamforelse/?year=2024&area=bygglov")
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_public_results_page_has_no_wcag_violations(live_server, page):
    _results()

    page.goto(f"{live_server.url}/resultat/0136/")

    assert "Haninge" in page.locator("h1").inner_text()
    assert page.get_by_text("för få svar").count() >= 1
    assert axe_violations(page) == []
