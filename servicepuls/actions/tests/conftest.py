"""Fixtures of the actions tests: a steering-group member, a department with a contact,
survey answers and stories written for these tests."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import DepartmentFactory, UserFactory
from servicepuls.organisations.models import AuthorityArea
from servicepuls.stories.models import Story, StoryContact
from servicepuls.surveys.models import SurveyAnswer

_counter = itertools.count(1)


@pytest.fixture
def bygglov(db):
    return AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True)


@pytest.fixture
def department(municipality_a, bygglov):
    department = DepartmentFactory(organisation=municipality_a, name="Samhällsbyggnad")
    department.areas.set([bygglov])
    return department


@pytest.fixture
def other_department(municipality_a):
    return DepartmentFactory(organisation=municipality_a, name="Miljöförvaltningen")


@pytest.fixture
def steering_user(municipality_a):
    return UserFactory(organisation=municipality_a, role=Role.STEERING, email="chair@example.se")


@pytest.fixture
def contact_user(municipality_a, department):
    return UserFactory(
        organisation=municipality_a,
        role=Role.DEPARTMENT,
        department=department,
        email="contact@example.se",
    )


@pytest.fixture
def other_contact_user(municipality_a, other_department):
    return UserFactory(
        organisation=municipality_a, role=Role.DEPARTMENT, department=other_department
    )


@pytest.fixture
def national_user(municipality_a):
    return UserFactory(organisation=municipality_a, role=Role.NATIONAL)


def answers_create(organisation, area, year, nki_values, factor_values=None, measure="nki"):
    """Store one answer set per value; the value goes into ``measure`` (and NKI)."""
    rows = []
    for value in nki_values:
        number = next(_counter)
        fields = {"nki": float(value)}
        if measure != "nki":
            fields[measure] = float(value)
        rows.append(
            SurveyAnswer(
                organisation=organisation,
                area=area,
                year=year,
                respondent="business",
                outcome="approved",
                source="import",
                external_id=f"t-{number}",
                items={},
                submitted_at=dt.datetime(year, 6, 1, 12, tzinfo=dt.UTC),
                **fields,
            )
        )
    SurveyAnswer.objects.bulk_create(rows)
    return rows


@pytest.fixture
def rising_bygglov_answers(municipality_a, bygglov):
    """2024: 40 answers around 55; 2025: 40 around 60; 2026: 40 around 72 (a clear rise)."""
    rng = np.random.default_rng(7)
    values = {}
    for year, mean in ((2024, 55), (2025, 60), (2026, 72)):
        values[year] = np.clip(rng.normal(mean, 12, 40), 0, 100).round(4).tolist()
        answers_create(municipality_a, bygglov, year, values[year])
    return values


def story_create(
    organisation,
    area,
    *,
    status="shared",
    factors=("information",),
    sentiment="negative",
    text="[namn] fick vänta länge.",
    contact_email="",
):
    number = next(_counter)
    story = Story.objects.create(
        organisation=organisation,
        reference=f"T-{number:05d}",
        channel="web",
        submitter="business",
        raw_text="Karin Larsson fick vänta länge, ring 070-123 45 67.",
        redacted_text=text,
        area=area,
        factors=list(factors),
        sentiment=sentiment,
        status=status,
    )
    if contact_email:
        StoryContact.objects.create(
            story=story, name="Karin Larsson", email=contact_email, consent_follow_up=True
        )
    return story
