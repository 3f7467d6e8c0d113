"""The public survey: pages for one respondent, drafts kept server-side, one submission."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from servicepuls.surveys.choices import AnswerSource
from servicepuls.surveys.errors import SurveyAlreadyAnsweredError, SurveyAnswerInvalidError
from servicepuls.surveys.models import Invitation, QuestionnaireVersion, SurveyAnswer
from servicepuls.surveys.services.answers import AnswerSetInput, survey_answers_store
from swedish_text import redact

DONT_KNOW = "dk"
MAX_TEXT_CHARS = 5000


def survey_pages(*, version: QuestionnaireVersion, respondent: str) -> list[dict[str, Any]]:
    """The question groups shown to this respondent (business-only items left out)."""
    pages = []
    for page in version.pages:
        items = [item for item in page["items"] if item.get("respondent") in (None, respondent)]
        if items:
            pages.append({**page, "items": items})
    return pages


def survey_value_check(*, version: QuestionnaireVersion, item: dict[str, Any], value: Any) -> Any:
    """The stored draft form of one answer; ``SurveyAnswerInvalidError`` when impossible."""
    if value in (None, ""):
        return None
    kind = item["kind"]
    if kind == "scale":
        if value == DONT_KNOW and version.allow_dont_know:
            return DONT_KNOW
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not version.scale_low <= number <= version.scale_high:
            raise SurveyAnswerInvalidError(_("Choose a value on the scale."))
        return number
    if kind == "choice":
        if value not in {choice["value"] for choice in item["choices"]}:
            raise SurveyAnswerInvalidError(_("Choose one of the options."))
        return value
    text = str(value).strip()
    if len(text) > MAX_TEXT_CHARS:
        raise SurveyAnswerInvalidError(_("The text is too long."))
    return text or None


def survey_draft_save(*, invitation: Invitation, values: dict[str, Any]) -> Invitation:
    """Keep the answers of one page server-side, so back and forward lose nothing.

    Only keys of the questionnaire are kept; a page never overwrites another page's answers.
    """
    keys = {
        item["key"] for page in invitation.questionnaire_version.pages for item in page["items"]
    }
    draft = {**invitation.draft, **{k: v for k, v in values.items() if k in keys}}
    Invitation.objects.filter(pk=invitation.pk, answered_at__isnull=True).update(draft=draft)
    invitation.draft = draft
    return invitation


def _answer_input(invitation: Invitation, now: datetime) -> AnswerSetInput:
    version = invitation.questionnaire_version
    case = invitation.case
    if deferred := case.get_deferred_fields():
        # The public pages load only the respondent kind of the case; the rest, at once.
        case.refresh_from_db(fields=deferred)
    draft = invitation.draft
    items: dict[str, int | None] = {}
    background: dict[str, Any] = {}
    comment = ""
    for page in survey_pages(version=version, respondent=case.respondent):
        for item in page["items"]:
            value = draft.get(item["key"])
            if item["kind"] == "scale":
                items[item["key"]] = value if isinstance(value, int) else None
            elif item["kind"] == "choice":
                if value is not None:
                    background[item["key"]] = value
            elif value:
                comment = redact(str(value)).text
    outcome = background.pop("outcome", None) or case.outcome
    return AnswerSetInput(
        organisation_id=invitation.organisation_id,
        area_id=case.area_id,
        year=case.decided_on.year,
        closed_on=case.decided_on,
        respondent=case.respondent,
        outcome=outcome,
        source=AnswerSource.SURVEY,
        external_id=f"survey-{invitation.pk}",
        items=items,
        background=background,
        comment=comment,
        submitted_at=now,
        scale_low=version.scale_low,
        scale_high=version.scale_high,
        case_id=case.pk,
        invitation_id=invitation.pk,
        questionnaire_version_id=version.pk,
    )


def survey_submit(*, invitation: Invitation, now: datetime) -> SurveyAnswer:
    """Store the draft as the invitation's one answer set; the link is used up.

    Two concurrent submissions store one: the conditional UPDATE lets exactly one
    transaction mark the invitation answered (the other waits for the row lock and then
    matches no row), and the one-to-one ``SurveyAnswer.invitation`` is the backstop. The
    loser gets ``SurveyAlreadyAnsweredError``.
    """
    # The outer block commits and then runs the on-commit work (``answers_stored``); only
    # the inner one's unique-key failure means "answered already".
    with transaction.atomic():
        try:
            with transaction.atomic():
                claimed = Invitation.objects.filter(
                    pk=invitation.pk, answered_at__isnull=True
                ).update(answered_at=now)
                if not claimed:
                    raise SurveyAlreadyAnsweredError(
                        _("This survey has already been answered. Thank you!"), "answered"
                    )
                invitation.refresh_from_db(fields=["draft", "answered_at"])
                result = survey_answers_store(answer_sets=[_answer_input(invitation, now)])
                invitation.draft = {}
                invitation.save(update_fields=["draft", "updated_at"])
        except IntegrityError as error:
            raise SurveyAlreadyAnsweredError(
                _("This survey has already been answered. Thank you!"), "answered"
            ) from error
    return SurveyAnswer.objects.get(pk=result.answer_ids[0])


def invitation_opened(*, invitation: Invitation, now: datetime) -> None:
    """Record the first time the link was opened."""
    if invitation.opened_at is None:
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=now)
        invitation.opened_at = now
