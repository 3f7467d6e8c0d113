"""Steering-group reports of the user's organisation."""

from __future__ import annotations

from django.db.models import QuerySet

from servicepuls.accounts.models import User
from servicepuls.accounts.selectors import staff_scope_get
from servicepuls.insights.models import SteeringReport


def steering_report_list_for_staff(*, user: User) -> QuerySet[SteeringReport]:
    """The organisation's reports, newest first."""
    scope = staff_scope_get(user=user)
    return SteeringReport.objects.filter(organisation_id=scope.organisation_id).select_related(
        "requested_by"
    )


def steering_report_get_for_staff(*, user: User, report_id: int) -> SteeringReport:
    """One report of the organisation; another organisation's raises ``DoesNotExist``."""
    return steering_report_list_for_staff(user=user).get(pk=report_id)
