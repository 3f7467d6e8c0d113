"""A person's case contact details on request: export them, or erase them (GDPR art. 15, 17)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from servicepuls.common.models import AuditAction
from servicepuls.common.services import audit_log_write
from servicepuls.organisations.models import Organisation
from servicepuls.surveys.models import CaseContact, SurveyOptOut
from servicepuls.surveys.services.tokens import person_key


def _contacts(organisation: Organisation, email: str) -> QuerySet[CaseContact]:
    return (
        CaseContact.objects.filter(case__organisation=organisation, email__iexact=email.strip())
        .select_related("case", "case__area", "case__invitation")
        .order_by("case__decided_on")
    )


def case_contacts_export(
    *, organisation: Organisation, email: str, actor: Any, request: HttpRequest | None = None
) -> dict[str, Any]:
    """Everything stored about the person with this e-mail address, as a JSON-ready dict."""
    cases = []
    for contact in _contacts(organisation, email):
        case = contact.case
        invitation = getattr(case, "invitation", None)
        cases.append(
            {
                "case": case.external_id,
                "area": case.area.slug,
                "decided_on": case.decided_on.isoformat(),
                "email": contact.email,
                "phone": contact.phone,
                "erase_after": contact.erase_after.isoformat(),
                "invited_at": invitation.sent_at.isoformat()
                if invitation and invitation.sent_at
                else None,
                "answered": bool(invitation and invitation.answered_at),
            }
        )
    key = person_key(organisation_id=organisation.pk, email=email)
    export = {
        "email": email.strip(),
        "organisation": organisation.code,
        "cases": cases,
        "opted_out": SurveyOptOut.objects.filter(
            organisation=organisation, person_key=key
        ).exists(),
        "note": "Survey answers are stored without contact details and cannot be linked back.",
    }
    audit_log_write(
        actor=actor,
        action=AuditAction.PERSONAL_DATA_EXPORTED,
        object_type="surveys.CaseContact",
        object_id=key[:16],
        organisation_id=organisation.pk,
        request=request,
        details={"cases": len(cases)},
    )
    return export


@transaction.atomic
def case_contacts_erase_for_person(
    *, organisation: Organisation, email: str, actor: Any, request: HttpRequest | None = None
) -> int:
    """Erase the person's contact details from every case; return how many were erased."""
    contacts = _contacts(organisation, email)
    count: int = contacts.count()
    contacts.delete()
    audit_log_write(
        actor=actor,
        action=AuditAction.PERSONAL_DATA_ERASED,
        object_type="surveys.CaseContact",
        object_id=person_key(organisation_id=organisation.pk, email=email)[:16],
        organisation_id=organisation.pk,
        request=request,
        details={"count": count, "reason": "request"},
    )
    return count
