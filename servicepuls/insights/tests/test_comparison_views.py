from __future__ import annotations

import pytest

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import (
    DepartmentFactory,
    OrganisationFactory,
    UserFactory,
)
from servicepuls.insights.models import PublishedResult
from servicepuls.insights.tests.helpers import answers_store
from servicepuls.organisations.models import AuthorityArea, Membership, Organisation

URL = "/staff/resultat/jamforelse/"


@pytest.fixture
def field(municipality_a, municipality_b):
    """Five municipalities with bygglov answers in 2024; one with too few to be ranked."""
    levels = {"0136": (7, 40), "0192": (9, 40), "0126": (5, 40), "0127": (8, 30), "0128": (6, 8)}
    for code, (level, count) in levels.items():
        answers_store(Organisation.objects.get(code=code), "bygglov", 2024, count, level=level)
    return municipality_a


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ANALYST, Role.STEERING, Role.DEPARTMENT])
def test_area_view_ranks_every_eligible_organisation_with_intervals(client, field, role):
    department = DepartmentFactory(organisation=field) if role == Role.DEPARTMENT else None
    client.force_login(UserFactory(organisation=field, role=role, department=department))

    response = client.get(URL, {"year": 2024, "area": "bygglov"})

    assert response.status_code == 200
    data = response.context["data"]
    ranked = [row for row in data.rows if row.rank is not None]
    assert {row.organisation.code for row in ranked} == {"0136", "0192", "0126", "0127"}
    assert next(row.organisation.code for row in ranked) == "0192"
    for row in ranked:
        assert row.rank.low <= row.rank.rank <= row.rank.high
    unranked = next(row for row in data.rows if row.organisation.code == "0128")
    assert not unranked.eligible
    assert unranked.rank is None
    assert data.own.organisation.code == "0136"
    assert "Rangintervall" in response.content.decode()


def test_comparison_lists_imported_results_marked_and_unranked(client, field):
    PublishedResult.objects.create(
        organisation=Organisation.objects.get(code="0480"),
        year=2024,
        area=AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True),
        value=65,
        n=100,
        source="SKR Insikt",
    )
    client.force_login(UserFactory(organisation=field, role=Role.ANALYST))

    data = client.get(URL, {"year": 2024, "area": "bygglov"}).context["data"]

    imported = next(row for row in data.rows if row.organisation.code == "0480")
    assert imported.imported
    assert imported.rank is None
    assert imported.imported_value == 65


def test_network_comparison_is_limited_to_the_network(client, field):
    network = OrganisationFactory()
    for code in ("0136", "0192"):
        Membership.objects.create(parent=network, member=Organisation.objects.get(code=code))
    client.force_login(UserFactory(organisation=field, role=Role.ANALYST))

    data = client.get(URL, {"year": 2024, "area": "bygglov", "compare": "network"}).context["data"]

    assert {row.organisation.code for row in data.rows} == {"0136", "0192"}


def test_national_analyst_sees_member_aggregates_only(client, field):
    network = OrganisationFactory()
    for code in ("0192", "0126"):
        Membership.objects.create(parent=network, member=Organisation.objects.get(code=code))
    client.force_login(UserFactory(organisation=network, role=Role.NATIONAL))

    response = client.get(URL, {"year": 2024, "area": "bygglov", "compare": "all"})

    data = response.context["data"]
    assert data.members_only
    assert {row.organisation.code for row in data.rows} == {"0192", "0126"}
    assert data.national_mean is None
    assert data.own is None
