"""Steering-group reports: requested by staff, generated in the background, stored."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction

from servicepuls.accounts.models import User
from servicepuls.accounts.selectors import staff_scope_get
from servicepuls.insights.models import ReportStatus, SteeringReport

logger = logging.getLogger(__name__)


def _progress(report: SteeringReport, progress: int, status: str = ReportStatus.RUNNING) -> None:
    report.progress, report.status = progress, status
    report.save(update_fields=["progress", "status", "updated_at"])


def steering_report_request(*, user: User, year: int | None) -> SteeringReport:
    """Queue a report of the user's organisation; the task starts after commit."""
    from servicepuls.insights.tasks import steering_report_generate_task

    scope = staff_scope_get(user=user)
    report = SteeringReport.objects.create(
        organisation_id=scope.organisation_id, year=year or 0, requested_by=user
    )
    transaction.on_commit(lambda: steering_report_generate_task.enqueue(report_id=report.pk))
    return report


def steering_report_generate(*, report_id: int) -> SteeringReport:
    """Build data, PDF and Excel of a queued report, recording progress as it goes.

    Idempotent: a report that is already done is returned unchanged.
    """
    from servicepuls.insights.reports.data import steering_report_data_get
    from servicepuls.insights.reports.excel import steering_report_xlsx
    from servicepuls.insights.reports.pdf import steering_report_pdf

    report = SteeringReport.objects.select_related("requested_by").get(pk=report_id)
    if report.status == ReportStatus.DONE:
        return report
    if report.requested_by is None:
        report.error = "The requesting user no longer exists."
        _progress(report, report.progress, ReportStatus.FAILED)
        return report
    try:
        _progress(report, 10)
        data = steering_report_data_get(user=report.requested_by, year=report.year or None)
        if data.dashboard.year is not None:
            report.year = data.dashboard.year
        _progress(report, 40)
        name = f"styrgruppsrapport-{report.organisation_id}-{report.year}-{report.pk}"
        report.pdf.save(f"{name}.pdf", ContentFile(steering_report_pdf(data)), save=False)
        _progress(report, 85)
        report.xlsx.save(f"{name}.xlsx", ContentFile(steering_report_xlsx(data)), save=False)
        report.progress, report.status = 100, ReportStatus.DONE
        report.save(update_fields=["pdf", "xlsx", "year", "progress", "status", "updated_at"])
    except Exception as error:  # recorded on the report, shown to staff, then re-raised
        logger.exception("steering report %s failed", report_id)
        report.error = str(error)[:300]
        report.status = ReportStatus.FAILED
        report.save(update_fields=["error", "status", "updated_at"])
        raise
    return report
