"""axe-core in headless Chromium finds no WCAG 2.1 AA violation on the foundation's pages."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_login_and_start_page_have_no_wcag_violations(live_server, page):
    call_command("demo", verbosity=0)

    page.goto(f"{live_server.url}/logga-in/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert axe_violations(page) == []

    page.fill("#id_username", "demo-analytiker")
    page.fill("#id_password", "demo-analytiker")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")
    assert page.locator("h1").inner_text() == "Haninge"
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_home_page_has_no_wcag_violations_on_a_phone(live_server, browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 375, "height": 740})
    page = context.new_page()

    page.goto(f"{live_server.url}/")

    assert axe_violations(page) == []
    context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, page):
    page.goto(f"{live_server.url}/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
