"""Fixtures shared by the apps' tests: organisations and one staff user per role."""

from __future__ import annotations

import pytest

from servicepuls.accounts.choices import Role
from servicepuls.accounts.models import User
from servicepuls.accounts.tests.factories import DepartmentFactory, UserFactory
from servicepuls.organisations.models import Organisation
from servicepuls.organisations.reference_data import reference_data_ensure


@pytest.fixture(autouse=True)
def _cache_cleared() -> None:
    """Rate-limit counters and cached pages live in the caches: no test inherits another's."""
    from django.core.cache import caches

    from servicepuls.common.memo import memos_clear

    for cache in caches.all():
        cache.clear()
    memos_clear()


@pytest.fixture
def municipality_a(db: None) -> Organisation:
    """Haninge, as loaded by the reference-data migration."""
    reference_data_ensure()  # a transactional test before this one may have flushed it
    organisation = Organisation.objects.get(code="0136")
    organisation.is_active = True
    organisation.save(update_fields=["is_active"])
    return organisation


@pytest.fixture
def municipality_b(db: None) -> Organisation:
    """Nynäshamn: another organisation whose data must stay invisible to A's staff."""
    reference_data_ensure()
    return Organisation.objects.get(code="0192")


@pytest.fixture
def staff_user(municipality_a: Organisation) -> User:
    return UserFactory(organisation=municipality_a, role=Role.ANALYST)


@pytest.fixture
def admin_user(municipality_a: Organisation) -> User:
    return UserFactory(organisation=municipality_a, role=Role.ADMIN)


@pytest.fixture
def department_user(municipality_a: Organisation) -> User:
    department = DepartmentFactory(organisation=municipality_a)
    return UserFactory(organisation=municipality_a, role=Role.DEPARTMENT, department=department)
