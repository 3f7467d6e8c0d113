from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


@method_decorator(login_not_required, name="dispatch")
class ApiRootApi(APIView):
    """The API's entry point: its version and where the schema is."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses=inline_serializer(
            "ApiRoot", {"version": serializers.CharField(), "schema": serializers.CharField()}
        )
    )
    def get(self, request: Request) -> Response:
        return Response({"version": "1", "schema": request.build_absolute_uri("/api/schema/")})
