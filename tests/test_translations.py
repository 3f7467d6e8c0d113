"""The product ships in Swedish: every catalogue entry is translated, none is fuzzy."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
SWEDISH_CATALOGUES = sorted(
    [
        *ROOT.glob("locale/sv/LC_MESSAGES/django.po"),
        *ROOT.glob("servicepuls/*/locale/sv/LC_MESSAGES/django.po"),
    ]
)


def test_there_is_a_swedish_catalogue_for_the_shared_templates_and_the_apps():
    assert ROOT / "locale/sv/LC_MESSAGES/django.po" in SWEDISH_CATALOGUES
    assert len(SWEDISH_CATALOGUES) >= 5


@pytest.mark.parametrize("path", SWEDISH_CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_swedish_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries() if not entry.obsolete]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert untranslated == []
    assert fuzzy == []
