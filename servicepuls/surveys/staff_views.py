"""Staff pages under ``/staff/enkater/``: cases, imports, questionnaire, schedules, rates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from servicepuls.accounts.permissions import Capability, capability_required
from servicepuls.accounts.selectors import area_list_for_staff, organisation_get_for_staff
from servicepuls.surveys.choices import ImportKind, ImportStatus, Respondent
from servicepuls.surveys.errors import ImportFileError, ScheduleInvalidError
from servicepuls.surveys.forms import (
    ApiTokenForm,
    ColumnMappingForm,
    ImportUploadForm,
    ScheduleForm,
    questionnaire_text,
)
from servicepuls.surveys.models import DataImport, InvitationSchedule
from servicepuls.surveys.selectors import (
    case_api_token_list_for_staff,
    case_list_for_staff,
    column_mapping_list_for_staff,
    data_import_get_for_staff,
    data_import_list_for_staff,
    questionnaire_list_for_staff,
    response_rates_by_period,
    response_rates_for_staff,
    schedule_list_for_staff,
)
from servicepuls.surveys.services.api_tokens import case_api_token_create, case_api_token_revoke
from servicepuls.surveys.services.imports import (
    data_import_confirm,
    data_import_create,
    data_import_preview,
)
from servicepuls.surveys.services.invitations import invitation_schedule_save
from servicepuls.surveys.services.questionnaires import questionnaire_default_ensure


def _respondent_filter(request: HttpRequest) -> str | None:
    value = request.GET.get("respondent", "")
    return value if value in Respondent.values else None


def _int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@require_GET
@capability_required(Capability.VIEW_RESULTS)
def survey_overview_view(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/staff/overview.html", {})


@require_GET
@capability_required(Capability.MANAGE_SURVEYS)
def case_list_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    respondent = _respondent_filter(request)
    area_id = _int_param(request, "area")
    year = _int_param(request, "year")
    cases = case_list_for_staff(user=user, respondent=respondent, area_id=area_id, year=year)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "areas": area_list_for_staff(user=user),
        "respondents": Respondent.choices,
        "selected": {"respondent": respondent, "area": area_id, "year": year},
    }
    return render(request, "surveys/staff/cases.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_IMPORTS)
def import_upload_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        mappings=column_mapping_list_for_staff(user=user),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data_import = data_import_create(
                organisation=organisation_get_for_staff(user=user),
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                data=upload.read(),
                uploaded_by=user,
                mapping=form.cleaned_data["mapping"],
                scale=form.cleaned_data["scale"] or "1-10",
            )
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            return redirect("surveys:staff_import_detail", import_id=data_import.pk)
    context = {"form": form, "imports": data_import_list_for_staff(user=user)[:20]}
    return render(request, "surveys/staff/import_upload.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_IMPORTS)
def import_detail_view(request: HttpRequest, import_id: int) -> HttpResponse:
    user: Any = request.user
    try:
        data_import = data_import_get_for_staff(user=user, import_id=import_id)
    except DataImport.DoesNotExist:
        raise Http404 from None
    context: dict[str, Any] = {"data_import": data_import}
    if data_import.status == ImportStatus.PREVIEW:
        preview = data_import_preview(data_import=data_import)
        form = None
        if data_import.kind == ImportKind.CASES:
            initial = {f"column_{name}": header for name, header in data_import.columns.items()}
            form = ColumnMappingForm(request.POST or None, header=preview.header, initial=initial)
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                data_import_confirm(
                    data_import=data_import,
                    columns=form.columns() if form else None,
                    save_mapping_as=form.cleaned_data["save_as"] if form else "",
                )
            except ImportFileError as error:
                if form is None:
                    raise Http404 from error
                form.add_error(None, error.message)
            else:
                return redirect("surveys:staff_import_detail", import_id=data_import.pk)
        context |= {"preview": preview, "form": form}
    return render(request, "surveys/staff/import_detail.html", context)


@require_GET
@capability_required(Capability.MANAGE_IMPORTS)
def import_status_view(request: HttpRequest, import_id: int) -> JsonResponse:
    user: Any = request.user
    try:
        data_import = data_import_get_for_staff(user=user, import_id=import_id)
    except DataImport.DoesNotExist:
        raise Http404 from None
    return JsonResponse(
        {
            "status": data_import.status,
            "progress": data_import.progress,
            "finished": data_import.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED),
        }
    )


@require_GET
@capability_required(Capability.VIEW_RESULTS)
def questionnaire_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    questionnaire_default_ensure()
    questionnaires = []
    for questionnaire in questionnaire_list_for_staff(user=user):
        version = questionnaire.current_version()
        if version is None:
            continue
        pages = [
            {
                "title": questionnaire_text(page["title"]),
                "items": [
                    {**item, "label": questionnaire_text(item["text"])} for item in page["items"]
                ],
            }
            for page in version.pages
        ]
        questionnaires.append({"questionnaire": questionnaire, "version": version, "pages": pages})
    return render(request, "surveys/staff/questionnaire.html", {"questionnaires": questionnaires})


@require_GET
@capability_required(Capability.MANAGE_SURVEYS)
def schedule_list_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    schedules = {schedule.area_id: schedule for schedule in schedule_list_for_staff(user=user)}
    rows = [
        {"area": area, "schedule": schedules.get(area.pk)}
        for area in area_list_for_staff(user=user)
    ]
    return render(request, "surveys/staff/schedules.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_SURVEYS)
def schedule_edit_view(request: HttpRequest, area_slug: str) -> HttpResponse:
    user: Any = request.user
    area = get_object_or_404(area_list_for_staff(user=user), slug=area_slug)
    schedule = schedule_list_for_staff(user=user).filter(area=area).first()
    current = schedule or InvitationSchedule()
    initial = {
        "frequency": current.frequency,
        "sample_size": current.sample_size,
        "reminder_days": ", ".join(str(day) for day in current.reminder_days),
        "person_interval_days": current.person_interval_days,
        "valid_days": current.valid_days,
        "is_active": current.is_active,
    }
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_schedule_save(
                organisation=organisation_get_for_staff(user=user),
                area=area,
                frequency=form.cleaned_data["frequency"],
                sample_size=form.cleaned_data["sample_size"],
                reminder_days=form.reminder_list(),
                person_interval_days=form.cleaned_data["person_interval_days"],
                valid_days=form.cleaned_data["valid_days"],
                is_active=form.cleaned_data["is_active"],
            )
        except ScheduleInvalidError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The invitation schedule was saved."))
            return redirect("surveys:staff_schedules")
    return render(request, "surveys/staff/schedule_edit.html", {"form": form, "area": area})


@require_GET
@capability_required(Capability.VIEW_RESULTS)
def response_rate_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    respondent = _respondent_filter(request)
    year = _int_param(request, "year") or timezone.localdate().year
    context = {
        "organisations": response_rates_for_staff(user=user, years=[year], respondent=respondent),
        "periods": [],
        "year": year,
        "respondent": respondent,
        "respondents": Respondent.choices,
    }
    organisation = organisation_get_for_staff(user=user)
    scope_areas = [area.pk for area in area_list_for_staff(user=user)]
    if user.role != "national":
        context["periods"] = [
            rate
            for rate in response_rates_by_period(
                organisation_id=organisation.pk, respondent=respondent, area_ids=scope_areas
            )
            if rate.period.startswith(str(year))
        ]
    return render(request, "surveys/staff/response_rates.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_IMPORTS)
def api_token_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = ApiTokenForm(request.POST if request.POST.get("action") == "create" else None)
    new_token = None
    if request.method == "POST" and request.POST.get("action") == "revoke":
        token = get_object_or_404(
            case_api_token_list_for_staff(user=user), pk=_post_int(request, "token")
        )
        case_api_token_revoke(token=token)
        messages.success(request, _("The token was revoked."))
        return redirect("surveys:staff_api_tokens")
    if request.method == "POST" and form.is_valid():
        _token, new_token = case_api_token_create(
            organisation=organisation_get_for_staff(user=user),
            name=form.cleaned_data["name"],
            created_by=user,
        )
        form = ApiTokenForm()
    context = {
        "form": form,
        "tokens": case_api_token_list_for_staff(user=user),
        "new_token": new_token,
    }
    return render(request, "surveys/staff/api_tokens.html", context)


def _post_int(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    if not value.isdigit() or len(value) > 12:
        raise Http404
    return int(value)
