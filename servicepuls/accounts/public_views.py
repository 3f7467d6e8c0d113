"""Public pages of the accounts domain: the rate-limited password reset."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from servicepuls.accounts.services import password_reset_rate_limit_hit
from servicepuls.common.services import client_ip


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, refusing with 429 when one address asks too often."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if password_reset_rate_limit_hit(client_ip=client_ip(request)):
            response = render(request, "accounts/password_reset_limited.html", status=429)
            response["Retry-After"] = "3600"
            return response
        return super().post(request, *args, **kwargs)
