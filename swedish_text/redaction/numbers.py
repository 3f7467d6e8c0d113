"""Structured personal data: identity and organisation numbers, phone numbers, e-mail.

Each ``find_*`` function scans a text and returns :class:`Candidate` spans. They are
deliberately generous: anything *shaped like* a personnummer is redacted, whether its
check digit is valid or not, because a mistyped number identifies a person just as well.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

__all__ = [
    "Candidate",
    "find_emails",
    "find_identity_numbers",
    "find_phone_numbers",
    "luhn_valid",
]


class Candidate(NamedTuple):
    """A span found by one detector; ``priority`` decides overlaps (higher wins)."""

    type: str
    start: int
    end: int
    priority: int


# Priorities: a structured match always beats a name or an address guess.
PRIORITY_EMAIL: Final = 50
PRIORITY_IDENTITY: Final = 40
PRIORITY_PHONE: Final = 30

_DASHES: Final = "\\-\u2010\u2011\u2012\u2013\u2212"
_SPACES: Final = " \t\u00a0\u202f"

# ---------------------------------------------------------------------------------------
# E-mail addresses, including the "(at)" / "[at]" spellings people use against spam.
_EMAIL_RE: Final = re.compile(
    r"(?<![\w.+\-])[\w.+\-]*\w"
    r"(?:@|\s?[(\[]at[)\]]\s?)"
    r"\w[\w\-]*(?:\.[\w\-]+)*\.[^\W\d_]{2,}(?![\w@])",
    re.IGNORECASE,
)


def find_emails(text: str) -> list[Candidate]:
    """Return every e-mail address in ``text``.

    >>> [text[c.start:c.end] for text in ["Mejla kalle.ek@kommun.se!"] for c in find_emails(text)]
    ['kalle.ek@kommun.se']
    """
    if "@" not in text and "at)" not in text.lower() and "at]" not in text.lower():
        return []
    return [
        Candidate("e-post", m.start(), m.end(), PRIORITY_EMAIL) for m in _EMAIL_RE.finditer(text)
    ]


# ---------------------------------------------------------------------------------------
# Personnummer, samordningsnummer and organisationsnummer share one shape: six (or
# eight, with the century or the "16" prefix) digits, an optional separator, four digits.
_ID_RE: Final = re.compile(
    rf"(?<!\d)(?<!\d[.,/{_DASHES}])"
    rf"(?P<head>\d{{8}}|\d{{6}})(?P<sep>[+{_DASHES}]|[{_SPACES}])?(?P<tail>\d{{4}})"
    rf"(?!\d)(?![.,/{_DASHES}]\d)"
)
# Words right before a bare ten-digit number that make it an identity number ...
_PERSONAL_CONTEXT_RE: Final = re.compile(
    r"(?:person|pers\.?\s?n|pnr|p-?nr|födelse|fodelse|samordning|identity|social security)"
    r"[^\n]{0,25}$",
    re.IGNORECASE,
)
# ... or something that is not personal data at all.
_NOT_PERSONAL_CONTEXT_RE: Final = re.compile(
    r"(?:faktur|invoice|ocr|dnr|diarie|ärende|arende|referens|ref\.|bankgiro|plusgiro|"
    r"bg\b|pg\b|konto|account|order|case)[^\n]{0,20}$",
    re.IGNORECASE,
)


def _valid_month_day(digits: str) -> bool:
    """Whether ``digits`` (YYMMDD) has a real month and a day or samordningsnummer day."""
    month, day = int(digits[2:4]), int(digits[4:6])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def luhn_valid(digits: str) -> bool:
    """Whether a ten-digit identity or organisation number has a valid check digit.

    >>> luhn_valid("8112189876"), luhn_valid("8112189875")
    (True, False)
    """
    total = 0
    for index, char in enumerate(digits[-10:]):
        value = int(char) * (2 - index % 2)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _classify_identity(head: str, sep: str, before: str) -> str | None:
    """Decide whether a number shaped like an identity number is one, and which kind."""
    if len(head) == 8:
        if head.startswith("16") and head[4] >= "2":
            return "orgnr"
        if head[:2] in ("18", "19", "20"):
            return "personnummer"
        return None
    short = head
    if sep and sep not in _SPACES:
        # NNNNNN-NNNN: organisation numbers have a "month" of 20 or more.
        return "orgnr" if short[2] >= "2" else "personnummer"
    personal_context = _PERSONAL_CONTEXT_RE.search(before) is not None
    if not personal_context and _NOT_PERSONAL_CONTEXT_RE.search(before):
        return None
    if short[2] >= "2":
        return "orgnr" if short[0] in "1256789" or sep else None
    if short.startswith("0") and not personal_context:
        return None  # most likely a phone number; the phone detector decides
    return "personnummer" if _valid_month_day(short) or personal_context else None


def find_identity_numbers(text: str) -> list[Candidate]:
    """Return personnummer, samordningsnummer and organisation numbers in ``text``.

    >>> text = "Pnr 19850612-1234, org.nr 556677-8899."
    >>> [(c.type, text[c.start:c.end]) for c in find_identity_numbers(text)]
    [('personnummer', '19850612-1234'), ('orgnr', '556677-8899')]
    """
    found = []
    for match in _ID_RE.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        kind = _classify_identity(match["head"], match["sep"] or "", before)
        if kind is not None:
            found.append(Candidate(kind, match.start(), match.end(), PRIORITY_IDENTITY))
    return found


# ---------------------------------------------------------------------------------------
# Phone numbers: a Swedish trunk prefix (0, +46, 0046, "(08)") and digits in groups.
_GROUP_SEP = rf"(?:[{_SPACES}]?[{_DASHES}/][{_SPACES}]?|[{_SPACES}])"
_PHONE_RE: Final = re.compile(
    rf"(?<![\w+])(?<!\d[.,/{_DASHES}])"
    rf"(?P<prefix>"
    rf"(?P<intl>(?:\+|00)[{_SPACES}]?(?P<cc>46|\d{{1,3}})[{_SPACES}{_DASHES}]?"
    rf"(?:\(0\)[{_SPACES}{_DASHES}]?)?)"
    rf"|\((?P<area>0\d{{1,3}})\)[{_SPACES}{_DASHES}]?"
    rf"|(?=0)"
    rf")"
    rf"(?P<body>\d(?:{_GROUP_SEP}?\d){{0,15}})"
)
_SEP_RUN_RE: Final = re.compile(_GROUP_SEP)


def _phone_end(body: str, body_start: int, min_digits: int, max_digits: int) -> int | None:
    """Where a phone number in ``body`` ends, dropping trailing groups that are too many.

    Groups are the digit runs between separators; a number that ends in a group that
    would make it too long loses that group (``070-123 45 67 2 gånger``).
    """
    groups = [(m.start(), m.end()) for m in re.finditer(r"\d+", _SEP_RUN_RE.sub(_blank, body))]
    count = sum(end - start for start, end in groups)
    while groups and count > max_digits:
        start, end = groups.pop()
        count -= end - start
    if not groups or count < min_digits:
        return None
    return body_start + groups[-1][1]


def _blank(match: re.Match[str]) -> str:
    return "\0" * len(match.group())


def find_phone_numbers(text: str) -> list[Candidate]:
    """Return phone numbers in ``text``: Swedish in every common form, and international.

    >>> text = "Ring 070-123 45 67, (08) 12 34 56 eller +46 8 123 456 78."
    >>> [text[c.start:c.end] for c in find_phone_numbers(text)]
    ['070-123 45 67', '(08) 12 34 56', '+46 8 123 456 78']
    """
    found = []
    position = 0
    while (match := _PHONE_RE.search(text, position)) is not None:
        end = _phone_match_end(match)
        if end is None:
            position = match.start() + 1  # a longer number may start inside this one
            continue
        found.append(Candidate("telefon", match.start(), end, PRIORITY_PHONE))
        position = end
    return found


def _phone_match_end(match: re.Match[str]) -> int | None:
    """Where the phone number of ``match`` ends, or None when it is not one."""
    body, body_start = match["body"], match.start("body")
    if match["intl"] is not None:
        if match["cc"] != "46":
            return _phone_end(body, body_start, 6, 12)
        if body.startswith("0"):
            return None
        return _phone_end(body, body_start, 7, 9)
    if match["area"] is not None:
        area_digits = len(match["area"])
        return _phone_end(body, body_start, 8 - area_digits, 10 - area_digits)
    if body.startswith("00"):
        return None
    return _phone_end(body, body_start, 8, 10)
