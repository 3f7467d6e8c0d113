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
