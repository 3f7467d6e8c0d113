import pytest
from django.urls import reverse

from servicepuls.surveys.models import Case, CaseApiToken
from servicepuls.surveys.services.api_tokens import case_api_token_create, case_api_token_revoke

URL = "/api/v1/surveys/cases/"


@pytest.fixture
def token(municipality_a):
    _stored, raw = case_api_token_create(organisation=municipality_a, name="Castor")
    return raw


def _case(**overrides):
    return {
        "external_id": "BN-2026-100",
        "area": "bygglov",
        "respondent": "business",
        "organisation_number": "5560360793",
        "email": "anna@example.se",
        "received_on": "2026-10-01",
        "completed_on": "2026-10-05",
        "decided_on": "2026-11-02",
        "outcome": "approved",
        "fee": "8400.00",
        **overrides,
    }


def test_case_push_api_stores_cases_idempotently_for_the_tokens_organisation(
    client, token, municipality_a
):
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"}
    first = client.post(URL, {"cases": [_case()]}, content_type="application/json", **headers)
    again = client.post(
        URL, {"cases": [_case(outcome="rejected")]}, content_type="application/json", **headers
    )

    assert first.status_code == 200
    assert first.json() == {"created": 1, "updated": 0}
    assert again.json() == {"created": 0, "updated": 1}
    case = Case.objects.get()
    assert case.organisation == municipality_a
    assert case.outcome == "rejected"
    assert case.handling_days == 28
    assert case.organisation_number == "556036-0793"
    assert case.source == "api"
    assert CaseApiToken.objects.get().last_used_at is not None


def test_case_push_api_rejects_the_whole_request_naming_index_and_field(client, token):
    response = client.post(
        URL,
        {"cases": [_case(), _case(external_id="B", area="frisör", decided_on="2026-13-01")]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["extra"]["fields"]["cases"]["1"]) == {"decided_on"}
    assert Case.objects.count() == 0


def test_case_push_api_rejects_unknown_areas(client, token):
    response = client.post(
        URL,
        {"cases": [_case(area="frisör")]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )

    assert response.status_code == 400
    assert "area" in response.json()["extra"]["fields"]["cases"]["0"]


@pytest.mark.parametrize("header", ["", "Token nonsense", "Bearer x", "Token a b"])
def test_case_push_api_needs_a_valid_token(client, db, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post(URL, {"cases": [_case()]}, content_type="application/json", **extra)

    assert response.status_code in (401, 403)
    assert Case.objects.count() == 0


def test_case_push_api_refuses_a_revoked_token(client, municipality_a):
    stored, raw = case_api_token_create(organisation=municipality_a, name="Old")
    case_api_token_revoke(token=stored)

    response = client.post(
        URL,
        {"cases": [_case()]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {raw}",
    )

    assert response.status_code == 401


def test_case_push_api_is_documented_in_the_openapi_schema(client, db):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()

    operation = schema["paths"][URL]["post"]
    assert "caseSystemToken" in schema["components"]["securitySchemes"]
    assert operation["security"] == [{"caseSystemToken": []}]
    request_schema = schema["components"]["schemas"]["CasePushRequest"]
    assert "cases" in request_schema["properties"]


def test_case_push_api_refuses_an_email_address_wider_than_its_column(client, token):
    """A valid address of 255–320 characters used to fail in PostgreSQL with a 500."""
    response = client.post(
        URL,
        {"cases": [_case(email="a" * 250 + "@example.se")]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )

    assert response.status_code == 400
    assert set(response.json()["extra"]["fields"]["cases"]["0"]) == {"email"}
    assert Case.objects.count() == 0
