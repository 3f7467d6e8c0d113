"""Public results pages: no login, only aggregated and suppressed figures."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from servicepuls.insights.forms import PeriodForm
from servicepuls.insights.page_cache import cached_body
from servicepuls.insights.presentation import public_charts
from servicepuls.insights.selectors.public import organisation_list_public, public_results_get
from servicepuls.insights.selectors.stamps import aggregates_stamp


@login_not_required
@require_GET
def public_results_view(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(organisation_list_public(), code=code)
    year, _respondent = PeriodForm(request.GET).filters()

    def build() -> dict[str, Any]:
        results = public_results_get(code=code, year=year)
        return {"results": results, "charts": public_charts(results)}

    body, context = cached_body(
        request,
        ("public", organisation.pk, year, aggregates_stamp(organisation_id=organisation.pk)),
        "insights/public/results_body.html",
        build,
    )
    page = {**context, "body": body, "organisation": organisation}
    return render(request, "insights/public/results.html", page)
