from __future__ import annotations

from django.urls import path

from servicepuls.common import public_views

app_name = "common"

urlpatterns = [
    path("", public_views.home_view, name="home"),
    path("healthz/", public_views.health_view, name="health"),
]
