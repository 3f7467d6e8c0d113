"""Writes on accounts."""

from __future__ import annotations

from django.core.cache import cache
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


# A password-reset request sends an e-mail: one address may ask a few times an hour, so the
# form cannot be used to flood someone's inbox or to probe many addresses.
PASSWORD_RESET_LIMIT = 5
PASSWORD_RESET_WINDOW_SECONDS = 60 * 60


def password_reset_rate_limit_hit(*, client_ip: str | None) -> bool:
    """Count one password-reset request from ``client_ip``; True once the hour's limit is passed."""
    key = f"accounts:password-reset:{client_ip or 'unknown'}"
    cache.add(key, 0, timeout=PASSWORD_RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=PASSWORD_RESET_WINDOW_SECONDS)
        count = 1
    return count > PASSWORD_RESET_LIMIT
