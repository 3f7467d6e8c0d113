"""``/api/schema/`` (OpenAPI 3) and ``/api/v1/`` (each app's ``api_patterns``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from servicepuls.api import apis

app_name = "api"

urlpatterns = [
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path("v1/", apis.ApiRootApi.as_view(), name="root"),
]
