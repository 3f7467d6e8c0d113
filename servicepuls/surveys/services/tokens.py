"""Survey link tokens and person keys: keyed hashes, so the database alone reveals neither."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from django.conf import settings


def _hmac(message: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).digest()


def token_nonce_new() -> str:
    return secrets.token_hex(16)


def invitation_token(*, nonce: str) -> str:
    """The link token of an invitation: 43 URL-safe characters (256 bits)."""
    return base64.urlsafe_b64encode(_hmac(f"survey-invitation:{nonce}")).decode().rstrip("=")


def token_hash(token: str) -> str:
    """What is stored and looked up: SHA-256 of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def person_key(*, organisation_id: int, email: str) -> str:
    """A keyed hash of an e-mail address, to limit invitations per person and honour opt-outs."""
    normalised = email.strip().lower()
    return _hmac(f"survey-person:{organisation_id}:{normalised}").hex()
