"""Writes of cases and their contact details."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from servicepuls.common.models import AuditAction
from servicepuls.common.services import audit_log_write
from servicepuls.organisations.models import Organisation
from servicepuls.surveys.models import Case, CaseContact


@dataclass(frozen=True, slots=True)
class CaseInput:
    """One validated case from a file import, the API or the demo."""

    external_id: str
    area_id: int
    respondent: str
    decided_on: date
    department_id: int | None = None
    organisation_number: str = ""
    email: str = ""
    phone: str = ""
    received_on: date | None = None
    completed_on: date | None = None
    outcome: str = ""
    fee: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CaseStoreResult:
    created: int
    updated: int


def case_handling_days(
    *, received_on: date | None, completed_on: date | None, decided_on: date
) -> int | None:
    """Days from a complete application (else from receipt) to the decision; None if unknown."""
    start = completed_on or received_on
    if start is None or start > decided_on:
        return None
    return (decided_on - start).days


_CASE_FIELDS = [
    "area_id",
    "respondent",
    "decided_on",
    "department_id",
    "organisation_number",
    "received_on",
    "completed_on",
    "outcome",
    "fee",
    "handling_days",
]


def _case_from_input(organisation: Organisation, data: CaseInput, source: str) -> Case:
    return Case(
        organisation=organisation,
        external_id=data.external_id,
        area_id=data.area_id,
        respondent=data.respondent,
        decided_on=data.decided_on,
        department_id=data.department_id,
        organisation_number=data.organisation_number if data.respondent == "business" else "",
        received_on=data.received_on,
        completed_on=data.completed_on,
        outcome=data.outcome,
        fee=data.fee,
        handling_days=case_handling_days(
            received_on=data.received_on,
            completed_on=data.completed_on,
            decided_on=data.decided_on,
        ),
        source=source,
    )


@transaction.atomic
def cases_store(
    *,
    organisation: Organisation,
    cases: Sequence[CaseInput],
    source: str,
    today: date | None = None,
) -> CaseStoreResult:
    """Create or update cases idempotently by external case id, all or nothing.

    Contact details are replaced by the ones given; details already past the
    organisation's retention period are not stored at all.
    """
    today = today or timezone.localdate()
    retention = timedelta(days=organisation.retention_days)
    existing: dict[str, Case] = {}
    external_ids = [data.external_id for data in cases]
    for start in range(0, len(external_ids), 500):
        for case in Case.objects.filter(
            organisation=organisation, external_id__in=external_ids[start : start + 500]
        ):
            existing[case.external_id] = case
    to_create: list[Case] = []
    to_update: list[Case] = []
    for data in cases:
        built = _case_from_input(organisation, data, source)
        current = existing.get(data.external_id)
        if current is None:
            to_create.append(built)
            existing[data.external_id] = built
        else:
            for name in _CASE_FIELDS:
                setattr(current, name, getattr(built, name))
            to_update.append(current)
    Case.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        Case.objects.bulk_update(to_update, _CASE_FIELDS, batch_size=500)
    touched = [existing[data.external_id].pk for data in cases]
    CaseContact.objects.filter(case_id__in=touched).delete()
    contacts = [
        CaseContact(
            case_id=existing[data.external_id].pk,
            email=data.email,
            phone=data.phone,
            erase_after=data.decided_on + retention,
        )
        for data in cases
        if (data.email or data.phone) and data.decided_on + retention >= today
    ]
    CaseContact.objects.bulk_create(contacts, batch_size=1000)
    return CaseStoreResult(created=len(to_create), updated=len(to_update))


@transaction.atomic
def case_contacts_erase_expired(*, today: date) -> int:
    """Erase the contact details whose retention period has ended; return the count."""
    expired = CaseContact.objects.filter(erase_after__lt=today)
    by_organisation: dict[int, int] = {}
    for organisation_id in expired.values_list("case__organisation_id", flat=True):
        by_organisation[organisation_id] = by_organisation.get(organisation_id, 0) + 1
    expired.delete()
    for organisation_id, count in by_organisation.items():
        audit_log_write(
            actor=None,
            action=AuditAction.PERSONAL_DATA_ERASED,
            object_type="surveys.CaseContact",
            object_id="retention",
            organisation_id=organisation_id,
            details={"count": count, "reason": "retention period ended"},
        )
    return sum(by_organisation.values())
