"""The public survey in Chromium: completed by keyboard only, no WCAG 2.1 AA violation."""

from __future__ import annotations

from typing import Any

import pytest

from servicepuls.organisations.models import Organisation
from servicepuls.organisations.reference_data import reference_data_ensure
from servicepuls.surveys.models import SurveyAnswer
from servicepuls.surveys.tests.helpers import cases_with_invitations
from tests.browser.conftest import axe_violations, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _answer_page_by_keyboard(page: Any) -> None:
    names = page.evaluate(
        "() => [...new Set([...document.querySelectorAll('main form [name]')]"
        ".map(e => e.name).filter(n => n !== 'csrfmiddlewaretoken' && n !== 'action'))]"
    )
    for name in names:
        focused = tab_to(page, lambda f, name=name: f["name"] == name)
        if focused["type"] == "radio":
            page.keyboard.press("Space")
            if name.rsplit("_", 1)[-1].isdigit() or name.startswith("nki_"):
                for _ in range(7):  # from 1 to 8 on the scale
                    page.keyboard.press("ArrowRight")
        else:
            page.keyboard.type("Bra service. Ring mig på 070-123 45 67.")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_survey_is_completed_by_keyboard_only_without_wcag_violations(live_server, page):
    reference_data_ensure()
    haninge = Organisation.objects.get(code="0136")
    (link,) = cases_with_invitations(haninge, count=1)

    page.goto(f"{live_server.url}{link}")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert axe_violations(page) == []
    tab_to(page, lambda f: f["tag"] == "A" and "sida/1" in f["href"])
    page.keyboard.press("Enter")

    number = 1
    while True:
        page.wait_for_url(f"**{link}sida/{number}/")
        assert page.locator("progress").get_attribute("value") == str(number)
        if number in (1, 2):
            assert axe_violations(page) == []
        _answer_page_by_keyboard(page)
        if number == 3:
            # Back and forward again: the answers of page 3 are still there.
            tab_to(page, lambda f: f["tag"] == "BUTTON" and f["value"] == "back")
            page.keyboard.press("Enter")
            page.wait_for_url(f"**{link}sida/2/")
            tab_to(page, lambda f: f["tag"] == "BUTTON" and f["value"] == "next")
            page.keyboard.press("Enter")
            page.wait_for_url(f"**{link}sida/3/")
            assert page.locator("input[name=tillganglighet_1][value='8']").is_checked()
        button = tab_to(page, lambda f: f["tag"] == "BUTTON" and f["value"] in ("next", "submit"))
        if button["value"] == "submit":
            assert axe_violations(page) == []
            page.keyboard.press("Enter")
            break
        page.keyboard.press("Enter")
        number += 1

    page.wait_for_url("**/enkat/tack/")
    assert axe_violations(page) == []
    answer = SurveyAnswer.objects.get()
    assert answer.items["nki_satisfied"] == 8
    assert answer.items["information_1"] == 8
    assert answer.outcome == "approved"
    assert answer.background["fee_explained"] == "yes"
    assert "[telefon]" in answer.comment
