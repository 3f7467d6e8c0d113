from datetime import date

import pytest
from django.urls import reverse

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import DepartmentFactory, UserFactory
from servicepuls.surveys.choices import ImportKind
from servicepuls.surveys.models import CaseApiToken, InvitationSchedule
from servicepuls.surveys.services.cases import CaseInput, cases_store
from servicepuls.surveys.services.imports import data_import_create
from servicepuls.surveys.tests.helpers import bygglov, cases_with_invitations

ADMIN_ONLY = [
    ("surveys:staff_cases", {}),
    ("surveys:staff_import", {}),
    ("surveys:staff_schedules", {}),
    ("surveys:staff_schedule_edit", {"area_slug": "bygglov"}),
    ("surveys:staff_api_tokens", {}),
]
EVERY_ROLE = [
    ("surveys:staff_overview", {}),
    ("surveys:staff_questionnaire", {}),
    ("surveys:staff_rates", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), ADMIN_ONLY + EVERY_ROLE)
def test_staff_survey_pages_open_for_the_admin(client, admin_user, name, kwargs):
    client.force_login(admin_user)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), ADMIN_ONLY)
@pytest.mark.parametrize("role", [Role.ANALYST, Role.STEERING, Role.DEPARTMENT, Role.NATIONAL])
def test_managing_surveys_and_imports_is_for_admins_only(
    client, municipality_a, role, name, kwargs
):
    department = DepartmentFactory(organisation=municipality_a) if role == Role.DEPARTMENT else None
    client.force_login(UserFactory(organisation=municipality_a, role=role, department=department))
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), EVERY_ROLE)
def test_results_pages_open_for_analysts(client, staff_user, name, kwargs):
    client.force_login(staff_user)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), ADMIN_ONLY + EVERY_ROLE)
def test_staff_survey_pages_send_anonymous_visitors_to_login(client, db, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def _case(organisation, external_id, respondent="private"):
    cases_store(
        organisation=organisation,
        cases=[
            CaseInput(
                external_id=external_id,
                area_id=bygglov().pk,
                respondent=respondent,
                decided_on=date(2026, 10, 1),
            )
        ],
        source="import",
    )


def test_case_list_shows_only_the_own_organisation_and_filters_respondents(
    client, admin_user, municipality_a, municipality_b, django_assert_max_num_queries
):
    _case(municipality_a, "OWN-PRIVATE")
    _case(municipality_a, "OWN-BUSINESS", respondent="business")
    _case(municipality_b, "FOREIGN-1")
    client.force_login(admin_user)

    with django_assert_max_num_queries(12):
        page = client.get(reverse("surveys:staff_cases")).content.decode()
    businesses = client.get(reverse("surveys:staff_cases"), {"respondent": "business"})

    assert "OWN-PRIVATE" in page
    assert "OWN-BUSINESS" in page
    assert "FOREIGN-1" not in page
    assert "OWN-PRIVATE" not in businesses.content.decode()
    assert "OWN-BUSINESS" in businesses.content.decode()


def test_an_import_of_another_organisation_is_not_found(client, admin_user, municipality_b):
    foreign = data_import_create(
        organisation=municipality_b,
        kind=ImportKind.CASES,
        filename="x.csv",
        data=b"a,b\n1,2\n",
    )
    client.force_login(admin_user)

    detail = client.get(reverse("surveys:staff_import_detail", kwargs={"import_id": foreign.pk}))
    status = client.get(reverse("surveys:staff_import_status", kwargs={"import_id": foreign.pk}))

    assert detail.status_code == 404
    assert status.status_code == 404


def test_import_upload_reports_an_unreadable_file_on_the_field(client, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    response = client.post(
        reverse("surveys:staff_import"),
        {"kind": "cases", "file": SimpleUploadedFile("x.csv", b"\x00\x00\x00")},
    )

    assert response.status_code == 200
    assert "x.csv" in response.context["form"].errors["file"][0]


def test_schedule_edit_validates_reminders(client, admin_user):
    client.force_login(admin_user)
    url = reverse("surveys:staff_schedule_edit", kwargs={"area_slug": "bygglov"})
    data = {
        "frequency": "quarterly",
        "sample_size": "50",
        "reminder_days": "7, 7",
        "person_interval_days": "90",
        "valid_days": "30",
    }

    refused = client.post(url, data)
    saved = client.post(url, {**data, "reminder_days": "5, 10, 20"})

    assert refused.status_code == 200
    assert not InvitationSchedule.objects.filter(pk__gt=0, reminder_days=[7, 7]).exists()
    assert saved.status_code == 302
    schedule = InvitationSchedule.objects.get()
    assert (schedule.frequency, schedule.sample_size, schedule.reminder_days) == (
        "quarterly",
        50,
        [5, 10, 20],
    )
    assert schedule.is_active is False


def test_response_rates_of_another_organisation_stay_invisible(
    client, staff_user, municipality_a, municipality_b
):
    cases_with_invitations(municipality_b, count=2)
    client.force_login(staff_user)

    page = client.get(reverse("surveys:staff_rates"), {"year": "2026"})

    assert [entry.organisation for entry in page.context["organisations"]] == [municipality_a]
    assert page.context["organisations"][0].rates == []
    assert page.context["periods"] == []


def test_department_contacts_see_only_their_areas_rates(client, department_user, municipality_a):
    cases_with_invitations(municipality_a, count=2)
    client.force_login(department_user)

    page = client.get(reverse("surveys:staff_rates"), {"year": "2026"})

    assert page.context["organisations"][0].rates == []  # bygglov is not their department's


def test_api_tokens_are_shown_once_and_can_be_revoked(client, admin_user):
    client.force_login(admin_user)
    created = client.post(
        reverse("surveys:staff_api_tokens"), {"action": "create", "name": "Castor"}
    )
    token = created.context["new_token"]
    assert token.startswith("spc_")
    assert token not in client.get(reverse("surveys:staff_api_tokens")).content.decode()

    stored = CaseApiToken.objects.get()
    client.post(reverse("surveys:staff_api_tokens"), {"action": "revoke", "token": stored.pk})
    stored.refresh_from_db()
    assert stored.revoked_at is not None
