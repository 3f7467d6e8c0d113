"""The public story form in Chromium: filled in and sent, with no WCAG 2.1 AA violation."""

from __future__ import annotations

import pytest

from servicepuls.organisations.models import Organisation
from servicepuls.organisations.reference_data import reference_data_ensure
from servicepuls.stories.models import Story
from servicepuls.stories.spam import MIN_SECONDS
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _activate_haninge() -> None:
    reference_data_ensure()
    Organisation.objects.filter(code="0136").update(is_active=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_public_story_form_is_accessible_and_sends_a_story(live_server, page):
    _activate_haninge()

    page.goto(f"{live_server.url}/dela-din-erfarenhet/0136/")
    assert page.locator("h1").inner_text() == "Dela din erfarenhet"
    assert axe_violations(page) == []

    page.get_by_label("Företag", exact=True).check()
    page.get_by_label("Hur blev du bemött?").fill(
        "Handläggaren Karin Lund var otrevlig. Ring mig på 070-123 45 67."
    )
    page.get_by_label("Vad borde kommunen göra annorlunda?").fill("Svara på mejl inom en vecka.")
    page.get_by_label("Nej, jag vill vara anonym").check()
    page.get_by_label("Jag har läst informationen").check()
    page.wait_for_timeout((MIN_SECONDS + 0.5) * 1000)
    page.get_by_role("button", name="Skicka min berättelse").click()

    page.wait_for_url(f"{live_server.url}/dela-din-erfarenhet/tack/")
    reference = page.locator("#reference").inner_text()
    assert axe_violations(page) == []
    story = Story.objects.get(reference=reference)
    assert story.channel == "web"
    assert "Karin Lund" in story.raw_text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_public_story_form_errors_are_accessible_on_a_phone(live_server, browser):
    _activate_haninge()
    context = browser.new_context(locale="sv-SE", viewport={"width": 375, "height": 740})
    page = context.new_page()

    page.goto(f"{live_server.url}/dela-din-erfarenhet/0136/")
    page.get_by_role("button", name="Skicka min berättelse").click()
    page.wait_for_load_state()

    assert page.locator(".form-errors, .errorlist").count() > 0
    assert axe_violations(page) == []
    assert not Story.objects.exists()
    context.close()
