"""Reads of the actions domain, scoped through ``staff_scope_get``.

The national analyst sees no actions, meetings or efforts (they belong to one
organisation's internal work); every other staff role of the organisation reads them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from servicepuls.accounts.models import User
from servicepuls.accounts.selectors import StaffScope, staff_scope_get
from servicepuls.actions.models import Action, ActionStatus, CompetenceEffort, Meeting
from servicepuls.organisations.models import Department


def _scope(user: User) -> StaffScope:
    scope = staff_scope_get(user=user)
    if not scope.sees_individual_data:
        raise Http404
    return scope


def action_list_for_staff(
    *,
    user: User,
    status: str = "",
    department_id: int | None = None,
    kind: str = "",
    overdue_on: dt.date | None = None,
) -> QuerySet[Action]:
    scope = _scope(user)
    actions = Action.objects.filter(organisation_id=scope.organisation_id).select_related(
        "owner_department", "owner_person", "target_area"
    )
    if status:
        actions = actions.filter(status=status)
    if department_id:
        actions = actions.filter(owner_department_id=department_id)
    if kind:
        actions = actions.filter(kind=kind)
    if overdue_on is not None:
        actions = actions.filter(
            due_on__lt=overdue_on, status__in=[ActionStatus.DECIDED, ActionStatus.IN_PROGRESS]
        )
    return actions


def action_get_for_staff(*, user: User, pk: int) -> Action:
    scope = _scope(user)
    try:
        return Action.objects.select_related(
            "owner_department", "owner_person", "target_area", "meeting"
        ).get(pk=pk, organisation_id=scope.organisation_id)
    except Action.DoesNotExist as error:
        raise Http404 from error


def meeting_list_for_staff(*, user: User) -> QuerySet[Meeting]:
    scope = _scope(user)
    return Meeting.objects.filter(organisation_id=scope.organisation_id).annotate(
        action_count=Count("actions")
    )


def meeting_get_for_staff(*, user: User, pk: int) -> Meeting:
    scope = _scope(user)
    try:
        return Meeting.objects.prefetch_related("departments").get(
            pk=pk, organisation_id=scope.organisation_id
        )
    except Meeting.DoesNotExist as error:
        raise Http404 from error


def effort_list_for_staff(*, user: User, year: int | None = None) -> QuerySet[CompetenceEffort]:
    scope = _scope(user)
    efforts = CompetenceEffort.objects.filter(
        organisation_id=scope.organisation_id
    ).prefetch_related("departments")
    if year is not None:
        efforts = efforts.filter(held_on__year=year)
    return efforts


@dataclass(frozen=True, slots=True)
class EffortSummaryRow:
    department: Department | None
    efforts: int
    participants: int
    by_kind: dict[str, int]
    by_audience: dict[str, int]


def effort_summary_for_staff(*, user: User, year: int | None = None) -> list[EffortSummaryRow]:
    """Per department (and efforts for the whole organisation): counts by kind and audience
    and the participants reached, for one year or all time."""
    efforts = effort_list_for_staff(user=user, year=year)
    rows: dict[int | None, dict[str, object]] = {}
    departments: dict[int | None, Department | None] = {None: None}
    for effort in efforts:
        targets: list[Department | None] = [*effort.departments.all()] or [None]
        for department in targets:
            key = department.pk if department is not None else None
            departments[key] = department
            row = rows.setdefault(
                key,
                {
                    "efforts": 0,
                    "participants": 0,
                    "kind": defaultdict(int),
                    "aud": defaultdict(int),
                },
            )
            row["efforts"] = int(row["efforts"]) + 1  # type: ignore[call-overload]
            row["participants"] = int(row["participants"]) + effort.participants  # type: ignore[call-overload]
            row["kind"][effort.kind] += 1  # type: ignore[index]
            row["aud"][effort.audience] += 1  # type: ignore[index]
    result = [
        EffortSummaryRow(
            department=departments[key],
            efforts=int(row["efforts"]),  # type: ignore[call-overload]
            participants=int(row["participants"]),  # type: ignore[call-overload]
            by_kind=dict(row["kind"]),  # type: ignore[call-overload]
            by_audience=dict(row["aud"]),  # type: ignore[call-overload]
        )
        for key, row in rows.items()
    ]
    return sorted(
        result, key=lambda r: (r.department is None, r.department.name if r.department else "")
    )


def department_get_for_staff(*, user: User, pk: int) -> Department:
    scope = _scope(user)
    try:
        return Department.objects.prefetch_related("areas").get(
            pk=pk, organisation_id=scope.organisation_id
        )
    except Department.DoesNotExist as error:
        raise Http404 from error


def action_status_counts(*, organisation_id: int) -> dict[str, int]:
    return dict(
        Action.objects.filter(organisation_id=organisation_id)
        .values_list("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )


def effort_participants_total(*, organisation_id: int, year: int) -> int:
    total = CompetenceEffort.objects.filter(
        organisation_id=organisation_id, held_on__year=year
    ).aggregate(total=Sum("participants"))["total"]
    return int(total or 0)


def department_list_for_actions(*, user: User) -> QuerySet[Department]:
    scope = _scope(user)
    return Department.objects.filter(organisation_id=scope.organisation_id).order_by("name")


def effort_years_for_staff(*, user: User) -> list[int]:
    scope = _scope(user)
    return sorted(
        {
            held_on.year
            for held_on in CompetenceEffort.objects.filter(
                organisation_id=scope.organisation_id
            ).values_list("held_on", flat=True)
        },
        reverse=True,
    )


def evidence_for_action(*, action: Action) -> list[dict[str, object]]:
    """The action's evidence, with the redacted text of linked stories."""
    from servicepuls.actions.evidence import evidence_rows

    return evidence_rows(action=action)


def department_results(*, department: Department) -> list[object]:
    """The latest NKI of each of the department's areas, with the change since the year before."""
    from servicepuls.actions.follow_up import area_results

    return list(
        area_results(organisation_id=department.organisation_id, areas=list(department.areas.all()))
    )
