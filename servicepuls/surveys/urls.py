"""Public survey pages, staff pages under ``/staff/enkater/`` and the case API."""

from __future__ import annotations

from django.urls import path

from servicepuls.surveys import apis, public_views, staff_views

app_name = "surveys"

public_patterns = [
    path("enkat/tack/", public_views.survey_thanks_view, name="survey_thanks"),
    path("enkat/<str:token>/", public_views.survey_start_view, name="survey_start"),
    path(
        "enkat/<str:token>/sida/<int:number>/",
        public_views.survey_page_view,
        name="survey_page",
    ),
    path(
        "enkat/<str:token>/avregistrera/",
        public_views.survey_opt_out_view,
        name="survey_opt_out",
    ),
]

staff_patterns = [
    path("staff/enkater/", staff_views.survey_overview_view, name="staff_overview"),
    path("staff/enkater/arenden/", staff_views.case_list_view, name="staff_cases"),
    path("staff/enkater/import/", staff_views.import_upload_view, name="staff_import"),
    path(
        "staff/enkater/import/<int:import_id>/",
        staff_views.import_detail_view,
        name="staff_import_detail",
    ),
    path(
        "staff/enkater/import/<int:import_id>/status/",
        staff_views.import_status_view,
        name="staff_import_status",
    ),
    path("staff/enkater/formular/", staff_views.questionnaire_view, name="staff_questionnaire"),
    path("staff/enkater/utskick/", staff_views.schedule_list_view, name="staff_schedules"),
    path(
        "staff/enkater/utskick/<slug:area_slug>/",
        staff_views.schedule_edit_view,
        name="staff_schedule_edit",
    ),
    path("staff/enkater/svarsfrekvens/", staff_views.response_rate_view, name="staff_rates"),
    path("staff/enkater/api-nycklar/", staff_views.api_token_view, name="staff_api_tokens"),
]

api_patterns = [
    path("api/v1/surveys/cases/", apis.CasePushApi.as_view(), name="api_case_push"),
]

urlpatterns = public_patterns + staff_patterns + api_patterns
