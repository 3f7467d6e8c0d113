"""URL configuration: public pages at ``/``, staff pages at ``/staff/``, the API at ``/api/``."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("servicepuls.common.urls")),
    path("", include("servicepuls.accounts.urls")),
    path("", include("servicepuls.insights.urls")),
    path("", include("servicepuls.actions.urls")),
    path("", include("servicepuls.stories.urls")),
    path("", include("servicepuls.surveys.urls")),
    path("api/", include("servicepuls.api.urls")),
    # The language switch is on every public page, so the public must be able to use it.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("django-admin/", admin.site.urls),
]
