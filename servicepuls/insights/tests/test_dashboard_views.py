from __future__ import annotations

import pytest
from django.urls import reverse

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import OrganisationFactory, UserFactory
from servicepuls.insights.tests.helpers import answers_store
from servicepuls.organisations.models import AuthorityArea, Membership
from servicepuls.surveys.models import SurveyAnswer

URL = "/staff/resultat/"


@pytest.fixture
def results(municipality_a, municipality_b):
    """Haninge: bygglov 2023–2024 and livsmedel 2024 (5 answers: suppressed); Nynäshamn too."""
    answers_store(municipality_a, "bygglov", 2023, 30, level=6)
    answers_store(municipality_a, "bygglov", 2024, 40, level=8)
    answers_store(municipality_a, "bygglov", 2024, 10, level=5, outcome="rejected")
    answers_store(municipality_a, "livsmedel", 2024, 5, level=9)
    answers_store(municipality_b, "serveringstillstand", 2024, 25, level=9)
    return municipality_a


def test_dashboard_requires_login(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/logga-in/" in response["Location"]


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ANALYST, Role.STEERING])
def test_dashboard_shows_total_areas_bands_and_suppression(client, results, role):
    client.force_login(UserFactory(organisation=results, role=role))

    response = client.get(URL, {"year": 2024})

    assert response.status_code == 200
    data = response.context["data"]
    assert data.year == 2024
    assert data.years == [2023, 2024]
    assert data.total.nki.n == sum(p.results.nki.n for p in data.areas if p.counts_in_total)
    slugs = [panel.area.slug for panel in data.areas]
    assert slugs == ["bygglov", "livsmedel"]  # Nynäshamn's serveringstillstånd is invisible
    livsmedel = data.areas[1].results.nki
    assert livsmedel.suppressed
    assert livsmedel.value is None
    body = response.content.decode()
    assert "Bygglov" in body
    assert "för få svar" in body
    assert f'band--{data.total.nki.band}"' in body
    assert data.total.nki.band_label in body


def test_dashboard_marks_a_significant_rise_and_the_record(client, results):
    client.force_login(UserFactory(organisation=results, role=Role.ANALYST))

    data = client.get(URL, {"year": 2024}).context["data"]

    bygglov = data.areas[0]
    assert [entry.year for entry in bygglov.trend] == [2023, 2024]
    assert bygglov.trend[1].nki.value > bygglov.trend[0].nki.value
    assert bygglov.trend[1].change == "rise"
    # Only one earlier year: no "highest since measurements began" claim.
    assert bygglov.statement == ""


def test_dashboard_filters_respondents_and_splits_outcomes(client, results):
    answers_store(results, "bygglov", 2024, 12, level=3, respondent="private")
    client.force_login(UserFactory(organisation=results, role=Role.ANALYST))

    everyone = client.get(URL, {"year": 2024}).context["data"]
    private = client.get(URL, {"year": 2024, "respondent": "private"}).context["data"]

    valid = SurveyAnswer.objects.filter(nki__isnull=False, organisation=results, year=2024)
    assert private.respondent == "private"
    assert private.areas[0].results.answers == 12
    assert private.areas[0].results.nki.n == valid.filter(respondent="private").count()
    assert everyone.areas[0].results.nki.n == valid.filter(area__slug="bygglov").count()
    assert dict(everyone.by_respondent)["private"].n == valid.filter(respondent="private").count()
    by_outcome = dict(everyone.by_outcome)
    assert by_outcome["rejected"].n == valid.filter(outcome="rejected").count()
    assert by_outcome["approved"].n == valid.filter(outcome="approved").count()


def test_dashboard_of_a_department_contact_shows_only_its_areas_and_no_total(
    client, results, department_user
):
    department_user.department.areas.add(
        AuthorityArea.objects.get(slug="livsmedel", organisation__isnull=True)
    )
    client.force_login(department_user)

    data = client.get(URL, {"year": 2024}).context["data"]

    assert [panel.area.slug for panel in data.areas] == ["livsmedel"]
    assert data.total is None


def test_dashboard_sends_a_national_analyst_to_the_comparison(client, results):
    network = OrganisationFactory()
    Membership.objects.create(parent=network, member=results)
    client.force_login(UserFactory(organisation=network, role=Role.NATIONAL))

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("insights:comparison")


def test_dashboard_without_answers_says_so(client, municipality_a):
    client.force_login(UserFactory(organisation=municipality_a, role=Role.ANALYST))

    response = client.get(URL, {"year": "not-a-year", "respondent": "<script>"})

    assert response.status_code == 200
    assert response.context["data"].year is None
    assert response.context["data"].areas == []
