from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from servicepuls.accounts.choices import Role
from servicepuls.accounts.selectors import (
    area_list_for_staff,
    department_list_for_staff,
    member_organisation_list_for_staff,
    organisation_get_for_staff,
    staff_scope_get,
    user_list_for_staff,
)
from servicepuls.accounts.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory
from servicepuls.organisations.models import AuthorityArea, Membership


def test_staff_selectors_show_nothing_of_another_organisation(
    staff_user, municipality_a, municipality_b
):
    own_department = DepartmentFactory(organisation=municipality_a, name="Miljöförvaltningen")
    DepartmentFactory(organisation=municipality_b, name="Miljöförvaltningen")
    other_user = UserFactory(organisation=municipality_b)

    assert organisation_get_for_staff(user=staff_user) == municipality_a
    assert list(department_list_for_staff(user=staff_user)) == [own_department]
    assert other_user not in user_list_for_staff(user=staff_user)
    assert set(user_list_for_staff(user=staff_user)) == {staff_user}


def test_area_list_includes_own_optional_areas_but_not_another_organisation_s(
    staff_user, municipality_a, municipality_b
):
    own = AuthorityArea.objects.create(
        slug="lantmateri", name="Lantmäteri", organisation=municipality_a
    )
    foreign = AuthorityArea.objects.create(slug="tobak", name="Tobak", organisation=municipality_b)

    areas = set(area_list_for_staff(user=staff_user))

    assert own in areas
    assert foreign not in areas
    assert AuthorityArea.objects.get(slug="bygglov", organisation=None) in areas


def test_department_contact_sees_only_the_department_s_areas(department_user):
    bygglov = AuthorityArea.objects.get(slug="bygglov", organisation=None)
    department_user.department.areas.set([bygglov])

    assert list(area_list_for_staff(user=department_user)) == [bygglov]
    assert staff_scope_get(user=department_user).area_ids == frozenset({bygglov.pk})


def test_national_analyst_compares_the_network_s_members_and_sees_no_individual_data(
    municipality_a, municipality_b
):
    network = OrganisationFactory()
    Membership.objects.create(parent=network, member=municipality_a)
    national = UserFactory(organisation=network, role=Role.NATIONAL)

    scope = staff_scope_get(user=national)

    assert set(member_organisation_list_for_staff(user=national)) == {municipality_a}
    assert scope.sees_individual_data is False
    assert municipality_b.pk not in scope.member_ids


@pytest.mark.django_db
def test_staff_scope_refuses_users_without_an_organisation(django_user_model):
    support = django_user_model.objects.create_superuser("support", "s@example.invalid", "x" * 16)

    with pytest.raises(PermissionDenied):
        staff_scope_get(user=support)
