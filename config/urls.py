"""URL configuration: public pages at ``/``, staff pages at ``/staff/``, the API at ``/api/``."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("servicepuls.common.urls")),
    path("", include("servicepuls.accounts.urls")),
    path("", include("servicepuls.insights.urls")),
    path("", include("servicepuls.actions.urls")),
    path("", include("servicepuls.stories.urls")),
    path("", include("servicepuls.surveys.urls")),
    path("api/", include("servicepuls.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]
