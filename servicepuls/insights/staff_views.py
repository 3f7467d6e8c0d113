"""Staff pages of insights: the dashboard, benchmarking, the stories behind, reports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from servicepuls.accounts.permissions import Capability, capability_required, user_has_capability
from servicepuls.accounts.selectors import staff_scope_get
from servicepuls.insights.forms import ComparisonForm, PeriodForm
from servicepuls.insights.presentation import comparison_chart, dashboard_charts, evidence_chart
from servicepuls.insights.selectors.comparison import comparison_get_for_staff
from servicepuls.insights.selectors.dashboard import dashboard_get_for_staff
from servicepuls.insights.selectors.evidence import evidence_get_for_staff


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
