"""The public page "Ni sa – vi gjorde": what people told the municipality and what it did."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from servicepuls.actions.evidence import PUBLIC_MIN_COUNT, said_we_did
from servicepuls.organisations.models import Organisation


@login_not_required
@require_GET
@cache_control(public=True, max_age=300)
def said_we_did_index_view(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(is_active=True).order_by("name")
    return render(request, "actions/public/index.html", {"organisations": organisations})


@login_not_required
@require_GET
@cache_control(public=True, max_age=300)
def said_we_did_view(request: HttpRequest, code: str) -> HttpResponse:
    organisation = Organisation.objects.filter(code=code, is_active=True).first()
    if organisation is None:
        raise Http404
    context = {
        "organisation": organisation,
        "areas": said_we_did(organisation=organisation),
        "min_count": PUBLIC_MIN_COUNT,
    }
    return render(request, "actions/public/said_we_did.html", context)
