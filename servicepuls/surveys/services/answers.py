"""Writes of answer sets: every path that stores answers goes through here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction

from servicepuls.surveys.models import SurveyAnswer
from servicepuls.surveys.scoring import answer_scores
from servicepuls.surveys.signals import answers_stored_send_on_commit

SCORE_FIELDS = (
    "nki",
    "information",
    "tillganglighet",
    "bemotande",
    "kompetens",
    "rattssakerhet",
    "effektivitet",
)


@dataclass(frozen=True, slots=True)
class AnswerSetInput:
    """One answer set to store, already validated in shape (see the importers)."""

    organisation_id: int
    area_id: int
    year: int
    respondent: str
    source: str
    external_id: str
    items: dict[str, int | None]
    submitted_at: datetime
    scale_low: int = 1
    scale_high: int = 10
    closed_on: date | None = None
    outcome: str = ""
    comment: str = ""
    background: dict[str, Any] = field(default_factory=dict)
    case_id: int | None = None
    invitation_id: int | None = None
    questionnaire_version_id: int | None = None


def survey_answer_build(*, data: AnswerSetInput) -> SurveyAnswer:
    """An unsaved ``SurveyAnswer`` with its derived indices computed from ``items``."""
    scores = answer_scores(data.items, low=data.scale_low, high=data.scale_high)
    return SurveyAnswer(
        organisation_id=data.organisation_id,
        area_id=data.area_id,
        year=data.year,
        closed_on=data.closed_on,
        respondent=data.respondent,
        outcome=data.outcome,
        source=data.source,
        external_id=data.external_id,
        items=dict(data.items),
        scale_low=data.scale_low,
        scale_high=data.scale_high,
        comment=data.comment,
        background=dict(data.background),
        case_id=data.case_id,
        invitation_id=data.invitation_id,
        questionnaire_version_id=data.questionnaire_version_id,
        submitted_at=data.submitted_at,
        **scores.as_fields(),
    )


_UPDATABLE_FIELDS = [
    "area",
    "year",
    "closed_on",
    "respondent",
    "outcome",
    "source",
    "items",
    "scale_low",
    "scale_high",
    "comment",
    "background",
    *SCORE_FIELDS,
]


@dataclass(frozen=True, slots=True)
class StoreResult:
    created: int
    updated: int
    answer_ids: list[int]


@transaction.atomic
def survey_answers_store(*, answer_sets: Sequence[AnswerSetInput]) -> StoreResult:
    """Create or update answer sets, idempotently by (organisation, external id).

    Sends ``answers_stored`` with every created or changed id after commit.
    """
    built = [survey_answer_build(data=data) for data in answer_sets]
    existing: dict[tuple[int, str], SurveyAnswer] = {}
    by_org: dict[int, list[str]] = {}
    for answer in built:
        by_org.setdefault(answer.organisation_id, []).append(answer.external_id)
    for organisation_id, external_ids in by_org.items():
        for chunk_start in range(0, len(external_ids), 500):
            chunk = external_ids[chunk_start : chunk_start + 500]
            for row in SurveyAnswer.objects.filter(
                organisation_id=organisation_id, external_id__in=chunk
            ):
                existing[(organisation_id, row.external_id)] = row
    to_create: list[SurveyAnswer] = []
    to_update: list[SurveyAnswer] = []
    for answer in built:
        current = existing.get((answer.organisation_id, answer.external_id))
        if current is None:
            to_create.append(answer)
            continue
        changed = False
        for name in _UPDATABLE_FIELDS:
            attname = "area_id" if name == "area" else name
            if getattr(current, attname) != getattr(answer, attname):
                setattr(current, attname, getattr(answer, attname))
                changed = True
        if changed:
            to_update.append(current)
    SurveyAnswer.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        SurveyAnswer.objects.bulk_update(to_update, _UPDATABLE_FIELDS, batch_size=500)
    ids = [answer.pk for answer in to_create] + [answer.pk for answer in to_update]
    if any(pk is None for pk in ids):
        # Backends without RETURNING on bulk inserts: read the new ids back.
        ids = list(
            SurveyAnswer.objects.filter(
                organisation_id__in=by_org,
                external_id__in=[a.external_id for a in to_create + to_update],
            ).values_list("pk", flat=True)
        )
    answers_stored_send_on_commit(ids)
    return StoreResult(created=len(to_create), updated=len(to_update), answer_ids=ids)
