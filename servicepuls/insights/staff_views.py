"""Staff pages of insights: the dashboard, benchmarking, the stories behind, reports."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from servicepuls.accounts.permissions import Capability, capability_required, user_has_capability
from servicepuls.accounts.selectors import staff_scope_get
from servicepuls.insights.forms import ComparisonForm, PeriodForm
from servicepuls.insights.models import ReportStatus, SteeringReport
from servicepuls.insights.presentation import comparison_chart, dashboard_charts, evidence_chart
from servicepuls.insights.selectors.comparison import comparison_get_for_staff
from servicepuls.insights.selectors.dashboard import (
    dashboard_get_for_staff,
    dashboard_years_for_staff,
)
from servicepuls.insights.selectors.evidence import evidence_get_for_staff
from servicepuls.insights.selectors.reports import (
    steering_report_get_for_staff,
    steering_report_list_for_staff,
)
from servicepuls.insights.services import steering_report_request

PENDING = (ReportStatus.QUEUED, ReportStatus.RUNNING)


@require_GET
@capability_required(Capability.VIEW_RESULTS)
def dashboard_view(request: HttpRequest) -> HttpResponse:
    if not staff_scope_get(user=request.user).sees_individual_data:  # type: ignore[arg-type]
        # A network's analyst has no results of its own, only its members' aggregates.
        return redirect("insights:comparison")
    form = PeriodForm(request.GET)
    year, respondent = form.filters()
    data = dashboard_get_for_staff(user=request.user, year=year, respondent=respondent)  # type: ignore[arg-type]
    context = {
        "data": data,
        "form": form,
        "charts": dashboard_charts(data),
        "can_see_stories": user_has_capability(request.user, Capability.VIEW_STORIES),
    }
    return render(request, "insights/staff/dashboard.html", context)


@require_GET
@capability_required(Capability.VIEW_RESULTS)
def comparison_view(request: HttpRequest) -> HttpResponse:
    form = ComparisonForm(request.GET)
    year, respondent = form.filters()
    compare, area = form.comparison()
    data = comparison_get_for_staff(
        user=request.user,  # type: ignore[arg-type]
        year=year,
        respondent=respondent,
        compare=compare,
        area_slug=area,
    )
    context = {"data": data, "chart": comparison_chart(data)}
    return render(request, "insights/staff/comparison.html", context)


@require_GET
@capability_required(Capability.VIEW_STORIES)
def evidence_view(request: HttpRequest, area: str, factor: str) -> HttpResponse:
    year, _respondent = PeriodForm(request.GET).filters()
    data = evidence_get_for_staff(
        user=request.user,  # type: ignore[arg-type]
        area_slug=area,
        factor=factor,
        year=year,
    )
    show_all = request.GET.get("alla") == "1"
    context = {"data": data, "show_all": show_all, "chart": evidence_chart(data)}
    return render(request, "insights/staff/evidence.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.VIEW_REPORTS)
def report_list_view(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        year, _respondent = form.filters()
        steering_report_request(user=request.user, year=year)  # type: ignore[arg-type]
        messages.success(request, _("The report is being generated."))
        return redirect("insights:reports")
    reports = list(steering_report_list_for_staff(user=request.user)[:20])  # type: ignore[arg-type]
    years = dashboard_years_for_staff(user=request.user)  # type: ignore[arg-type]
    pending = any(report.status in PENDING for report in reports)
    context = {"reports": reports, "years": years, "pending": pending}
    return render(request, "insights/staff/reports.html", context)


@require_GET
@capability_required(Capability.VIEW_REPORTS)
def report_download_view(request: HttpRequest, report_id: int, kind: str) -> FileResponse:
    try:
        report = steering_report_get_for_staff(user=request.user, report_id=report_id)  # type: ignore[arg-type]
    except SteeringReport.DoesNotExist as error:
        raise Http404 from error
    file = {"pdf": report.pdf, "xlsx": report.xlsx}.get(kind)
    if file is None or not file:
        raise Http404
    name = f"styrgruppsrapport-{report.year}.{kind}"
    return FileResponse(file.open("rb"), as_attachment=True, filename=name)
