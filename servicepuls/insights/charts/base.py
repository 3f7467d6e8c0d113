"""The pieces every chart shares: the result type, escaping, number formatting, colours."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

# Band colours (text on white ≥ 4.5:1), keyed by the band slugs of survey_stats.
BAND_COLOURS = {
    "mycket_lagt": "#a4161a",
    "lagt": "#b5470b",
    "godkant": "#7a5c00",
    "hogt": "#2b6e2b",
    "mycket_hogt": "#14532d",
}
NEUTRAL = "#4a5560"
AXIS = "#1b1f24"
GRID = "#c4ccd4"
PRIMARY = "#0b5394"
FONT = 'font-family="system-ui, DejaVu Sans, sans-serif"'

_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class ChartTable:
    """The chart's numbers as a table: a caption, column headers and formatted rows."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    svg: SafeString
    table: ChartTable
    title: str


def text(value: object) -> str:
    """Escape text for an SVG text node."""
    return escape(str(value))


def attr(value: object) -> str:
    """Escape and quote a value for an SVG attribute."""
    return quoteattr(str(value))


def decimal(value: float | None, places: int = 0) -> str:
    """A number in the active locale (decimal comma in Swedish); empty for missing."""
    if value is None:
        return ""
    return number_format(round(value, places), decimal_pos=places)


def svg_document(*, width: int, height: int, title: str, description: str, body: str) -> SafeString:
    """Wrap chart elements in an accessible ``<svg>`` with a title and a description."""
    uid = next(_ids)
    return mark_safe(  # noqa: S308 - every interpolated value is escaped by text()/attr()
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" role="img" class="chart" '
        f'aria-labelledby="chart-title-{uid} chart-desc-{uid}" {FONT} font-size="13">'
        f'<title id="chart-title-{uid}">{text(title)}</title>'
        f'<desc id="chart-desc-{uid}">{text(description)}</desc>{body}</svg>'
    )
