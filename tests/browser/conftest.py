"""Real-browser tests: Playwright drives Debian's Chromium (no browser download needed)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("SERVICEPULS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Only violations travel back to Python: the passes of a big page are megabytes of JSON.
    "resultTypes": ["violations"],
}

# Playwright's sync API runs an event loop in this thread; the tests only touch the
# database before and after driving the browser, never concurrently with it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page: Any) -> list[str]:
    """Run axe-core (bundled with axe-playwright-python) for WCAG 2.1 A and AA rules."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes: "
        f"{[node['target'] for node in violation['nodes']][:3]})"
        for violation in results.response["violations"]
    ]


def focused(page: Any) -> dict[str, Any]:
    """The focused element: tag, name, value, type, and whether a focus outline shows."""
    return dict(
        page.evaluate(
            "() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return {tag: e.tagName, name: e.name || '', value: e.value || '',"
            " type: e.type || '', href: e.href || '',"
            " outlined: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)"
            " || s.boxShadow !== 'none'}; }"
        )
    )


def tab_to(page: Any, matches: Any, limit: int = 60) -> dict[str, Any]:
    """Press Tab until the focused element matches; fail if it never does.

    Every element passed on the way must show a focus indicator (WCAG 2.4.7).
    """
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["outlined"], f"no visible focus on {element}"
        if matches(element):
            return element
    raise AssertionError("the element was never reached by Tab")
