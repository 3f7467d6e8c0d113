"""Keep ``AnswerAggregate`` rows equal to what the stored answers say.

The unit of recomputation is one organisation × area × year *slice*: every aggregate row of
the slice is deleted and rebuilt from the slice's answers in one grouped query. Rebuilding a
whole slice (rather than the rows of the changed answers' current keys) also corrects the
row an answer *left* when its respondent type or outcome changed. Both functions are
idempotent: running them twice gives the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from servicepuls.insights.models import MEASURES, AnswerAggregate
from servicepuls.surveys.models import SurveyAnswer

Slice = tuple[int, int, int]  # organisation_id, area_id, year
KEY_FIELDS = ("organisation_id", "area_id", "year", "respondent", "outcome")


def _sufficient_statistics() -> dict[str, Any]:
    """Per measure: count of non-missing values, their sum and their sum of squares."""
    expressions: dict[str, Any] = {"answers": Count("id")}
    for measure in MEASURES:
        expressions[f"{measure}_n"] = Count(measure)
        expressions[f"{measure}_sum"] = Coalesce(
            Sum(measure, output_field=FloatField()), Value(0.0)
        )
        expressions[f"{measure}_sumsq"] = Coalesce(
            Sum(F(measure) * F(measure), output_field=FloatField()), Value(0.0)
        )
    return expressions


def _grouped(answers: QuerySet[SurveyAnswer]) -> list[AnswerAggregate]:
    rows = answers.values(*KEY_FIELDS).order_by().annotate(**_sufficient_statistics())
    return [AnswerAggregate(**row) for row in rows]


def _slice_filter(slices: Iterable[Slice]) -> Q:
    condition = Q(pk__in=[])
    for organisation_id, area_id, year in slices:
        condition |= Q(organisation_id=organisation_id, area_id=area_id, year=year)
    return condition


@transaction.atomic
def answer_aggregates_refresh(*, answer_ids: Iterable[int]) -> int:
    """Recompute the aggregate slices that contain the given answers; return rows written."""
    slices: set[Slice] = set(
        SurveyAnswer.objects.filter(pk__in=list(answer_ids)).values_list(
            "organisation_id", "area_id", "year"
        )
    )
    if not slices:
        return 0
    condition = _slice_filter(slices)
    AnswerAggregate.objects.filter(condition).delete()
    rows = _grouped(SurveyAnswer.objects.filter(condition))
    AnswerAggregate.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def answer_aggregates_rebuild(*, organisation_ids: Iterable[int] | None = None) -> int:
    """Recompute every aggregate row (of the given organisations); return rows written."""
    answers = SurveyAnswer.objects.all()
    aggregates = AnswerAggregate.objects.all()
    if organisation_ids is not None:
        ids = list(organisation_ids)
        answers = answers.filter(organisation_id__in=ids)
        aggregates = aggregates.filter(organisation_id__in=ids)
    aggregates.delete()
    rows = _grouped(answers)
    AnswerAggregate.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
