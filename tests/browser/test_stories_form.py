"""The public story form in Chromium: filled in and sent, with no WCAG 2.1 AA violation."""

from __future__ import annotations

import pytest

from servicepuls.organisations.models import Organisation
from servicepuls.organisations.reference_data import reference_data_ensure
from servicepuls.stories.models import Story
from servicepuls.stories.spam import MIN_SECONDS
from tests.browser.conftest import axe_violations, focused, tab_to

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
def test_public_story_form_is_completed_by_keyboard_only(live_server, page):
    _activate_haninge()
    page.goto(f"{live_server.url}/dela-din-erfarenhet/0136/")

    # The first choice of a radio group takes focus; an arrow key moves to the next one.
    tab_to(page, lambda f: f["name"] == "submitter")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == "private"
    tab_to(page, lambda f: f["name"] == "treatment")
    page.keyboard.type("Handläggaren Karin Lund svarade aldrig på mina mejl.")
    tab_to(page, lambda f: f["name"] == "do_differently")
    page.keyboard.type("Svara inom en vecka.")
    tab_to(page, lambda f: f["name"] == "contact_choice")  # "anonymous", chosen from the start
    page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == "contact"
    tab_to(page, lambda f: f["name"] == "email")
    page.keyboard.type("ada@example.se")
    tab_to(page, lambda f: f["name"] == "consent_follow_up")
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["name"] == "notice_read")
    page.keyboard.press("Space")
    page.wait_for_timeout((MIN_SECONDS + 0.5) * 1000)
    tab_to(page, lambda f: f["tag"] == "BUTTON" and f["type"] == "submit")
    page.keyboard.press("Enter")

    page.wait_for_url(f"{live_server.url}/dela-din-erfarenhet/tack/")
    story = Story.objects.get(reference=page.locator("#reference").inner_text())
    assert story.submitter == "private"
    assert "svarade aldrig" in story.raw_text
    assert "Svara inom en vecka." in story.raw_text
    assert story.contact.email == "ada@example.se"
    assert story.contact.consent_follow_up is True


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_queue_and_story_page_have_no_wcag_violations(live_server, page):
    from django.core.management import call_command

    call_command("demo", verbosity=0)
    story = Story.objects.filter(status="shared").order_by("pk").first()

    page.goto(f"{live_server.url}/logga-in/")
    page.fill("#id_username", "demo-analytiker")
    page.fill("#id_password", "demo-analytiker")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")
    page.goto(f"{live_server.url}/staff/berattelser/")
    assert page.locator("h1").inner_text() == "Berättelser"
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/staff/berattelser/{story.pk}/")
    assert story.reference in page.locator("h1").inner_text()
    assert axe_violations(page) == []
