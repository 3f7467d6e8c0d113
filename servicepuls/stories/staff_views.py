"""Staff pages of the stories domain: queue, detail, tagging, entry, campaigns, meetings."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from servicepuls.accounts.models import User
from servicepuls.accounts.permissions import Capability, capability_required, user_has_capability
from servicepuls.accounts.selectors import (
    area_list_for_staff,
    department_list_for_staff,
    organisation_get_for_staff,
)
from servicepuls.stories.errors import StoriesError
from servicepuls.stories.exports import stories_csv, stories_xlsx
from servicepuls.stories.forms import (
    BulkActionForm,
    CampaignForm,
    MeetingForm,
    PersonLookupForm,
    StaffStoryForm,
    StoryFilterForm,
    StoryStatusForm,
    StoryTagsForm,
)
from servicepuls.stories.models import Story
from servicepuls.stories.privacy import (
    person_data_erase,
    person_data_export,
    person_stories_find,
    story_contact_read,
    story_raw_text_read,
)
from servicepuls.stories.selectors import (
    StoryFilters,
    campaign_get_for_staff,
    campaign_list_for_staff,
    meeting_get_for_staff,
    meeting_list_for_staff,
    story_events_list,
    story_get_for_staff,
    story_list_for_staff,
    story_queryset_for_staff,
)
from servicepuls.stories.services import (
    ContactInput,
    campaign_create,
    campaign_update,
    meeting_create,
    meeting_update,
    story_bulk_apply,
    story_create,
    story_status_change,
    story_tags_confirm,
)

PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _filters(request: HttpRequest) -> tuple[StoryFilterForm, StoryFilters]:
    user = _user(request)
    form = StoryFilterForm(
        request.GET or None,
        areas=area_list_for_staff(user=user),
        campaigns=campaign_list_for_staff(user=user),
    )
    if not form.is_valid():
        return form, StoryFilters()
    data = form.cleaned_data
    return form, StoryFilters(
        area=data["area"],
        factor=data["factor"],
        sentiment=data["sentiment"],
        channel=data["channel"],
        status=data["status"],
        campaign=data["campaign"],
        since=data["since"],
        until=data["until"],
        search=data["q"].strip(),
    )


def _story_or_404(request: HttpRequest, story_id: int) -> Any:
    return get_object_or_404(story_queryset_for_staff(user=_user(request)), pk=story_id)


@require_GET
@capability_required(Capability.VIEW_STORIES)
def story_list_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    stories = story_list_for_staff(user=_user(request), filters=filters)
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "bulk_form": BulkActionForm(story_ids=[]),
        "can_tag": user_has_capability(request.user, Capability.TAG_STORIES),
        "can_enter": user_has_capability(request.user, Capability.ENTER_STORIES),
    }
    return render(request, "stories/staff/list.html", context)


@require_POST
@capability_required(Capability.TAG_STORIES)
def story_bulk_view(request: HttpRequest) -> HttpResponse:
    visible = story_queryset_for_staff(user=_user(request))
    form = BulkActionForm(request.POST, story_ids=visible.values_list("pk", flat=True))
    if form.is_valid():
        stories = visible.filter(pk__in=form.cleaned_data["stories"]).order_by("pk")
        changed, problems = story_bulk_apply(
            stories=stories, actor=request.user, action=form.cleaned_data["action"]
        )
        messages.success(request, _("%(count)d stories updated.") % {"count": changed})
        for problem in problems:
            messages.error(request, problem)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(f"{reverse('stories:list')}?{request.POST.get('query', '')}")


@require_GET
@capability_required(Capability.VIEW_STORIES)
def story_detail_view(request: HttpRequest, story_id: int) -> HttpResponse:
    user = _user(request)
    try:
        story = story_get_for_staff(user=user, story_id=story_id)
    except Story.DoesNotExist as error:
        raise Http404 from error
    return render(request, "stories/staff/detail.html", _detail_context(request, story))


def _detail_context(request: HttpRequest, story: Any, **extra: Any) -> dict[str, Any]:
    user = _user(request)
    tags_form = extra.pop("tags_form", None) or StoryTagsForm(
        initial={
            "area": story.area_id,
            "factors": story.factors,
            "sentiment": story.sentiment,
            "department": story.department_id,
            "change_kind": story.change_kind,
        },
        areas=area_list_for_staff(user=user),
        departments=department_list_for_staff(user=user),
    )
    return {
        "story": story,
        "events": story_events_list(story=story),
        "tags_form": tags_form,
        "status_form": StoryStatusForm(initial={"status": story.status}),
        "can_tag": user_has_capability(user, Capability.TAG_STORIES),
        "can_see_raw": user_has_capability(user, Capability.VIEW_RAW_TEXT),
        **extra,
    }


@require_POST
@capability_required(Capability.TAG_STORIES)
def story_tags_view(request: HttpRequest, story_id: int) -> HttpResponse:
    user = _user(request)
    story = _story_or_404(request, story_id)
    form = StoryTagsForm(
        request.POST,
        areas=area_list_for_staff(user=user),
        departments=department_list_for_staff(user=user),
    )
    if form.is_valid():
        try:
            story_tags_confirm(story=story, actor=user, **form.cleaned_data)
        except StoriesError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The tags were saved."))
            return redirect("stories:detail", story_id=story.pk)
    context = _detail_context(request, story, tags_form=form)
    return render(request, "stories/staff/detail.html", context, status=400)


@require_POST
@capability_required(Capability.TAG_STORIES)
def story_status_view(request: HttpRequest, story_id: int) -> HttpResponse:
    story = _story_or_404(request, story_id)
    form = StoryStatusForm(request.POST)
    if form.is_valid():
        try:
            story_status_change(story=story, actor=request.user, status=form.cleaned_data["status"])
        except StoriesError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect("stories:detail", story_id=story.pk)


@require_GET
@capability_required(Capability.VIEW_RAW_TEXT)
def story_personal_data_view(request: HttpRequest, story_id: int) -> HttpResponse:
    story = _story_or_404(request, story_id)
    context = {
        "story": story,
        "raw_text": story_raw_text_read(story=story, actor=request.user, request=request),
        "contact": story_contact_read(story=story, actor=request.user, request=request)
        if user_has_capability(request.user, Capability.VIEW_CONTACT_DETAILS)
        else None,
    }
    return render(request, "stories/staff/personal_data.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.ENTER_STORIES)
def story_enter_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    initial: dict[str, Any] = {"contact_choice": "anonymous"}
    if (meeting_id := request.GET.get("meeting", "").strip()) and meeting_id.isdigit():
        initial.update(meeting=meeting_id, channel="meeting")
    form = StaffStoryForm(
        request.POST or None,
        initial=initial,
        meetings=meeting_list_for_staff(user=user),
        campaigns=campaign_list_for_staff(user=user),
        areas=area_list_for_staff(user=user),
        departments=department_list_for_staff(user=user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        story = story_create(
            organisation=organisation_get_for_staff(user=user),
            channel=data["channel"],
            submitter=data["submitter"],
            raw_text=form.story_text(),
            submitted_area=data["area"],
            submitted_department=data["department"],
            campaign=data["campaign"],
            meeting=data["meeting"],
            entered_by=user,
            contact=ContactInput(**form.contact_data()),
        )
        messages.success(
            request, _("Story %(reference)s was saved.") % {"reference": story.reference}
        )
        if story.meeting_id and "another" in request.POST:
            return redirect(f"{reverse('stories:enter')}?meeting={story.meeting_id}")
        return redirect("stories:detail", story_id=story.pk)
    return render(request, "stories/staff/enter.html", {"form": form})


def _export_queryset(request: HttpRequest) -> Any:
    _form, filters = _filters(request)
    return story_list_for_staff(user=_user(request), filters=filters)


@require_GET
@capability_required(Capability.VIEW_STORIES)
def story_export_csv_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        stories_csv(_export_queryset(request)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="berattelser-{stamp}.csv"'
    return response


@require_GET
@capability_required(Capability.VIEW_STORIES)
def story_export_xlsx_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        stories_xlsx(_export_queryset(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="berattelser-{stamp}.xlsx"'
    return response


# --- Campaigns and meetings ---------------------------------------------------------------


@require_GET
@capability_required(Capability.ENTER_STORIES)
def campaign_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context = {
        "campaigns": campaign_list_for_staff(user=user),
        "organisation": organisation_get_for_staff(user=user),
    }
    return render(request, "stories/staff/campaigns.html", context)


def _save_model_form(form: Any, save: Any) -> Any:
    """Call ``save`` with the form's data; put a ValidationError back on the form."""
    try:
        return save(**form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


@require_http_methods(["GET", "POST"])
@capability_required(Capability.ENTER_STORIES)
def campaign_create_view(request: HttpRequest) -> HttpResponse:
    organisation = organisation_get_for_staff(user=_user(request))
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = _save_model_form(
            form, lambda **data: campaign_create(organisation=organisation, **data)
        )
        if saved is not None:
            messages.success(request, _("The campaign was saved."))
            return redirect("stories:campaigns")
    return render(request, "stories/staff/campaign_form.html", {"form": form, "campaign": None})


@require_http_methods(["GET", "POST"])
@capability_required(Capability.ENTER_STORIES)
def campaign_edit_view(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_object_or_404(campaign_list_for_staff(user=_user(request)), pk=campaign_id)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        fresh = campaign_get_for_staff(user=_user(request), campaign_id=campaign_id)
        saved = _save_model_form(form, lambda **data: campaign_update(campaign=fresh, **data))
        if saved is not None:
            messages.success(request, _("The campaign was saved."))
            return redirect("stories:campaigns")
    return render(request, "stories/staff/campaign_form.html", {"form": form, "campaign": campaign})


@require_GET
@capability_required(Capability.ENTER_STORIES)
def meeting_list_view(request: HttpRequest) -> HttpResponse:
    meetings = meeting_list_for_staff(user=_user(request))
    return render(request, "stories/staff/meetings.html", {"meetings": meetings})


@require_http_methods(["GET", "POST"])
@capability_required(Capability.ENTER_STORIES)
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    organisation = organisation_get_for_staff(user=_user(request))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = _save_model_form(
            form, lambda **data: meeting_create(organisation=organisation, **data)
        )
        if meeting is not None:
            messages.success(request, _("The dialogue meeting was saved."))
            return redirect("stories:meeting_detail", meeting_id=meeting.pk)
    return render(request, "stories/staff/meeting_form.html", {"form": form, "meeting": None})


@require_http_methods(["GET", "POST"])
@capability_required(Capability.ENTER_STORIES)
def meeting_detail_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = _user(request)
    meeting = get_object_or_404(meeting_list_for_staff(user=user), pk=meeting_id)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        fresh = meeting_get_for_staff(user=user, meeting_id=meeting_id)
        if _save_model_form(form, lambda **data: meeting_update(meeting=fresh, **data)):
            messages.success(request, _("The dialogue meeting was saved."))
            return redirect("stories:meeting_detail", meeting_id=meeting_id)
    stories = story_list_for_staff(user=user, filters=StoryFilters(meeting=meeting_id))
    context = {"meeting": meeting, "form": form, "stories": stories}
    return render(request, "stories/staff/meeting_detail.html", context)


# --- One person's data (Admin) ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@capability_required(Capability.VIEW_CONTACT_DETAILS)
def person_data_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    organisation_id = cast(int, user.organisation_id)
    form = PersonLookupForm(request.POST or request.GET or None)
    stories = None
    if form.is_bound and form.is_valid():
        lookup = {
            "email": form.cleaned_data["email"] or "",
            "reference": form.cleaned_data["reference"] or "",
        }
        action = request.POST.get("action")
        if request.method == "POST" and action == "export":
            data = person_data_export(
                organisation_id=organisation_id, actor=user, request=request, **lookup
            )
            response = HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="personuppgifter.json"'
            return response
        if request.method == "POST" and action == "erase":
            references = person_data_erase(
                organisation_id=organisation_id, actor=user, request=request, **lookup
            )
            messages.success(
                request,
                _("Personal data was erased from %(count)d stories.") % {"count": len(references)},
            )
            return redirect("stories:person")
        stories = person_stories_find(organisation_id=organisation_id, **lookup)
    return render(request, "stories/staff/person.html", {"form": form, "stories": stories})
