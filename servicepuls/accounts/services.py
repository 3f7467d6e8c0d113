"""Writes on accounts."""

from __future__ import annotations

from django.db import transaction

from servicepuls.accounts.choices import Role
from servicepuls.accounts.models import User
from servicepuls.organisations.models import Department, Organisation


@transaction.atomic
def user_create(
    *,
    username: str,
    organisation: Organisation,
    role: Role,
    email: str = "",
    password: str | None = None,
    department: Department | None = None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Create a staff account; without a password the person sets one by password reset."""
    user = User(
        username=username,
        email=email,
        organisation=organisation,
        role=role,
        department=department,
        first_name=first_name,
        last_name=last_name,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    return user
