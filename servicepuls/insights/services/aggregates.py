"""Keep ``AnswerAggregate`` rows equal to what the stored answers say.

The unit of recomputation is one organisation × area × year *slice*: every aggregate row of
the slice is deleted and rebuilt from the slice's answers in one grouped query. Rebuilding a
whole slice (rather than the rows of the changed answers' current keys) also corrects the
row an answer *left* when its respondent type or outcome changed. Both functions are
idempotent: running them twice gives the same rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, DateTimeField, F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

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


def _insert_grouped(answers: QuerySet[SurveyAnswer]) -> int:
    """``INSERT INTO aggregates SELECT … GROUP BY key`` in one statement; return rows written.

    The grouped SELECT is built by the ORM (so it is correct on every backend) and the rows
    never pass through Python: a rebuild over a million answers stays a single query.
    """
    now = timezone.now()
    statistics = _sufficient_statistics()
    grouped = (
        answers.values(*KEY_FIELDS)
        .order_by()
        .annotate(**statistics)
        .annotate(
            stamp_created=Value(now, output_field=DateTimeField()),
            stamp_updated=Value(now, output_field=DateTimeField()),
        )
    )
    sql, params = grouped.query.sql_with_params()
    meta = AnswerAggregate._meta
    columns = [
        *KEY_FIELDS,  # attnames equal the column names for these fields
        *statistics,
        "created_at",
        "updated_at",
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, columns))}) {sql}",
            params,
        )
        return int(cursor.rowcount)


def _slice_filter(slices: Iterable[Slice]) -> Q:
    condition = Q(pk__in=[])
    for organisation_id, area_id, year in slices:
        condition |= Q(organisation_id=organisation_id, area_id=area_id, year=year)
    return condition


def _slices_lock(slices: Iterable[Slice]) -> None:
    """Hold a transaction-scoped lock on each slice, so refreshes of one slice run in turn.

    Two refreshes of a slice at once would both delete its rows and both insert new ones,
    and the second insert would break the unique key. PostgreSQL: advisory locks, taken in
    a fixed order so that two refreshes never wait for each other in a circle. SQLite
    already runs one writing transaction at a time.
    """
    if connection.vendor != "postgresql":
        return
    keys = sorted(
        int.from_bytes(
            hashlib.blake2b(f"aggregates:{o}:{a}:{y}".encode(), digest_size=8).digest(),
            "big",
            signed=True,
        )
        for o, a, y in slices
    )
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


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
    _slices_lock(slices)
    condition = _slice_filter(slices)
    AnswerAggregate.objects.filter(condition).delete()
    return _insert_grouped(SurveyAnswer.objects.filter(condition))


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
    return _insert_grouped(answers)
