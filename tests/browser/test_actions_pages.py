"""axe-core finds no WCAG 2.1 AA violation on the public "Ni sa – vi gjorde" page and the
steering group's action pages, filled with the demo data."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from servicepuls.actions.models import Action
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_public_page_and_action_pages_have_no_wcag_violations(live_server, page):
    call_command("demo", verbosity=0)

    page.goto(f"{live_server.url}/ni-sa-vi-gjorde/0136/")
    assert "Ni sa – vi gjorde" in page.locator("h1").inner_text()
    assert page.locator("section.card").count() >= 1
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/logga-in/?next=/staff/atgarder/")
    page.fill("#id_username", "demo-styrgrupp")
    page.fill("#id_password", "demo-styrgrupp")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/atgarder/")
    assert (
        page.locator("table tbody tr").count()
        == Action.objects.filter(organisation__code="0136").count()
    )
    assert axe_violations(page) == []

    action = Action.objects.filter(organisation__code="0136", status="in_progress").first()
    page.goto(f"{live_server.url}/staff/atgarder/{action.pk}/")
    assert page.locator("h1").inner_text() == action.title
    assert axe_violations(page) == []

    for path in ("/staff/moten/", "/staff/kompetensinsatser/", "/staff/atgarder/ny/"):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
