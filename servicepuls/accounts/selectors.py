"""Reads on behalf of staff users, and the one choke point that scopes them.

Every staff read of organisation-owned data starts from ``staff_scope_get(user=...)``:
the scope says which organisation's rows the user may see and, for department contacts,
which areas. A row outside the scope is treated exactly like a missing row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from servicepuls.accounts.choices import Role
from servicepuls.accounts.models import User
from servicepuls.organisations.models import AuthorityArea, Department, Organisation


@dataclass(frozen=True, slots=True)
class StaffScope:
    """What one staff user may see.

    ``area_ids`` is ``None`` when every area of the organisation is visible; department
    contacts see only their department's areas. ``member_ids`` lists the organisations whose
    aggregated results a national analyst may see (the network's members).
    """

    user_id: int
    organisation_id: int
    role: str
    department_id: int | None
    area_ids: frozenset[int] | None
    member_ids: frozenset[int]

    @property
    def sees_individual_data(self) -> bool:
        """Whether stories and single answers are visible at all (never for national analysts)."""
        return self.role != Role.NATIONAL


def staff_scope_get(*, user: User) -> StaffScope:
    """Return the user's scope; raise ``PermissionDenied`` for users outside an organisation."""
    if not user.is_authenticated or not user.is_organisation_staff or user.organisation_id is None:
        raise PermissionDenied
    area_ids: frozenset[int] | None = None
    if user.role == Role.DEPARTMENT:
        area_ids = frozenset(
            AuthorityArea.objects.filter(departments=user.department_id).values_list(
                "id", flat=True
            )
        )
    member_ids: frozenset[int] = frozenset()
    if user.role == Role.NATIONAL:
        member_ids = frozenset(
            Organisation.objects.filter(parent_links__parent_id=user.organisation_id).values_list(
                "id", flat=True
            )
        )
    return StaffScope(
        user_id=user.pk,
        organisation_id=user.organisation_id,
        role=user.role,
        department_id=user.department_id,
        area_ids=area_ids,
        member_ids=member_ids,
    )


def organisation_get_for_staff(*, user: User) -> Organisation:
    """The user's own organisation."""
    scope = staff_scope_get(user=user)
    return Organisation.objects.get(pk=scope.organisation_id)


def department_list_for_staff(*, user: User) -> QuerySet[Department]:
    """Departments of the user's organisation, with their areas."""
    scope = staff_scope_get(user=user)
    return (
        Department.objects.filter(organisation_id=scope.organisation_id)
        .prefetch_related("areas")
        .order_by("name")
    )


def area_list_for_staff(*, user: User) -> QuerySet[AuthorityArea]:
    """The areas the user may see: national areas plus the organisation's own, scoped by role."""
    scope = staff_scope_get(user=user)
    areas = AuthorityArea.objects.filter(
        Q(organisation__isnull=True) | Q(organisation_id=scope.organisation_id)
    ).prefetch_related("total_rules")
    if scope.area_ids is not None:
        areas = areas.filter(id__in=scope.area_ids)
    return areas.order_by("sort_order", "name")


def user_list_for_staff(*, user: User) -> QuerySet[User]:
    """Accounts of the user's organisation."""
    scope = staff_scope_get(user=user)
    return User.objects.filter(organisation_id=scope.organisation_id).select_related("department")


def member_organisation_list_for_staff(*, user: User) -> QuerySet[Organisation]:
    """Organisations whose aggregates the user may compare: the network's members, else own."""
    scope = staff_scope_get(user=user)
    if scope.role == Role.NATIONAL:
        return Organisation.objects.filter(id__in=scope.member_ids).order_by("name")
    return Organisation.objects.filter(id=scope.organisation_id)
