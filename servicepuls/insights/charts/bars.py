"""Horizontal bars with confidence-interval whiskers: one row per area or group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from servicepuls.insights.charts.base import (
    AXIS,
    BAND_COLOURS,
    GRID,
    NEUTRAL,
    Chart,
    ChartTable,
    attr,
    decimal,
    svg_document,
    text,
)


@dataclass(frozen=True, slots=True)
class IntervalBar:
    """One bar: a label, a value on 0–100 with its interval, or suppressed (``value`` None)."""

    label: str
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int = 0
    band: str | None = None
    band_label: str = ""


LABEL_WIDTH = 190
PLOT_WIDTH = 420
ROW = 34


def _x(value: float) -> float:
    return LABEL_WIDTH + PLOT_WIDTH * max(0.0, min(100.0, value)) / 100


def interval_bar_chart(bars: Sequence[IntervalBar], *, title: str, description: str = "") -> Chart:
    """Bars on a fixed 0–100 axis; suppressed groups say "too few answers" instead of a bar."""
    height = 40 + ROW * len(bars) + 30
    parts = []
    for tick in range(0, 101, 20):
        x = _x(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="30" x2="{x:.1f}" y2="{height - 30}" stroke="{GRID}"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle" fill="{AXIS}">{tick}</text>'
        )
    for index, bar in enumerate(bars):
        y = 40 + index * ROW
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" fill="{AXIS}">{text(bar.label)}</text>'
        )
        if bar.value is None:
            parts.append(
                f'<text x="{LABEL_WIDTH + 6}" y="{y + 15}" fill="{NEUTRAL}" font-style="italic">'
                f"{text(_('too few answers'))}</text>"
            )
            continue
        colour = BAND_COLOURS.get(bar.band or "", NEUTRAL)
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{_x(bar.value) - LABEL_WIDTH:.1f}" height="20" '
            f'fill={attr(colour)} opacity="0.85"/>'
        )
        if bar.ci_low is not None and bar.ci_high is not None:
            low, high = _x(bar.ci_low), _x(bar.ci_high)
            parts.append(
                f'<line x1="{low:.1f}" y1="{y + 10}" x2="{high:.1f}" y2="{y + 10}" stroke="{AXIS}" stroke-width="2"/>'
                f'<line x1="{low:.1f}" y1="{y + 4}" x2="{low:.1f}" y2="{y + 16}" stroke="{AXIS}" stroke-width="2"/>'
                f'<line x1="{high:.1f}" y1="{y + 4}" x2="{high:.1f}" y2="{y + 16}" stroke="{AXIS}" stroke-width="2"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{y + 15}" fill="{AXIS}" font-weight="bold">'
            f"{text(decimal(bar.value))}</text>"
        )
    svg = svg_document(
        width=LABEL_WIDTH + PLOT_WIDTH + 50,
        height=height,
        title=title,
        description=description
        or _("Index 0–100 with 95-percent confidence intervals; the table below has the numbers."),
        body="".join(parts),
    )
    table = ChartTable(
        caption=title,
        headers=(_("Group"), _("Index"), _("Interval (95 percent)"), _("Answers"), _("Band")),
        rows=tuple(
            (
                bar.label,
                decimal(bar.value) if bar.value is not None else _("too few answers"),
                f"{decimal(bar.ci_low)}–{decimal(bar.ci_high)}" if bar.value is not None else "",
                str(bar.n) if bar.value is not None else _("fewer than 7"),
                bar.band_label,
            )
            for bar in bars
        ),
    )
    return Chart(svg=svg, table=table, title=title)
