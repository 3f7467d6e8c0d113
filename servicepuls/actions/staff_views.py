"""Staff pages of the actions domain: actions, meetings, competence efforts, departments.

Views are thin: they parse forms, call services and selectors, and render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from servicepuls.accounts.models import User
from servicepuls.accounts.permissions import Capability, capability_required, user_has_capability
from servicepuls.actions import selectors, services
from servicepuls.actions.errors import ActionPermissionError, ActionTransitionError
from servicepuls.actions.evidence import evidence_from_query
from servicepuls.actions.follow_up import follow_up_for_action
from servicepuls.actions.forms import (
    ActionForm,
    CommentForm,
    EffortForm,
    MeetingForm,
    MeetingMinutesForm,
    TransitionForm,
)
from servicepuls.actions.models import ActionKind, ActionStatus, EvidenceKind
from servicepuls.actions.services import EvidenceInput


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@require_http_methods(["GET"])
@capability_required(Capability.VIEW_RESULTS)
def action_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    department = request.GET.get("department", "")
    actions = selectors.action_list_for_staff(
        user=user,
        status=status if status in ActionStatus.values else "",
        kind=kind if kind in ActionKind.values else "",
        department_id=int(department) if department.isdigit() else None,
    )
    context = {
        "actions": actions,
        "today": timezone.localdate(),
        "statuses": ActionStatus.choices,
        "kinds": ActionKind.choices,
        "departments": selectors.department_list_for_actions(user=user),
        "selected": {"status": status, "kind": kind, "department": department},
    }
    return render(request, "actions/staff/action_list.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_ACTIONS)
def action_create_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ActionForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        evidence = evidence_from_query(request.GET, organisation_id=user.organisation_id)
        known = {item.story_id for item in evidence}
        evidence += [
            EvidenceInput(kind=EvidenceKind.STORY, story_id=story.pk)
            for story in data["stories"]
            if story.pk not in known
        ]
        action = services.action_create(
            actor=user,
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            public_summary=data["public_summary"],
            owner_department=data["owner_department"],
            owner_person=data["owner_person"],
            due_on=data["due_on"],
            target_area=data["target_area"],
            target_factor=data["target_factor"],
            evidence=evidence,
        )
        messages.success(request, _("The action was proposed."))
        return redirect("actions:action_detail", pk=action.pk)
    return render(
        request,
        "actions/staff/action_form.html",
        {
            "form": form,
            "evidence": evidence_from_query(request.GET, organisation_id=user.organisation_id),
        },
    )


@require_http_methods(["GET"])
@capability_required(Capability.VIEW_RESULTS)
def action_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    action = selectors.action_get_for_staff(user=user, pk=pk)
    can_edit = services.action_can_edit(user=user, action=action)
    can_decide = user_has_capability(user, Capability.MANAGE_ACTIONS)
    transitions = [
        (status, ActionStatus(status).label)
        for status in sorted(services.TRANSITIONS[action.status])
        if can_decide or status not in services.STEERING_ONLY_STATUSES
    ]
    context: dict[str, Any] = {
        "action": action,
        "can_edit": can_edit,
        "transitions": transitions if can_edit else [],
        "events": action.events.select_related("actor"),
        "evidence": selectors.evidence_for_action(action=action),
        "follow_up": follow_up_for_action(action),
        "comment_form": CommentForm(),
        "today": timezone.localdate(),
    }
    return render(request, "actions/staff/action_detail.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.VIEW_RESULTS)
def action_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    action = selectors.action_get_for_staff(user=user, pk=pk)
    if not services.action_can_edit(user=user, action=action):
        raise PermissionDenied
    form = ActionForm(
        request.POST or None,
        initial=ActionForm.initial_from(action),
        organisation_id=user.organisation_id,
        with_stories=False,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(actor=user, action=action, **form.cleaned_data)
        except ActionPermissionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The action was saved."))
            return redirect("actions:action_detail", pk=action.pk)
    return render(request, "actions/staff/action_form.html", {"form": form, "action": action})


@require_POST
@capability_required(Capability.VIEW_RESULTS)
def action_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    action = selectors.action_get_for_staff(user=user, pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect("actions:action_detail", pk=action.pk)
    try:
        services.action_transition(
            actor=user,
            action=action,
            to_status=form.cleaned_data["to_status"],
            comment=form.cleaned_data["comment"],
        )
    except ActionPermissionError as error:
        raise PermissionDenied(error.message) from error
    except ActionTransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The status was changed."))
    return redirect("actions:action_detail", pk=action.pk)


@require_POST
@capability_required(Capability.VIEW_RESULTS)
def action_comment_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    action = selectors.action_get_for_staff(user=user, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.action_comment_add(actor=user, action=action, text=form.cleaned_data["text"])
        except ActionPermissionError as error:
            raise PermissionDenied(error.message) from error
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect("actions:action_detail", pk=action.pk)


@require_http_methods(["GET"])
@capability_required(Capability.VIEW_RESULTS)
def meeting_list_view(request: HttpRequest) -> HttpResponse:
    meetings = selectors.meeting_list_for_staff(user=_user(request))
    return render(request, "actions/staff/meeting_list.html", {"meetings": meetings})


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_MEETINGS)
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = MeetingForm(
        request.POST or None,
        initial={"held_on": timezone.localdate()},
        organisation_id=user.organisation_id,
    )
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(actor=user, **form.cleaned_data)
        messages.success(request, _("The meeting was created with a generated agenda."))
        return redirect("actions:meeting_detail", pk=meeting.pk)
    return render(request, "actions/staff/meeting_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@capability_required(Capability.VIEW_RESULTS)
def meeting_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    meeting = selectors.meeting_get_for_staff(user=user, pk=pk)
    can_manage = user_has_capability(user, Capability.MANAGE_MEETINGS)
    form = MeetingMinutesForm(
        request.POST or None,
        initial={
            "agenda": meeting.agenda,
            "minutes": meeting.minutes,
            "decisions": meeting.decisions,
        },
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            services.meeting_update(actor=user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("The minutes were saved."))
            return redirect("actions:meeting_detail", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "can_manage": can_manage,
        "actions": meeting.actions.select_related("owner_department"),
    }
    return render(request, "actions/staff/meeting_detail.html", context)


@require_http_methods(["GET"])
@capability_required(Capability.VIEW_RESULTS)
def effort_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    year_param = request.GET.get("year", "")
    year = int(year_param) if year_param.isdigit() and len(year_param) == 4 else None
    context = {
        "efforts": selectors.effort_list_for_staff(user=user, year=year),
        "summary": selectors.effort_summary_for_staff(user=user, year=year),
        "year": year,
        "years": selectors.effort_years_for_staff(user=user),
        "can_manage": user_has_capability(user, Capability.MANAGE_MEETINGS),
    }
    return render(request, "actions/staff/effort_list.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_MEETINGS)
def effort_create_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = EffortForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        services.competence_effort_create(actor=user, **form.cleaned_data)
        messages.success(request, _("The competence effort was recorded."))
        return redirect("actions:effort_list")
    return render(request, "actions/staff/effort_form.html", {"form": form})


@require_http_methods(["GET"])
@capability_required(Capability.VIEW_RESULTS)
def department_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    department = selectors.department_get_for_staff(user=user, pk=pk)
    context = {
        "department": department,
        "actions": selectors.action_list_for_staff(user=user, department_id=department.pk),
        "results": selectors.department_results(department=department),
        "efforts": selectors.effort_list_for_staff(user=user).filter(departments=department)[:10],
        "today": timezone.localdate(),
    }
    return render(request, "actions/staff/department.html", context)
