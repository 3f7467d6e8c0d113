"""Accessible SVG charts drawn on the server, for pages and for the PDF report alike.

Chart functions take plain data (no models, no queries) and return a ``Chart``: the SVG
markup (``role="img"`` with a title and a description) and the same numbers as a table,
which templates show beside the chart. Colours are presentation attributes, never inline
styles, so the strict Content-Security-Policy holds. Formatting of numbers (decimal comma)
happens here, in the rendering layer, and nowhere in the statistics core.
"""

from servicepuls.insights.charts.bars import IntervalBar, interval_bar_chart
from servicepuls.insights.charts.base import Chart, ChartTable
from servicepuls.insights.charts.matrix import MatrixPoint, priority_matrix_chart
from servicepuls.insights.charts.trend import TrendPoint, trend_chart

__all__ = [
    "Chart",
    "ChartTable",
    "IntervalBar",
    "MatrixPoint",
    "TrendPoint",
    "interval_bar_chart",
    "priority_matrix_chart",
    "trend_chart",
]
