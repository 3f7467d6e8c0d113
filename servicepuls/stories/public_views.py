"""The public "Dela din erfarenhet" pages: no login, every input treated as hostile."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from servicepuls.common.services import client_ip
from servicepuls.stories.choices import Channel
from servicepuls.stories.errors import StoryRateLimitedError, StorySubmissionRefusedError
from servicepuls.stories.forms import PublicStoryForm
from servicepuls.stories.models import Campaign
from servicepuls.stories.selectors import (
    area_list_public,
    campaign_get_public,
    campaign_list_public,
    department_list_public,
    organisation_list_public,
)
from servicepuls.stories.services import ContactInput, story_create
from servicepuls.stories.spam import form_token_check, form_token_make, submission_rate_limit_hit

_SESSION_KEY = "stories:last_reference"


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def story_submit_view(
    request: HttpRequest, code: str | None = None, campaign_slug: str | None = None
) -> HttpResponse:
    organisation = None
    campaign: Campaign | None = None
    if code is not None:
        organisation = get_object_or_404(organisation_list_public(), code=code)
    if campaign_slug is not None and organisation is not None:
        try:
            campaign = campaign_get_public(organisation=organisation, slug=campaign_slug)
        except Campaign.DoesNotExist as error:
            raise Http404 from error
    form = PublicStoryForm(
        request.POST or None,
        initial={"form_token": form_token_make()},
        organisations=organisation_list_public(),
        areas=area_list_public(organisation=organisation),
        departments=department_list_public(organisation=organisation),
        fixed_organisation=organisation,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            form_token_check(form.cleaned_data["form_token"])
            submission_rate_limit_hit(client_ip=client_ip(request))
        except StoryRateLimitedError as error:
            form.add_error(None, error.message)
            status = 429
        except StorySubmissionRefusedError as error:
            form.add_error(None, error.message)
        else:
            story = story_create(
                organisation=organisation or form.cleaned_data["organisation"],
                channel=Channel.WEB,
                submitter=form.cleaned_data["submitter"],
                raw_text=form.story_text(),
                submitted_area=form.cleaned_data.get("area"),
                submitted_department=form.cleaned_data.get("department"),
                campaign=campaign,
                contact=ContactInput(**form.contact_data()),
            )
            request.session[_SESSION_KEY] = story.reference
            return redirect("stories:thanks")
    if request.method == "POST":
        # A fresh token, so a corrected form is not refused for its first rendering's age.
        data = request.POST.copy()
        data["form_token"] = form_token_make()
        form.data = data
    context = {
        "form": form,
        "organisation": organisation,
        "campaign": campaign,
        "campaigns": campaign_list_public(organisation=organisation) if organisation else [],
    }
    return render(request, "stories/public/submit.html", context, status=status)


@login_not_required
@never_cache
@require_GET
def story_thanks_view(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(_SESSION_KEY)
    if not reference:
        return redirect("stories:submit")
    return render(request, "stories/public/thanks.html", {"reference": reference})
