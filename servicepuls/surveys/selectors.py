"""Reads of the surveys app: response rates, answers as the canonical table, staff lists.

Staff reads are scoped through ``servicepuls.accounts.selectors.staff_scope_get``: a row of
another organisation (or, for department contacts, another department's area) is treated
exactly like a missing row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO

from django.db.models import Count, F, Q, QuerySet

from servicepuls.accounts.models import User
from servicepuls.accounts.selectors import (
    StaffScope,
    member_organisation_list_for_staff,
    staff_scope_get,
)
from servicepuls.organisations.models import Organisation
from servicepuls.surveys.choices import DeliveryStatus
from servicepuls.surveys.importers.answers import COMMENT_COLUMN, FIXED_COLUMNS
from servicepuls.surveys.models import (
    Case,
    CaseApiToken,
    ColumnMapping,
    DataImport,
    Invitation,
    InvitationSchedule,
    Questionnaire,
    SurveyAnswer,
)
from servicepuls.surveys.scoring import NKI_ITEMS, item_column_parse
from survey_stats.drivers import FACTORS


@dataclass(frozen=True, slots=True)
class ResponseRate:
    organisation_id: int
    area_slug: str
    year: int
    invited: int
    answered: int
    rate: float | None


def _invitations(
    organisation_ids: Sequence[int] | None,
    years: Sequence[int] | None,
    respondent: str | None,
    area_ids: Iterable[int] | None = None,
) -> QuerySet[Invitation]:
    invitations = Invitation.objects.filter(delivery_status=DeliveryStatus.SENT)
    if organisation_ids is not None:
        invitations = invitations.filter(organisation_id__in=organisation_ids)
    if years is not None:
        invitations = invitations.filter(case__decided_on__year__in=years)
    if respondent is not None:
        invitations = invitations.filter(case__respondent=respondent)
    if area_ids is not None:
        invitations = invitations.filter(case__area_id__in=list(area_ids))
    return invitations


def response_rates(
    organisation_ids: Sequence[int] | None,
    years: Sequence[int] | None = None,
    respondent: str | None = None,
    *,
    area_ids: Iterable[int] | None = None,
) -> list[ResponseRate]:
    """Invited (delivered) and answered invitations per organisation, area and year.

    The year is that of the case's decision. Computed from the invitations each time, so it
    is always current. ``respondent`` keeps businesses and private persons apart.
    """
    rows = (
        _invitations(organisation_ids, years, respondent, area_ids)
        .values(
            "organisation_id", area_slug=F("case__area__slug"), year=F("case__decided_on__year")
        )
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .order_by("organisation_id", "area_slug", "year")
    )
    return [
        ResponseRate(
            organisation_id=row["organisation_id"],
            area_slug=row["area_slug"],
            year=row["year"],
            invited=row["invited"],
            answered=row["answered"],
            rate=row["answered"] / row["invited"] if row["invited"] else None,
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class PeriodResponseRate:
    area_slug: str
    area_name: str
    period: str
    invited: int
    answered: int
    rate: float | None


def response_rates_by_period(
    *,
    organisation_id: int,
    respondent: str | None = None,
    area_ids: Iterable[int] | None = None,
) -> list[PeriodResponseRate]:
    """Response rates per area and invitation period (month or quarter), newest first."""
    rows = (
        _invitations([organisation_id], None, respondent, area_ids)
        .values("period", area_slug=F("case__area__slug"), area_name=F("case__area__name"))
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .order_by("-period", "area_name")
    )
    return [
        PeriodResponseRate(
            area_slug=row["area_slug"],
            area_name=row["area_name"],
            period=row["period"],
            invited=row["invited"],
            answered=row["answered"],
            rate=row["answered"] / row["invited"] if row["invited"] else None,
        )
        for row in rows
    ]


def survey_answer_list(
    *,
    organisation_ids: Sequence[int] | None = None,
    years: Sequence[int] | None = None,
    respondent: str | None = None,
) -> QuerySet[SurveyAnswer]:
    """Stored answers, optionally filtered; respondent keeps businesses and private apart."""
    answers = SurveyAnswer.objects.all()
    if organisation_ids is not None:
        answers = answers.filter(organisation_id__in=organisation_ids)
    if years is not None:
        answers = answers.filter(year__in=years)
    if respondent is not None:
        answers = answers.filter(respondent=respondent)
    return answers.order_by("organisation_id", "year", "external_id")


@dataclass(frozen=True, slots=True)
class CanonicalTable:
    """Answers as the canonical CSV of DESIGN §6: a header and rows of strings."""

    header: list[str]
    rows: list[list[str]]
    scale: tuple[int, int]


def _item_order(column: str) -> tuple[int, int]:
    parsed = item_column_parse(column)
    if parsed is None:
        return (len(FACTORS), NKI_ITEMS.index(column))
    return (FACTORS.index(parsed[0]), parsed[1])


def answers_canonical_rows(queryset: QuerySet[SurveyAnswer]) -> CanonicalTable:
    """Read answers back as the canonical table, without loss.

    Every factor has at least its ``<factor>_1`` column; item columns are the union over the
    answers, empty where an answer set lacks them. Raises ``ValueError`` when the answers
    were given on different scales (the canonical CSV has one scale per file).
    """
    answers = list(
        queryset.select_related("organisation", "area").order_by(
            "organisation__code", "year", "external_id"
        )
    )
    scales = {(answer.scale_low, answer.scale_high) for answer in answers}
    if len(scales) > 1:
        raise ValueError(f"answers on different scales: {sorted(scales)}")
    columns = {f"{factor}_1" for factor in FACTORS} | set(NKI_ITEMS)
    for answer in answers:
        columns.update(answer.items)
    items = sorted(columns, key=_item_order)
    header = [*FIXED_COLUMNS, *items, COMMENT_COLUMN]
    rows = []
    for answer in answers:
        values = [answer.items.get(column) for column in items]
        rows.append(
            [
                answer.external_id,
                answer.organisation.code,
                answer.area.slug,
                str(answer.year),
                answer.closed_on.isoformat() if answer.closed_on else "",
                answer.respondent,
                answer.outcome,
                *["" if value is None else str(value) for value in values],
                answer.comment,
            ]
        )
    return CanonicalTable(header=header, rows=rows, scale=scales.pop() if scales else (1, 10))


def answers_canonical_csv_write(queryset: QuerySet[SurveyAnswer], handle: IO[str]) -> int:
    """Write answers as canonical CSV to ``handle``; return the number of answer sets."""
    table = answers_canonical_rows(queryset)
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return len(table.rows)


# --- Staff reads (scoped) ---------------------------------------------------------------------


def _scope(user: User) -> StaffScope:
    return staff_scope_get(user=user)


def case_list_for_staff(
    *,
    user: User,
    respondent: str | None = None,
    area_id: int | None = None,
    year: int | None = None,
) -> QuerySet[Case]:
    """Cases of the user's organisation (department contacts: their areas), newest first."""
    scope = _scope(user)
    if not scope.sees_individual_data:
        return Case.objects.none()
    cases = Case.objects.filter(organisation_id=scope.organisation_id)
    if scope.area_ids is not None:
        cases = cases.filter(area_id__in=scope.area_ids)
    if respondent:
        cases = cases.filter(respondent=respondent)
    if area_id:
        cases = cases.filter(area_id=area_id)
    if year:
        cases = cases.filter(decided_on__year=year)
    return cases.select_related("area", "department", "invitation").order_by(
        "-decided_on", "external_id"
    )


def data_import_list_for_staff(*, user: User) -> QuerySet[DataImport]:
    scope = _scope(user)
    return (
        DataImport.objects.filter(organisation_id=scope.organisation_id)
        .defer("content")
        .select_related("uploaded_by")
        .order_by("-created_at")
    )


def data_import_get_for_staff(*, user: User, import_id: int) -> DataImport:
    """One import of the user's organisation; another organisation's raises DoesNotExist."""
    scope = _scope(user)
    return DataImport.objects.get(organisation_id=scope.organisation_id, pk=import_id)


def column_mapping_list_for_staff(*, user: User) -> QuerySet[ColumnMapping]:
    scope = _scope(user)
    return ColumnMapping.objects.filter(organisation_id=scope.organisation_id).order_by("name")


def schedule_list_for_staff(*, user: User) -> QuerySet[InvitationSchedule]:
    scope = _scope(user)
    schedules = InvitationSchedule.objects.filter(organisation_id=scope.organisation_id)
    if scope.area_ids is not None:
        schedules = schedules.filter(area_id__in=scope.area_ids)
    return schedules.select_related("area", "questionnaire").order_by("area__sort_order")


def case_api_token_list_for_staff(*, user: User) -> QuerySet[CaseApiToken]:
    scope = _scope(user)
    return CaseApiToken.objects.filter(organisation_id=scope.organisation_id).order_by(
        "-created_at"
    )


def questionnaire_list_for_staff(*, user: User) -> QuerySet[Questionnaire]:
    """The organisation's own questionnaires and the project's default."""
    scope = _scope(user)
    return (
        Questionnaire.objects.filter(
            Q(organisation__isnull=True) | Q(organisation_id=scope.organisation_id)
        )
        .prefetch_related("versions")
        .order_by("organisation_id", "name")
    )


@dataclass(frozen=True, slots=True)
class OrganisationResponseRate:
    organisation: Organisation
    rates: list[ResponseRate]


def response_rates_for_staff(
    *, user: User, years: Sequence[int] | None = None, respondent: str | None = None
) -> list[OrganisationResponseRate]:
    """Response rates per area and year for the organisations the user may compare."""
    scope = _scope(user)
    organisations = list(member_organisation_list_for_staff(user=user))
    rates = response_rates(
        [organisation.pk for organisation in organisations],
        years=years,
        respondent=respondent,
        area_ids=scope.area_ids,
    )
    return [
        OrganisationResponseRate(
            organisation=organisation,
            rates=[rate for rate in rates if rate.organisation_id == organisation.pk],
        )
        for organisation in organisations
    ]
