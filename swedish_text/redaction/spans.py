"""The span and result types of the redactor, and the placeholder of each type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["PII_TYPES", "PLACEHOLDERS", "PiiSpan", "RedactionResult"]

#: Every personal-data type the redactor knows, in a fixed order.
PII_TYPES: Final = ("namn", "personnummer", "telefon", "e-post", "adress", "orgnr")

#: The bracketed label that replaces a piece of personal data of each type.
PLACEHOLDERS: Final[dict[str, str]] = {kind: f"[{kind}]" for kind in PII_TYPES}


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """One piece of personal data: its type and its ``[start, end)`` offsets.

    The offsets index the *original* text, so ``text[span.start:span.end]`` is the
    personal data itself.

    >>> PiiSpan("telefon", 5, 18).placeholder
    '[telefon]'
    """

    type: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.type not in PLACEHOLDERS:
            raise ValueError(f"unknown personal-data type {self.type!r}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")

    @property
    def placeholder(self) -> str:
        """The bracketed label that replaces this span, e.g. ``[namn]``."""
        return PLACEHOLDERS[self.type]

    def to_json(self) -> dict[str, object]:
        """The span as ``{"type", "start", "end"}`` (the DESIGN §5 ``pii`` entry)."""
        return {"type": self.type, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """The redacted text and the spans that were replaced, in order of appearance."""

    text: str
    spans: tuple[PiiSpan, ...]
