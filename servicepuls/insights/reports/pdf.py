"""Step 3a: the report as a tagged PDF (WeasyPrint), from the data and the page's charts."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from servicepuls.insights.presentation import dashboard_charts
from servicepuls.insights.reports.data import SteeringReportData


def steering_report_pdf(data: SteeringReportData) -> bytes:
    """PDF bytes; tagged (PDF/UA-1) so that screen readers can follow its structure."""
    html = render_to_string(
        "insights/reports/steering_report.html",
        {
            "data": data.dashboard,
            "charts": dashboard_charts(data.dashboard),
            "evidence": {entry.area_slug: entry for entry in data.evidence},
            "generated_at": data.generated_at,
            "data_sections": data.sections,
        },
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")  # type: ignore[no-any-return]
