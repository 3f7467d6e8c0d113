"""Minimal data the scenarios need: one organisation that uses Servicepuls and a login user.

Feature-specific data (survey invitations, imports) is made by the scenario that needs it,
through the product's own services.
"""

from __future__ import annotations

LOAD_USERNAME = "proof-analytiker"
LOAD_PASSWORD = "proof-lösenord-för-last"  # noqa: S105 - a throw-away database's user
ORGANISATION_CODE = "0136"


def fixtures_load() -> None:
    """Activate Haninge and create its load-test analyst."""
    from servicepuls.accounts.choices import Role
    from servicepuls.accounts.models import User
    from servicepuls.organisations.models import Organisation
    from servicepuls.organisations.reference_data import reference_data_ensure

    reference_data_ensure()
    organisation = Organisation.objects.get(code=ORGANISATION_CODE)
    organisation.is_active = True
    organisation.save(update_fields=["is_active"])
    User.objects.create_user(
        username=LOAD_USERNAME,
        password=LOAD_PASSWORD,
        organisation=organisation,
        role=Role.ANALYST,
    )


def survey_invitations_prepare(count: int, path: str) -> None:
    """``count`` survey invitations of Haninge, made through the product's services.

    Cases of building permits decided last month (every other one a business), a monthly
    schedule, and its invitations; their link tokens are written to ``path``, one a line.
    """
    from datetime import timedelta

    from django.utils import timezone

    from servicepuls.organisations.models import AuthorityArea, Organisation
    from servicepuls.surveys.choices import CaseSource
    from servicepuls.surveys.services.cases import CaseInput, cases_store
    from servicepuls.surveys.services.invitations import (
        invitation_schedule_save,
        invitations_create,
        period_of,
    )
    from servicepuls.surveys.services.tokens import invitation_token

    organisation = Organisation.objects.get(code=ORGANISATION_CODE)
    area = AuthorityArea.objects.get(organisation__isnull=True, slug="bygglov")
    decided_on = timezone.localdate().replace(day=1) - timedelta(days=1)
    cases = [
        CaseInput(
            external_id=f"LAST-{number}",
            area_id=area.pk,
            respondent="business" if number % 2 else "private",
            decided_on=decided_on,
            email=f"kund{number}@example.se",
        )
        for number in range(count)
    ]
    cases_store(organisation=organisation, cases=cases, source=CaseSource.API)
    schedule = invitation_schedule_save(
        organisation=organisation,
        area=area,
        frequency="monthly",
        sample_size=None,
        reminder_days=[],
    )
    invitations = invitations_create(
        schedule=schedule, period=period_of(decided_on, "monthly"), now=timezone.now()
    )
    with open(path, "w", encoding="utf-8") as tokens:
        tokens.writelines(invitation_token(nonce=item.token_nonce) + "\n" for item in invitations)
