"""Public pages under ``/dela-din-erfarenhet/``, staff pages under ``/staff/berattelser/``."""

from __future__ import annotations

from django.urls import path

from servicepuls.stories import public_views, staff_views

app_name = "stories"

public_patterns = [
    path("dela-din-erfarenhet/", public_views.story_submit_view, name="submit"),
    path("dela-din-erfarenhet/tack/", public_views.story_thanks_view, name="thanks"),
    path(
        "dela-din-erfarenhet/<str:code>/",
        public_views.story_submit_view,
        name="submit_organisation",
    ),
    path(
        "dela-din-erfarenhet/<str:code>/<slug:campaign_slug>/",
        public_views.story_submit_view,
        name="submit_campaign",
    ),
]

staff_patterns = [
    path("staff/berattelser/", staff_views.story_list_view, name="list"),
    path("staff/berattelser/ny/", staff_views.story_enter_view, name="enter"),
    path("staff/berattelser/massandring/", staff_views.story_bulk_view, name="bulk"),
    path("staff/berattelser/export.csv", staff_views.story_export_csv_view, name="export_csv"),
    path("staff/berattelser/export.xlsx", staff_views.story_export_xlsx_view, name="export_xlsx"),
    path("staff/berattelser/<int:story_id>/", staff_views.story_detail_view, name="detail"),
    path("staff/berattelser/<int:story_id>/taggar/", staff_views.story_tags_view, name="tags"),
    path("staff/berattelser/<int:story_id>/status/", staff_views.story_status_view, name="status"),
    path(
        "staff/berattelser/<int:story_id>/personuppgifter/",
        staff_views.story_personal_data_view,
        name="personal_data",
    ),
    path("staff/berattelser/kampanjer/", staff_views.campaign_list_view, name="campaigns"),
    path(
        "staff/berattelser/kampanjer/ny/", staff_views.campaign_create_view, name="campaign_create"
    ),
    path(
        "staff/berattelser/kampanjer/<int:campaign_id>/",
        staff_views.campaign_edit_view,
        name="campaign_edit",
    ),
    path("staff/berattelser/moten/", staff_views.meeting_list_view, name="meetings"),
    path("staff/berattelser/moten/ny/", staff_views.meeting_create_view, name="meeting_create"),
    path(
        "staff/berattelser/moten/<int:meeting_id>/",
        staff_views.meeting_detail_view,
        name="meeting_detail",
    ),
    path("staff/berattelser/person/", staff_views.person_data_view, name="person"),
]

urlpatterns = public_patterns + staff_patterns
