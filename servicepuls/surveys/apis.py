"""REST endpoint for case systems: push closed cases with the organisation's token."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.utils.decorators import method_decorator
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from servicepuls.surveys.choices import CaseSource, Outcome, Respondent
from servicepuls.surveys.importers.cases import case_lookups_for
from servicepuls.surveys.importers.values import (
    MAX_EMAIL_CHARS,
    MAX_PHONE_CHARS,
    organisation_number_parse,
    phone_parse,
)
from servicepuls.surveys.models import CaseApiToken
from servicepuls.surveys.services.api_tokens import case_api_token_authenticate
from servicepuls.surveys.services.cases import CaseInput, cases_store

MAX_CASES_PER_REQUEST = 1000


class CaseApiTokenAuthentication(BaseAuthentication):
    """``Authorization: Token <token>``; the request acts for the token's organisation."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[AnonymousUser, CaseApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Malformed token header.")
        token = case_api_token_authenticate(raw=parts[1].decode("latin-1"))
        if token is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked token.")
        return AnonymousUser(), token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class CaseApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "servicepuls.surveys.apis.CaseApiTokenAuthentication"
    name = "caseSystemToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`; an organisation's admin creates tokens under /staff/enkater/api-nycklar/.",
        }


class HasCaseApiToken(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.auth, CaseApiToken)


class CaseApiTokenThrottle(SimpleRateThrottle):
    rate = "120/minute"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, CaseApiToken):
            return f"throttle_case_api_{request.auth.pk}"
        return self.get_ident(request)


class _OrgNumberField(serializers.CharField):
    def to_internal_value(self, data: Any) -> str:
        text = super().to_internal_value(data)
        try:
            return organisation_number_parse(text) if text else ""
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error


class _PhoneField(serializers.CharField):
    def to_internal_value(self, data: Any) -> str:
        text = super().to_internal_value(data)
        try:
            return phone_parse(text) if text else ""
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error


@method_decorator(login_not_required, name="dispatch")
class CasePushApi(APIView):
    """Create or update closed cases, idempotently by ``external_id``; all or nothing."""

    authentication_classes = [CaseApiTokenAuthentication]
    permission_classes = [HasCaseApiToken]
    throttle_classes = [CaseApiTokenThrottle]

    class CaseSerializer(serializers.Serializer):  # type: ignore[type-arg]
        external_id = serializers.CharField(max_length=100)
        area = serializers.CharField(max_length=120, help_text="Area slug, e.g. bygglov.")
        department = serializers.CharField(max_length=200, required=False, allow_blank=True)
        respondent = serializers.ChoiceField(choices=Respondent.values)
        organisation_number = _OrgNumberField(
            max_length=13, required=False, allow_blank=True, default=""
        )
        email = serializers.EmailField(
            max_length=MAX_EMAIL_CHARS, required=False, allow_blank=True, default=""
        )
        phone = _PhoneField(
            max_length=MAX_PHONE_CHARS, required=False, allow_blank=True, default=""
        )
        received_on = serializers.DateField(required=False, allow_null=True, default=None)
        completed_on = serializers.DateField(required=False, allow_null=True, default=None)
        decided_on = serializers.DateField()
        outcome = serializers.ChoiceField(
            choices=[*Outcome.values], required=False, allow_blank=True, default=""
        )
        fee = serializers.DecimalField(
            max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
        )

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if attrs.get("organisation_number") and attrs["respondent"] != "business":
                raise serializers.ValidationError(
                    {"organisation_number": "Only businesses have an organisation number."}
                )
            for name in ("received_on", "completed_on"):
                if attrs.get(name) and attrs[name] > attrs["decided_on"]:
                    raise serializers.ValidationError({name: "The date is after the decision."})
            return attrs

    class InputSerializer(serializers.Serializer):  # type: ignore[type-arg]
        cases = serializers.ListField(
            child=serializers.DictField(), min_length=1, max_length=MAX_CASES_PER_REQUEST
        )

    @extend_schema(
        request=inline_serializer(
            "CasePushRequest",
            {
                "cases": serializers.ListField(
                    child=CaseSerializer(), max_length=MAX_CASES_PER_REQUEST
                )
            },
        ),
        responses={
            200: inline_serializer(
                "CasePushResult",
                {"created": serializers.IntegerField(), "updated": serializers.IntegerField()},
            )
        },
        description=(
            "Push closed cases from a case-management system. Cases are matched on "
            "`external_id` (idempotent). Every case is validated first; when one is invalid "
            "nothing is stored and the errors name the case's index and field."
        ),
    )
    def post(self, request: Request) -> Response:
        token = request.auth
        if not isinstance(token, CaseApiToken):
            raise exceptions.NotAuthenticated()
        payload = self.InputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        lookups = case_lookups_for(token.organisation)
        cases: list[CaseInput] = []
        errors: dict[str, Any] = {}
        seen: set[str] = set()
        for index, raw in enumerate(payload.validated_data["cases"]):
            serializer = self.CaseSerializer(data=raw)
            if not serializer.is_valid():
                errors[str(index)] = serializer.errors
                continue
            data = serializer.validated_data
            problems: dict[str, str] = {}
            area_id = department_id = None
            try:
                area_id = lookups.area(data["area"])
            except ValueError as error:
                problems["area"] = str(error)
            if data.get("department"):
                try:
                    department_id = lookups.department(data["department"])
                except ValueError as error:
                    problems["department"] = str(error)
            if data["external_id"] in seen:
                problems["external_id"] = "The case id appears twice in the request."
            seen.add(data["external_id"])
            if problems or area_id is None:
                errors[str(index)] = problems
                continue
            cases.append(
                CaseInput(
                    external_id=data["external_id"],
                    area_id=area_id,
                    respondent=data["respondent"],
                    decided_on=data["decided_on"],
                    department_id=department_id,
                    organisation_number=data["organisation_number"],
                    email=data["email"],
                    phone=data["phone"],
                    received_on=data["received_on"],
                    completed_on=data["completed_on"],
                    outcome=data["outcome"],
                    fee=data.get("fee"),
                )
            )
        if errors:
            raise exceptions.ValidationError({"cases": errors})
        result = cases_store(organisation=token.organisation, cases=cases, source=CaseSource.API)
        return Response(
            {"created": result.created, "updated": result.updated}, status=status.HTTP_200_OK
        )
