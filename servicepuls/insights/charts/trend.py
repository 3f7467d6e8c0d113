"""A line over years with its confidence band; significant changes are marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from servicepuls.insights.charts.base import (
    AXIS,
    GRID,
    PRIMARY,
    Chart,
    ChartTable,
    decimal,
    svg_document,
    text,
)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One period. ``change`` is "rise" or "fall" only when the change is significant."""

    period: str
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int = 0
    change: str = ""


LEFT, RIGHT, TOP, BOTTOM = 44, 16, 20, 36
WIDTH, HEIGHT = 620, 260


def trend_chart(
    points: Sequence[TrendPoint],
    *,
    title: str,
    description: str = "",
    low: float = 40,
    high: float = 100,
) -> Chart:
    """Years along x, index along y from ``low`` to ``high``; gaps where a year is suppressed."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(points) - 1)

    def x(index: int) -> float:
        return LEFT + (index * step if len(points) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (min(max(value, low), high) - low) / (high - low))

    parts = []
    for tick in range(int(low), int(high) + 1, 10):
        parts.append(
            f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{WIDTH - RIGHT}" y2="{y(tick):.1f}" stroke="{GRID}"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{AXIS}">{tick}</text>'
        )
    segment: list[tuple[float, float]] = []
    segments = [segment]
    for index, point in enumerate(points):
        parts.append(
            f'<text x="{x(index):.1f}" y="{HEIGHT - 12}" text-anchor="middle" fill="{AXIS}">{text(point.period)}</text>'
        )
        if point.value is None:
            segment = []
            segments.append(segment)
            continue
        segment.append((x(index), y(point.value)))
        if point.ci_low is not None and point.ci_high is not None:
            parts.append(
                f'<line x1="{x(index):.1f}" y1="{y(point.ci_low):.1f}" x2="{x(index):.1f}" '
                f'y2="{y(point.ci_high):.1f}" stroke="{PRIMARY}" stroke-width="6" stroke-opacity="0.25"/>'
            )
    for run in segments:
        if len(run) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{PRIMARY}" stroke-width="2.5"/>'
            )
    for index, point in enumerate(points):
        if point.value is None:
            continue
        px, py = x(index), y(point.value)
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{PRIMARY}"/>')
        if point.change in {"rise", "fall"}:
            tip = py - 16 if point.change == "rise" else py + 16
            base = py - 8 if point.change == "rise" else py + 8
            parts.append(
                f'<polygon points="{px - 6:.1f},{base:.1f} {px + 6:.1f},{base:.1f} {px:.1f},{tip:.1f}" fill="{AXIS}"/>'
            )
    svg = svg_document(
        width=WIDTH,
        height=HEIGHT,
        title=title,
        description=description
        or _(
            "Index per period with 95-percent intervals; triangles mark statistically significant changes."
        ),
        body="".join(parts),
    )
    change_words = {"rise": _("significant rise"), "fall": _("significant fall")}
    table = ChartTable(
        caption=title,
        headers=(_("Period"), _("Index"), _("Interval (95 percent)"), _("Answers"), _("Change")),
        rows=tuple(
            (
                point.period,
                decimal(point.value) if point.value is not None else _("too few answers"),
                f"{decimal(point.ci_low)}–{decimal(point.ci_high)}"
                if point.value is not None
                else "",
                str(point.n) if point.value is not None else _("fewer than 7"),
                change_words.get(point.change, ""),
            )
            for point in points
        ),
    )
    return Chart(svg=svg, table=table, title=title)
