from __future__ import annotations

from django.urls import path

from servicepuls.actions import public_views, staff_views

app_name = "actions"

urlpatterns = [
    path("ni-sa-vi-gjorde/", public_views.said_we_did_index_view, name="said_we_did_index"),
    path("ni-sa-vi-gjorde/<str:code>/", public_views.said_we_did_view, name="said_we_did"),
    path("staff/atgarder/", staff_views.action_list_view, name="action_list"),
    path("staff/atgarder/ny/", staff_views.action_create_view, name="action_create"),
    path("staff/atgarder/<int:pk>/", staff_views.action_detail_view, name="action_detail"),
    path("staff/atgarder/<int:pk>/andra/", staff_views.action_edit_view, name="action_edit"),
    path(
        "staff/atgarder/<int:pk>/status/",
        staff_views.action_transition_view,
        name="action_transition",
    ),
    path(
        "staff/atgarder/<int:pk>/kommentar/",
        staff_views.action_comment_view,
        name="action_comment",
    ),
    path("staff/moten/", staff_views.meeting_list_view, name="meeting_list"),
    path("staff/moten/nytt/", staff_views.meeting_create_view, name="meeting_create"),
    path("staff/moten/<int:pk>/", staff_views.meeting_detail_view, name="meeting_detail"),
    path("staff/kompetensinsatser/", staff_views.effort_list_view, name="effort_list"),
    path("staff/kompetensinsatser/ny/", staff_views.effort_create_view, name="effort_create"),
    path("staff/forvaltningar/<int:pk>/", staff_views.department_view, name="department"),
]
