"""Tokens with which case systems push closed cases; only a hash is stored."""

from __future__ import annotations

import secrets
from typing import Any

from django.utils import timezone

from servicepuls.organisations.models import Organisation
from servicepuls.surveys.models import CaseApiToken
from servicepuls.surveys.services.tokens import token_hash

TOKEN_PREFIX = "spc_"  # noqa: S105 - a public marker that makes leaked tokens recognisable


def case_api_token_create(
    *, organisation: Organisation, name: str, created_by: Any = None
) -> tuple[CaseApiToken, str]:
    """A new token; the clear text is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = CaseApiToken.objects.create(
        organisation=organisation,
        name=name[:100],
        token_hash=token_hash(raw),
        prefix=raw[:8],
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    return token, raw


def case_api_token_revoke(*, token: CaseApiToken) -> CaseApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def case_api_token_authenticate(*, raw: str) -> CaseApiToken | None:
    """The active token matching ``raw``, its use recorded; None for unknown or revoked."""
    token = (
        CaseApiToken.objects.select_related("organisation")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        CaseApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
