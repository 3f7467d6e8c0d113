"""The public "Dela din erfarenhet" pages: no login, every input treated as hostile."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from servicepuls.common.pages import form_page_render
from servicepuls.common.services import client_ip
from servicepuls.organisations.models import Organisation
from servicepuls.stories.choices import Channel
from servicepuls.stories.errors import StoryRateLimitedError, StorySubmissionRefusedError
from servicepuls.stories.forms import PublicStoryForm
from servicepuls.stories.models import Campaign
from servicepuls.stories.selectors import PublicFormContext, public_form_context_get
from servicepuls.stories.services import ContactInput, story_create
from servicepuls.stories.spam import form_token_check, form_token_make, submission_rate_limit_hit

# The thank-you page's reference travels in a short-lived signed cookie rather than the
# session: a submission then writes no session row (one database write less per story).
_REFERENCE_COOKIE = "story_reference"
_REFERENCE_SALT = "servicepuls.stories.reference"
_REFERENCE_MAX_AGE = 60 * 60


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def story_submit_view(
    request: HttpRequest, code: str | None = None, campaign_slug: str | None = None
) -> HttpResponse:
    try:
        public = public_form_context_get(code=code)
    except Organisation.DoesNotExist as error:
        raise Http404 from error
    organisation = public.organisation
    campaign: Campaign | None = None
    if campaign_slug is not None:
        # The open campaigns are in the context: an unknown or closed one is missing.
        campaign = next((item for item in public.campaigns if item.slug == campaign_slug), None)
        if campaign is None or organisation is None:
            raise Http404
    template = "stories/public/submit.html"

    def page_context(form: PublicStoryForm) -> dict[str, Any]:
        return {
            "form": form,
            "organisation": organisation,
            "campaign": campaign,
            "campaigns": public.campaigns,
        }

    if request.method != "POST":
        # Everything the empty form shows is named by the key; the tokens are per visitor.
        key = ":".join(
            (
                "story-form",
                public.generation,
                code or "-",
                campaign_slug or "-",
                public.choices_version,
                ",".join(str(item.pk) for item in public.campaigns),
            )
        )
        return form_page_render(
            request,
            template,
            key=key,
            context=lambda tokens: page_context(
                _story_form(None, public, form_token=tokens["form_token"])
            ),
            tokens={"form_token": form_token_make},
        )
    form = _story_form(request.POST, public)
    status = 200
    if form.is_valid():
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
            response = redirect("stories:thanks")
            response.set_signed_cookie(
                _REFERENCE_COOKIE,
                story.reference,
                salt=_REFERENCE_SALT,
                max_age=_REFERENCE_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            return response
    # A fresh token, so a corrected form is not refused for its first rendering's age.
    data = request.POST.copy()
    data["form_token"] = form_token_make()
    form.data = data
    return render(request, template, page_context(form), status=status)


def _story_form(
    data: QueryDict | None, public: PublicFormContext, *, form_token: str = ""
) -> PublicStoryForm:
    """The public form of ``public.organisation`` (None: the submitter chooses one)."""
    return PublicStoryForm(
        data,
        initial={"form_token": form_token},
        organisations=public.organisations,
        areas=public.areas,
        departments=public.departments,
        fixed_organisation=public.organisation,
    )


@login_not_required
@never_cache
@require_GET
def story_thanks_view(request: HttpRequest) -> HttpResponse:
    reference = request.get_signed_cookie(
        _REFERENCE_COOKIE, default=None, salt=_REFERENCE_SALT, max_age=_REFERENCE_MAX_AGE
    )
    if not reference:
        return redirect("stories:submit")
    return render(request, "stories/public/thanks.html", {"reference": reference})
