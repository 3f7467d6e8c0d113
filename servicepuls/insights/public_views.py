"""Public results pages: no login, only aggregated and suppressed figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from servicepuls.insights.forms import PeriodForm
from servicepuls.insights.presentation import public_charts
from servicepuls.insights.selectors.public import public_results_get


@login_not_required
@require_GET
def public_results_view(request: HttpRequest, code: str) -> HttpResponse:
    year, _respondent = PeriodForm(request.GET).filters()
    results = public_results_get(code=code, year=year)
    context = {"results": results, "charts": public_charts(results)}
    return render(request, "insights/public/results.html", context)
