"""Public pages that belong to no domain: the home page and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    return render(request, "common/public/home.html")


@login_not_required
@require_GET
@never_cache
def health_view(request: HttpRequest) -> JsonResponse:
    """Liveness and database readiness for load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
