"""Questionnaires: validation, immutable versions and the project's default questionnaire."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from servicepuls.common.memo import ProcessMemo
from servicepuls.surveys.errors import QuestionnaireInvalidError
from servicepuls.surveys.models import Questionnaire, QuestionnaireVersion
from servicepuls.surveys.scoring import NKI_ITEMS, item_column_is_valid

DEFAULT_QUESTIONNAIRE_FILE = (
    Path(__file__).resolve().parent.parent / "data/default_questionnaire.json"
)
LANGUAGES = ("sv", "en")
_KINDS = ("scale", "choice", "text")


def _texts_check(value: Any, where: str) -> None:
    if not isinstance(value, dict) or any(
        not isinstance(value.get(lang), str) or not value[lang].strip() for lang in LANGUAGES
    ):
        raise QuestionnaireInvalidError(
            _("%(where)s needs a Swedish and an English text.") % {"where": where}
        )


def questionnaire_pages_validate(pages: Any) -> None:
    """Check the shape of a questionnaire's question groups (see ``QuestionnaireVersion``)."""
    if not isinstance(pages, list) or not pages:
        raise QuestionnaireInvalidError(_("A questionnaire needs at least one group."))
    seen: set[str] = set()
    for number, page in enumerate(pages, start=1):
        where = _("Group %(number)s") % {"number": number}
        if not isinstance(page, dict) or not isinstance(page.get("items"), list):
            raise QuestionnaireInvalidError(_("%(where)s has no items.") % {"where": where})
        _texts_check(page.get("title"), where)
        for item in page["items"]:
            key = item.get("key") if isinstance(item, dict) else None
            if not isinstance(key, str) or key in seen:
                raise QuestionnaireInvalidError(
                    _("%(where)s: every item needs a unique key.") % {"where": where}
                )
            seen.add(key)
            kind = item.get("kind")
            if kind not in _KINDS:
                raise QuestionnaireInvalidError(_("Item %(key)s: unknown kind.") % {"key": key})
            if kind == "scale" and not item_column_is_valid(key):
                raise QuestionnaireInvalidError(
                    _("Item %(key)s: a scale item needs a canonical column name.") % {"key": key}
                )
            if kind == "choice":
                choices = item.get("choices")
                if not isinstance(choices, list) or not choices:
                    raise QuestionnaireInvalidError(
                        _("Item %(key)s: a choice item needs choices.") % {"key": key}
                    )
                for choice in choices:
                    _texts_check(choice.get("label"), key)
            _texts_check(item.get("text"), key)
    if sum(key in seen for key in NKI_ITEMS) < 2:
        raise QuestionnaireInvalidError(_("A questionnaire needs at least two of the NKI items."))


@transaction.atomic
def questionnaire_version_create(
    *,
    questionnaire: Questionnaire,
    pages: list[dict[str, Any]],
    scale_low: int = 1,
    scale_high: int = 10,
    allow_dont_know: bool = True,
) -> QuestionnaireVersion:
    """Add a new version; earlier versions and the answers given to them never change."""
    questionnaire_pages_validate(pages)
    if scale_high <= scale_low:
        raise QuestionnaireInvalidError(_("The scale's high end must be above its low end."))
    Questionnaire.objects.select_for_update().filter(pk=questionnaire.pk).first()
    current = questionnaire.versions.aggregate(number=Max("number"))["number"] or 0
    version = QuestionnaireVersion(
        questionnaire=questionnaire,
        number=current + 1,
        scale_low=scale_low,
        scale_high=scale_high,
        allow_dont_know=allow_dont_know,
        pages=pages,
    )
    version.full_clean()
    version.save()
    return version


def questionnaire_default_definition() -> dict[str, Any]:
    """The default questionnaire the project ships (Swedish and English)."""
    data: dict[str, Any] = json.loads(DEFAULT_QUESTIONNAIRE_FILE.read_text(encoding="utf-8"))
    return data


@transaction.atomic
def questionnaire_default_ensure() -> Questionnaire:
    """Create the default questionnaire, or a new version of it when the shipped text changed."""
    definition = questionnaire_default_definition()
    questionnaire, _created = Questionnaire.objects.get_or_create(
        organisation=None, slug=definition["slug"], defaults={"name": definition["name"]}
    )
    current = questionnaire.current_version()
    wanted = (
        definition["pages"],
        definition["scale_low"],
        definition["scale_high"],
        definition["allow_dont_know"],
    )
    if (
        current is None
        or (
            current.pages,
            current.scale_low,
            current.scale_high,
            current.allow_dont_know,
        )
        != wanted
    ):
        questionnaire_version_create(
            questionnaire=questionnaire,
            pages=definition["pages"],
            scale_low=definition["scale_low"],
            scale_high=definition["scale_high"],
            allow_dont_know=definition["allow_dont_know"],
        )
    return questionnaire


# A version is never edited once created, so each process may keep the ones it has read.
_versions: ProcessMemo[QuestionnaireVersion] = ProcessMemo(timeout=60 * 60)


def questionnaire_version_get(*, pk: int) -> QuestionnaireVersion:
    """A questionnaire version by primary key, from this process's memo when it has it.

    Every page of a public survey needs its version's question groups; reading (and parsing)
    them from the database, or unpickling them from a cache, on each page view would be much
    of the page's cost. Callers must not change the version they get.
    """
    return _versions.get(str(pk), lambda: QuestionnaireVersion.objects.get(pk=pk))
