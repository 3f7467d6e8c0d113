"""The priority matrix: factor index along x, relative importance along y."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
class MatrixPoint:
    label: str
    index: float
    importance: float
    quadrant: str


QUADRANT_LABELS = {
    "prioritera": gettext_lazy("Prioritize"),
    "bevara": gettext_lazy("Maintain"),
    "forbattra_om_mojligt": gettext_lazy("Improve if possible"),
    "lagre_prioritet": gettext_lazy("Lower priority"),
}

LEFT, RIGHT, TOP, BOTTOM = 56, 20, 20, 44
WIDTH, HEIGHT = 620, 400


def priority_matrix_chart(
    points: Sequence[MatrixPoint], *, split_index: float, split_importance: float, title: str
) -> Chart:
    """Four quadrants split at the means; each factor is a labelled point."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    indices = [p.index for p in points] + [split_index]
    weights = [p.importance for p in points] + [split_importance]
    x_low, x_high = max(0.0, min(indices) - 5), min(100.0, max(indices) + 5)
    y_high = max(weights) * 1.15 if max(weights) > 0 else 1.0

    def x(value: float) -> float:
        return LEFT + plot_w * (value - x_low) / max(1e-9, x_high - x_low)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / y_high)

    sx, sy = x(split_index), y(split_importance)
    parts = [
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="{GRID}"/>',
        f'<line x1="{sx:.1f}" y1="{TOP}" x2="{sx:.1f}" y2="{TOP + plot_h}" stroke="{AXIS}" stroke-dasharray="4 3"/>',
        f'<line x1="{LEFT}" y1="{sy:.1f}" x2="{LEFT + plot_w}" y2="{sy:.1f}" stroke="{AXIS}" stroke-dasharray="4 3"/>',
        f'<text x="{LEFT + 6}" y="{TOP + 16}" fill="{AXIS}" font-weight="bold">'
        f"{text(QUADRANT_LABELS['prioritera'])}</text>",
        f'<text x="{LEFT + plot_w - 6}" y="{TOP + 16}" text-anchor="end" fill="{AXIS}" font-weight="bold">'
        f"{text(QUADRANT_LABELS['bevara'])}</text>",
        f'<text x="{LEFT + 6}" y="{TOP + plot_h - 8}" fill="{AXIS}">{text(QUADRANT_LABELS["forbattra_om_mojligt"])}</text>',
        f'<text x="{LEFT + plot_w - 6}" y="{TOP + plot_h - 8}" text-anchor="end" fill="{AXIS}">'
        f"{text(QUADRANT_LABELS['lagre_prioritet'])}</text>",
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle" fill="{AXIS}">'
        f"{text(_('Factor index (0–100)'))}</text>",
        f'<text x="14" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" fill="{AXIS}" '
        f'transform="rotate(-90 14 {TOP + plot_h / 2:.1f})">{text(_("Relative importance"))}</text>',
    ]
    for point in points:
        px, py = x(point.index), y(point.importance)
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="6" fill="{PRIMARY}"/>')
        parts.append(
            f'<text x="{px + 9:.1f}" y="{py + 4:.1f}" fill="{AXIS}">{text(point.label)}</text>'
        )
    svg = svg_document(
        width=WIDTH,
        height=HEIGHT,
        title=title,
        description=_(
            "Each service factor placed by its index and its importance for NKI; see the table below."
        ),
        body="".join(parts),
    )
    table = ChartTable(
        caption=title,
        headers=(_("Factor"), _("Index"), _("Importance (share of R²)"), _("Quadrant")),
        rows=tuple(
            (
                point.label,
                decimal(point.index),
                decimal(point.importance * 100, 1) + " %",
                str(QUADRANT_LABELS[point.quadrant]),
            )
            for point in points
        ),
    )
    return Chart(svg=svg, table=table, title=title)
