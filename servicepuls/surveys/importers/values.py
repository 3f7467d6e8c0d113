"""Parsing of single cell values shared by the importers; each raises ``ValueError``."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

RESPONDENT_WORDS = {
    "business": "business",
    "företag": "business",
    "foretag": "business",
    "f": "business",
    "private": "private",
    "privatperson": "private",
    "privat": "private",
    "p": "private",
}
OUTCOME_WORDS = {
    "": "",
    "approved": "approved",
    "bifall": "approved",
    "beviljat": "approved",
    "beviljad": "approved",
    "rejected": "rejected",
    "avslag": "rejected",
    "avslaget": "rejected",
    "other": "other",
    "annat": "other",
    "övrigt": "other",
}
_ORGNR = re.compile(r"^(?:16)?(\d{6})-?(\d{4})$")
# The widths of the CaseContact columns (a longer value fails on PostgreSQL).
MAX_EMAIL_CHARS = 254
MAX_PHONE_CHARS = 30
# A cell quoted in an error message is cut to this length (cells can be 32 000 characters).
MAX_SHOWN_CHARS = 60


def shown(text: str) -> str:
    """``text`` as quoted in an error message: at most ``MAX_SHOWN_CHARS`` characters."""
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def _too_long(text: str, limit: int) -> ValueError:
    return ValueError(
        _("“%(value)s” is longer than %(max)s characters.") % {"value": shown(text), "max": limit}
    )


_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-]+$")


def date_parse(text: str) -> date:
    """An ISO date (``2025-03-01``; a time after it is ignored)."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(
            _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": shown(text)}
        ) from None


def respondent_parse(text: str) -> str:
    try:
        return RESPONDENT_WORDS[text.strip().lower()]
    except KeyError:
        raise ValueError(
            _("“%(value)s” is not a respondent type (business or private).")
            % {"value": shown(text)}
        ) from None


def outcome_parse(text: str) -> str:
    try:
        return OUTCOME_WORDS[text.strip().lower()]
    except KeyError:
        raise ValueError(
            _("“%(value)s” is not an outcome (approved, rejected, other or empty).")
            % {"value": shown(text)}
        ) from None


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def organisation_number_parse(text: str) -> str:
    """A Swedish organisation number, returned as ``NNNNNN-NNNN``."""
    match = _ORGNR.match(text.replace(" ", ""))
    if match is None or not _luhn_ok(match[1] + match[2]):
        raise ValueError(
            _("“%(value)s” is not a valid organisation number.") % {"value": shown(text)}
        )
    return f"{match[1]}-{match[2]}"


def email_parse(text: str) -> str:
    try:
        validate_email(text)
    except ValidationError:
        raise ValueError(
            _("“%(value)s” is not an e-mail address.") % {"value": shown(text)}
        ) from None
    if len(text.strip()) > MAX_EMAIL_CHARS:
        raise _too_long(text, MAX_EMAIL_CHARS)
    return text.strip()


def phone_parse(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    if not _PHONE_CHARS.match(text) or not 6 <= len(digits) <= 15:
        raise ValueError(_("“%(value)s” is not a phone number.") % {"value": shown(text)})
    if len(text.strip()) > MAX_PHONE_CHARS:
        raise _too_long(text, MAX_PHONE_CHARS)
    return text.strip()


def fee_parse(text: str) -> Decimal:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".").removesuffix("kr")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": shown(text)}) from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": shown(text)})
    return value.quantize(Decimal("0.01"))
