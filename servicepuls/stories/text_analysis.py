"""The one adapter between the stories app and ``swedish_text``.

Nothing else in the app imports ``swedish_text``: the services ask this module for a
redacted text and tag suggestions as plain values, so the text package can change freely.

The model comes from ``SERVICEPULS_TEXT_MODEL_DIR`` when set, else from the data folder
(``settings.SERVICEPULS_DATA_DIR`` = ``DATA_DIR``, ``/ "text-model"``, written by retraining on staff-confirmed stories) when a model
is there, else the model shipped in ``swedish_text``. A retrained model is picked up by every
process at its next analysis (the cache is keyed by the model file's modification time).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

import swedish_text
from swedish_text.analysis import MAX_ANALYSIS_CHARS, Analyzer, Tag
from swedish_text.training import (
    AREAS,
    FACTORS,
    SENTIMENTS,
    LabelledText,
    ModelFormatError,
    corpus_examples,
    train,
)

logger = logging.getLogger(__name__)

RETRAINED_MODEL_SUBDIR = "text-model"


@dataclass(frozen=True, slots=True)
class TagSuggestion:
    """One suggested tag with its confidence in [0, 1] and the words behind it."""

    label: str
    confidence: float
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class StoryTextAnalysis:
    """What the text package found in one story."""

    redacted_text: str
    pii: tuple[dict[str, Any], ...]
    area: TagSuggestion | None = None
    factors: tuple[TagSuggestion, ...] = ()
    sentiment: TagSuggestion | None = None
    language: str = ""
    model_version: str = ""

    def suggestions_json(self) -> dict[str, Any]:
        """The suggestions as stored on the story (``Story.suggestions``)."""
        return {
            "area": self.area.to_json() if self.area else None,
            "factors": [tag.to_json() for tag in self.factors],
            "sentiment": self.sentiment.to_json() if self.sentiment else None,
            "language": self.language,
            "model_version": self.model_version,
        }


@dataclass(frozen=True, slots=True)
class TrainingSummary:
    corpus_examples: int
    confirmed_examples: int
    model_version: str
    directory: Path


def text_redact(text: str) -> tuple[str, tuple[dict[str, Any], ...]]:
    """The redacted text and the personal-data spans (offsets into ``text``)."""
    result = swedish_text.redact(text)
    spans = tuple(
        {"type": span.type, "start": span.start, "end": span.end} for span in result.spans
    )
    return result.text, spans


def retrained_model_dir() -> Path:
    """Where retraining on confirmed stories writes its model."""
    return Path(settings.SERVICEPULS_DATA_DIR) / RETRAINED_MODEL_SUBDIR


def text_model_dir() -> Path | None:
    """The model directory in use; ``None`` means the model shipped with ``swedish_text``."""
    configured = getattr(settings, "SERVICEPULS_TEXT_MODEL_DIR", None)
    if configured:
        return Path(configured)
    retrained = retrained_model_dir()
    return retrained if (retrained / "model.json").exists() else None


_lock = threading.Lock()
_cached: dict[str, Any] = {"key": None, "analyzer": None}


def _model_key(directory: Path | None) -> tuple[str, float]:
    if directory is None:
        return ("shipped", 0.0)
    try:
        return (str(directory), (directory / "model.json").stat().st_mtime)
    except OSError:
        return (str(directory), -1.0)


def text_analyzer() -> Analyzer:
    """The analyzer of the model in use, loaded once per process and model file."""
    directory = text_model_dir()
    key = _model_key(directory)
    with _lock:
        if _cached["key"] != key:
            try:
                analyzer = Analyzer.load(directory)
            except ModelFormatError:
                # A damaged retrained model must not stop stories from being redacted.
                logger.exception("Text model in %s unusable; using the shipped model", directory)
                analyzer = Analyzer.load(None)
            _cached.update(key=key, analyzer=analyzer)
        return _cached["analyzer"]  # type: ignore[no-any-return]


def _suggestion(tag: Tag) -> TagSuggestion:
    return TagSuggestion(label=tag.label, confidence=tag.confidence, reasons=tuple(tag.reasons))


def text_analyse(text: str) -> StoryTextAnalysis:
    """Redact ``text`` and suggest its area, service factors and sentiment."""
    analysis = text_analyzer().analyze(text)
    if len(text) > MAX_ANALYSIS_CHARS:  # only a prefix is classified; redact all of it
        redacted, spans = text_redact(text)
    else:
        redacted = analysis.redacted_text
        spans = tuple(
            {"type": span.type, "start": span.start, "end": span.end} for span in analysis.pii
        )
    return StoryTextAnalysis(
        redacted_text=redacted,
        pii=spans,
        area=_suggestion(analysis.area),
        factors=tuple(_suggestion(tag) for tag in analysis.factors),
        sentiment=_suggestion(analysis.sentiment),
        language=analysis.language,
        model_version=analysis.model_version,
    )


def text_training_examples(
    confirmed: Iterable[tuple[str, str, tuple[str, ...], str]],
) -> list[LabelledText]:
    """Staff-confirmed (text, area, factors, sentiment) as training examples.

    Organisation-specific areas train as ``ovrigt``; a story with no confirmed factor or an
    unknown sentiment cannot be a training example and is left out.
    """
    examples = []
    for text, area, factors, sentiment in confirmed:
        usable = tuple(sorted(factor for factor in set(factors) if factor in FACTORS))
        if not text.strip() or not usable or sentiment not in SENTIMENTS:
            continue
        examples.append(
            LabelledText(
                text=text,
                area=area if area in AREAS else "ovrigt",
                factors=usable,
                sentiment=sentiment,
            )
        )
    return examples


def text_model_train(
    *, confirmed: Iterable[tuple[str, str, tuple[str, ...], str]], out: Path
) -> TrainingSummary:
    """Train on the shipped corpus plus ``confirmed`` stories and save the model in ``out``."""
    corpus = corpus_examples()
    extra = text_training_examples(confirmed)
    model = train([*corpus, *extra])
    model.save(out)
    return TrainingSummary(
        corpus_examples=len(corpus),
        confirmed_examples=len(extra),
        model_version=model.version,
        directory=out,
    )
