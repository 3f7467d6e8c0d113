"""The one adapter between the stories app and ``swedish_text``.

Nothing else in the app imports ``swedish_text``: the services ask this module for a
redacted text and tag suggestions as plain values, so the text package can change freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import swedish_text


@dataclass(frozen=True, slots=True)
class TagSuggestion:
    """One suggested tag with its confidence in [0, 1] and the words behind it."""

    label: str
    confidence: float
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "confidence": self.confidence, "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class StoryTextAnalysis:
    """What the text package found in one story."""

    redacted_text: str
    pii: tuple[dict[str, Any], ...]
    area: TagSuggestion | None = None
    factors: tuple[TagSuggestion, ...] = ()
    sentiment: TagSuggestion | None = None
    language: str = ""
    model_version: str = field(default="")

    def suggestions_json(self) -> dict[str, Any]:
        """The suggestions as stored on the story (``Story.suggestions``)."""
        return {
            "area": self.area.to_json() if self.area else None,
            "factors": [tag.to_json() for tag in self.factors],
            "sentiment": self.sentiment.to_json() if self.sentiment else None,
            "language": self.language,
            "model_version": self.model_version,
        }


def text_redact(text: str) -> tuple[str, tuple[dict[str, Any], ...]]:
    """The redacted text and the personal-data spans (offsets into ``text``)."""
    result = swedish_text.redact(text)
    spans = tuple(
        {"type": span.type, "start": span.start, "end": span.end} for span in result.spans
    )
    return result.text, spans


def text_analyse(text: str) -> StoryTextAnalysis:
    """Redact ``text`` and suggest its tags."""
    redacted, spans = text_redact(text)
    return StoryTextAnalysis(redacted_text=redacted, pii=spans)
