"""Staff results pages under ``/staff/resultat/`` and public results under ``/resultat/``."""

from __future__ import annotations

from django.urls import path

from servicepuls.insights import public_views, staff_views

app_name = "insights"

urlpatterns = [
    path("staff/resultat/", staff_views.dashboard_view, name="dashboard"),
    path("staff/resultat/jamforelse/", staff_views.comparison_view, name="comparison"),
    path("staff/resultat/rapporter/", staff_views.report_list_view, name="reports"),
    path(
        "staff/resultat/rapporter/<int:report_id>/<str:kind>/",
        staff_views.report_download_view,
        name="report_download",
    ),
    path(
        "staff/resultat/<slug:area>/<slug:factor>/",
        staff_views.evidence_view,
        name="evidence",
    ),
    path("resultat/<str:code>/", public_views.public_results_view, name="public_results"),
]
