"""Staff pages of the accounts domain: the start page after login."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from servicepuls.accounts.permissions import Capability, capability_required
from servicepuls.accounts.selectors import (
    area_list_for_staff,
    department_list_for_staff,
    organisation_get_for_staff,
    staff_scope_get,
)


@require_GET
@capability_required(Capability.VIEW_RESULTS)
def start_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "organisation": organisation_get_for_staff(user=user),  # type: ignore[arg-type]
        "departments": department_list_for_staff(user=user),  # type: ignore[arg-type]
        "areas": area_list_for_staff(user=user),  # type: ignore[arg-type]
        "scope": staff_scope_get(user=user),  # type: ignore[arg-type]
    }
    return render(request, "accounts/staff/start.html", context)
