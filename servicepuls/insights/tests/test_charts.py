from __future__ import annotations

import xml.etree.ElementTree as ET

from django.template.loader import render_to_string
from django.utils import translation

from servicepuls.insights.charts import (
    IntervalBar,
    MatrixPoint,
    TrendPoint,
    interval_bar_chart,
    priority_matrix_chart,
    trend_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


def _parse(chart):
    return ET.fromstring(str(chart.svg))  # noqa: S314 - markup the test itself just generated


def test_interval_bars_are_accessible_svg_with_the_numbers_in_a_table():
    with translation.override("sv"):
        chart = interval_bar_chart(
            [
                IntervalBar(
                    "Bygglov", 64.25, 60.0, 68.5, n=120, band="godkant", band_label="godkänt"
                ),
                IntervalBar("Markupplåtelse", None, n=4),
            ],
            title="NKI per område 2026",
        )

    root = _parse(chart)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "NKI per område 2026"
    assert root.get("aria-labelledby").split()[0] == root.find(f"{SVG}title").get("id")
    assert chart.table.rows[0] == ("Bygglov", "64", "60–68", "120", "godkänt")
    assert chart.table.rows[1][1] == "för få svar"
    assert chart.table.rows[1][3] == "färre än 7"
    assert "för få svar" in str(chart.svg)
    assert len(root.findall(f"{SVG}rect")) == 1  # no bar for the suppressed group


def test_chart_labels_are_escaped():
    chart = interval_bar_chart(
        [IntervalBar('<script>alert("x")</script>', 70.0, 65.0, 75.0, n=30)], title="<b>"
    )

    assert "<script>" not in str(chart.svg)
    assert "&lt;script&gt;" in str(chart.svg)
    _parse(chart)


def test_trend_marks_only_significant_changes_and_leaves_gaps_for_suppressed_years():
    with translation.override("sv"):
        chart = trend_chart(
            [
                TrendPoint("2022", 64.0, 60.0, 68.0, n=80),
                TrendPoint("2023", 71.0, 67.5, 74.5, n=90, change="rise"),
                TrendPoint("2024", None, n=5),
                TrendPoint("2025", 72.0, 68.0, 76.0, n=85),
            ],
            title="Bygglov",
        )

    root = _parse(chart)
    assert len(root.findall(f"{SVG}polygon")) == 1
    assert len(root.findall(f"{SVG}circle")) == 3
    assert len(root.findall(f"{SVG}polyline")) == 1  # 2022–2023 only; 2025 stands alone
    assert [row[4] for row in chart.table.rows] == ["", "säkerställd ökning", "", ""]


def test_priority_matrix_places_each_factor_and_names_its_quadrant():
    with translation.override("sv"):
        chart = priority_matrix_chart(
            [
                MatrixPoint("Effektivitet", 58.0, 0.30, "prioritera"),
                MatrixPoint("Bemötande", 81.0, 0.10, "lagre_prioritet"),
            ],
            split_index=69.5,
            split_importance=0.2,
            title="Prioriteringsmatris bygglov",
        )

    root = _parse(chart)
    assert len(root.findall(f"{SVG}circle")) == 2
    assert chart.table.rows[0] == ("Effektivitet", "58", "30,0 %", "Prioritera")


def test_chart_include_renders_svg_and_table_together():
    chart = interval_bar_chart(
        [IntervalBar("Livsmedel", 77.0, 73.0, 81.0, n=50)], title="Livsmedel"
    )

    html = render_to_string("insights/includes/chart.html", {"chart": chart})

    assert "<svg" in html
    assert "<caption>Livsmedel</caption>" in html
    assert '<th scope="row">Livsmedel</th>' in html
