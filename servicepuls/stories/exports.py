"""Export of redacted, tagged stories to CSV and Excel, safe from formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from servicepuls.stories.models import Story

# A spreadsheet treats a cell starting with one of these as a formula (or as a prefix of
# one, for tab and carriage return); OWASP's CSV-injection advice is to prefix a quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula; other values pass unchanged.

    >>> cell_safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> cell_safe("Bra bemötande")
    'Bra bemötande'
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _header() -> list[str]:
    return [
        _("Reference number"),
        _("Received"),
        _("Channel"),
        _("Submitted by"),
        _("Status"),
        _("Area"),
        _("Service factors"),
        _("Sentiment"),
        _("Kind of change"),
        _("Tags confirmed"),
        _("Campaign"),
        _("Redacted text"),
    ]


def story_export_rows(stories: Iterable[Story]) -> Iterator[list[Any]]:
    """The header and one row per story; only redacted text, never contact details."""
    yield _header()
    for story in stories:
        yield [
            cell_safe(value)
            for value in (
                story.reference,
                timezone.localtime(story.created_at).strftime("%Y-%m-%d %H:%M"),
                story.get_channel_display(),
                story.get_submitter_display(),
                story.get_status_display(),
                story.area.name if story.area else "",
                ", ".join(story.factor_labels),
                story.get_sentiment_display(),
                story.get_change_kind_display(),
                _("yes") if story.tags_confirmed else _("no"),
                story.campaign.title if story.campaign else "",
                story.redacted_text,
            )
        ]


def stories_csv(stories: Iterable[Story]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel opens Swedish letters correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(story_export_rows(stories))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def stories_xlsx(stories: Iterable[Story]) -> bytes:
    """An Excel workbook with one sheet of stories; every text cell is a plain string."""
    workbook = Workbook()
    sheet = workbook.active or workbook.create_sheet()
    sheet.title = _("Stories")[:31]
    for row in story_export_rows(stories):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
