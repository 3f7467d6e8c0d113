"""The public survey at ``/enkat/<token>/``: no login, one group of questions per page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from servicepuls.common.pages import form_page_render
from servicepuls.surveys.errors import InvitationTokenError, SurveyAlreadyAnsweredError
from servicepuls.surveys.forms import SurveyPageForm, questionnaire_text
from servicepuls.surveys.ratelimit import rate_limited
from servicepuls.surveys.services.invitations import invitation_get_by_token, invitation_opt_out
from servicepuls.surveys.services.survey import (
    invitation_opened,
    survey_draft_save,
    survey_pages,
    survey_submit,
)

SURVEY_LANGUAGES = ("sv", "en")


def survey_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``?lang=en`` (or ``sv``) switches the survey's language and remembers it in the cookie.

    The survey links in the e-mail carry the reader's language, and each page offers the
    other one, so no login-bound language form is needed.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = request.GET.get("lang", "")
        if language not in SURVEY_LANGUAGES:
            return view(request, *args, **kwargs)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = view(request, *args, **kwargs)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response

    return wrapped


_STATUS = {"unknown": 404, "expired": 410, "answered": 410, "opted_out": 410}


def _link_invalid(request: HttpRequest, error: InvitationTokenError) -> HttpResponse:
    return render(
        request,
        "surveys/public/link_invalid.html",
        {"message": error.message, "reason": error.reason},
        status=_STATUS.get(error.reason, 404),
    )


@login_not_required
@never_cache
@survey_language
@require_GET
@rate_limited("survey-open", per_minute=60)
def survey_start_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_get_by_token(token=token, now=timezone.now())
    except InvitationTokenError as error:
        return _link_invalid(request, error)
    invitation_opened(invitation=invitation, now=timezone.now())
    pages = survey_pages(
        version=invitation.questionnaire_version, respondent=invitation.case.respondent
    )
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "area": invitation.case.area,
        "token": token,
        "page_count": len(pages),
    }
    return render(request, "surveys/public/start.html", context)


@login_not_required
@never_cache
@survey_language
@require_http_methods(["GET", "POST"])
@rate_limited("survey-page", per_minute=120)
def survey_page_view(request: HttpRequest, token: str, number: int) -> HttpResponse:
    now = timezone.now()
    try:
        invitation = invitation_get_by_token(token=token, now=now)
    except InvitationTokenError as error:
        return _link_invalid(request, error)
    version = invitation.questionnaire_version
    pages = survey_pages(version=version, respondent=invitation.case.respondent)
    if not 1 <= number <= len(pages):
        return redirect("surveys:survey_page", token=token, number=1)
    page = pages[number - 1]
    initial = SurveyPageForm.initial_from_draft(page, invitation.draft)

    def page_context(form: SurveyPageForm) -> dict[str, Any]:
        return {
            "form": form,
            "page": page,
            "page_title": questionnaire_text(page["title"]),
            "number": number,
            "page_count": len(pages),
            "is_last": number == len(pages),
        }

    if request.method != "POST" and not initial:
        # Questionnaire versions never change, so an empty page is the same for everyone
        # answering that version as the same kind of respondent; the link's token is only
        # in its path, which the page takes per visitor (``form_page_render``).
        return form_page_render(
            request,
            "surveys/public/page.html",
            key=f"survey-page:{version.pk}:{invitation.case.respondent}:{number}",
            context=lambda tokens: page_context(SurveyPageForm(page=page, version=version)),
            per_path=False,
        )
    form = SurveyPageForm(request.POST or None, page=page, version=version, initial=initial)
    if request.method == "POST" and form.is_valid():
        survey_draft_save(invitation=invitation, values=form.draft_values())
        action = request.POST.get("action", "next")
        if action == "back":
            return redirect("surveys:survey_page", token=token, number=max(1, number - 1))
        if number < len(pages):
            return redirect("surveys:survey_page", token=token, number=number + 1)
        try:
            survey_submit(invitation=invitation, now=now)
        except SurveyAlreadyAnsweredError as error:
            return _link_invalid(request, error)
        return redirect("surveys:survey_thanks")
    return render(request, "surveys/public/page.html", page_context(form))


@login_not_required
@survey_language
@require_GET
def survey_thanks_view(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/public/thanks.html")


@login_not_required
@never_cache
@survey_language
@require_http_methods(["GET", "POST"])
@rate_limited("survey-opt-out", per_minute=30)
def survey_opt_out_view(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        try:
            invitation_opt_out(token=token, now=timezone.now())
        except InvitationTokenError as error:
            return _link_invalid(request, error)
        return render(request, "surveys/public/opted_out.html")
    return render(request, "surveys/public/opt_out.html", {"token": token})
