"""Step 3b: the report as an Excel workbook (openpyxl): summary, one sheet per area, stories."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from servicepuls.insights.labels import factor_label
from servicepuls.insights.reports.data import SteeringReportData
from servicepuls.insights.statistics import Estimate

# Cells starting with these characters would be read as formulas by spreadsheet programs.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Neutralise formula injection (DESIGN §8): prefix a quote to formula-like text."""
    return f"'{value}" if value.startswith(_FORMULA_PREFIXES) else value


def _estimate_cells(value: Estimate) -> list[object]:
    if value.suppressed:
        return [_("too few answers"), None, None, None, value.n or None]
    return [value.value, value.ci_low, value.ci_high, value.band_label, value.n]


def _header(sheet: Worksheet, row: list[str]) -> None:
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _sheet_title(name: str, used: set[str]) -> str:
    title = "".join(ch for ch in name if ch not in "[]:*?/\\")[:28] or "-"
    base, index = title, 2
    while title in used:
        title, index = f"{base[:25]} {index}", index + 1
    used.add(title)
    return title


def steering_report_xlsx(data: SteeringReportData) -> bytes:
    """Workbook bytes; numbers unrounded, suppressed groups as text."""
    dashboard = data.dashboard
    book = Workbook()
    summary = book.active
    assert summary is not None  # noqa: S101 - a new workbook always has a sheet
    used = {_("Summary")}
    summary.title = _("Summary")
    summary.append([safe_text(dashboard.organisation.name), dashboard.year])
    columns = [_("Area"), _("NKI"), _("Interval low"), _("Interval high"), _("Band"), _("Answers")]
    _header(summary, [*columns, _("Response rate")])
    if dashboard.total is not None:
        summary.append(
            [_("Total NKI"), *_estimate_cells(dashboard.total.nki), dashboard.total_response_rate]
        )
    for panel in dashboard.areas:
        summary.append(
            [safe_text(panel.area.name), *_estimate_cells(panel.results.nki), panel.response_rate]
        )
    evidence = {entry.area_slug: entry for entry in data.evidence}
    for panel in dashboard.areas:
        sheet = book.create_sheet(_sheet_title(panel.area.name, used))
        _header(sheet, [_("Factor"), *columns[1:], _("Effect of +5 points"), _("Importance")])
        drivers = panel.drivers.analysis
        for slug, value in panel.results.factors:
            driver = drivers.driver(slug) if drivers is not None else None
            sheet.append(
                [
                    factor_label(slug),
                    *_estimate_cells(value),
                    driver.effect if driver else None,
                    driver.rescaled_weight if driver else None,
                ]
            )
        if panel.drivers.matrix is not None:
            sheet.append([])
            _header(sheet, [_("Factor"), _("Quadrant")])
            for point in panel.drivers.matrix.points:
                sheet.append([factor_label(point.factor), str(point.quadrant)])
        entry = evidence.get(panel.area.slug)
        if entry is not None and entry.quotes:
            sheet.append([])
            _header(sheet, [_("What lies behind") + ": " + factor_label(entry.factor)])
            for quote in entry.quotes:
                sheet.append([safe_text(quote.text)])
    for section in data.sections:
        sheet = book.create_sheet(_sheet_title(section.title, used))
        _header(sheet, list(section.columns))
        for row in section.rows:
            sheet.append([safe_text(cell) for cell in row])
        if not section.rows and section.empty_text:
            sheet.append([section.empty_text])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
