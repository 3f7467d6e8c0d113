"""Analysis of one text: redaction, area, service factors and sentiment, with reasons.

>>> result = analyze("Handläggaren på bygglov svarade aldrig på mina mejl. Mycket dåligt!")
>>> result.area.label, result.sentiment.label
('bygglov', 'negative')
>>> 0.0 <= result.area.confidence <= 1.0
True

Each :class:`Tag` carries a confidence in [0, 1] (a softmax probability for the area and
the sentiment, a logistic probability for each factor) and the words of the redacted text
that contributed most to it. Results are deterministic for a given text and model.

Only the first :data:`MAX_ANALYSIS_CHARS` characters of a text are analysed; the redacted
text covers the same prefix.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from swedish_text.features import Featurizer, Vector
from swedish_text.normalize import MAX_ANALYSIS_CHARS
from swedish_text.redaction import PiiSpan, redact
from swedish_text.training import MODEL_DIR, Model, classification_text_from_redacted

__all__ = ["MAX_ANALYSIS_CHARS", "Analyzer", "Tag", "TextAnalysis", "analyze", "default_analyzer"]

#: How many words a tag's reasons list at most.
MAX_REASONS = 5


@dataclass(frozen=True)
class Tag:
    """A label with its confidence in [0, 1] and the words that drove it."""

    label: str
    confidence: float
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """``{"label", "confidence", "reasons"}`` with the confidence rounded to 4 places."""
        return {
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class TextAnalysis:
    """Everything :func:`analyze` finds in one text (DESIGN §5)."""

    redacted_text: str
    pii: tuple[PiiSpan, ...]
    area: Tag
    factors: tuple[Tag, ...]
    sentiment: Tag
    language: str
    model_version: str = ""

    def to_json(self) -> dict[str, Any]:
        """The output shape of ``servicepuls text analyze`` (without the ``id``)."""
        return {
            "area": self.area.to_json(),
            "factors": [factor.to_json() for factor in self.factors],
            "sentiment": self.sentiment.to_json(),
            "redacted_text": self.redacted_text,
            "pii": [{"type": span.type, "start": span.start, "end": span.end} for span in self.pii],
            "language": self.language,
            "model_version": self.model_version,
        }


def _softmax(
    scores: np.ndarray[Any, np.dtype[np.float64]],
) -> np.ndarray[Any, np.dtype[np.float64]]:
    shifted = np.exp(scores - scores.max())
    return np.asarray(shifted / shifted.sum(), dtype=np.float64)


class Analyzer:
    """Applies a trained :class:`~swedish_text.training.Model` to texts."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.featurizer: Featurizer = model.featurizer()

    @classmethod
    def load(cls, model_dir: Path | None = None) -> Analyzer:
        """Load the model in ``model_dir`` (default: the model shipped with the package)."""
        return cls(Model.load(MODEL_DIR if model_dir is None else model_dir))

    def analyze(self, text: str) -> TextAnalysis:
        """Redact ``text`` and tag the redacted text."""
        redaction = redact(text[:MAX_ANALYSIS_CHARS])
        area, factors, sentiment, language = self.classify_redacted(redaction.text)
        return TextAnalysis(
            redacted_text=redaction.text,
            pii=redaction.spans,
            area=area,
            factors=factors,
            sentiment=sentiment,
            language=language,
            model_version=self.model.version,
        )

    def classify_redacted(self, redacted_text: str) -> tuple[Tag, tuple[Tag, ...], Tag, str]:
        """Area, factors, sentiment and language of an already redacted text."""
        model = self.model
        vector = self.featurizer.vector(classification_text_from_redacted(redacted_text))
        area = self._single(vector, model.area_coef, model.area_intercept, model.areas)
        sentiment = self._single(
            vector, model.sentiment_coef, model.sentiment_intercept, model.sentiments
        )
        return area, self._factors(vector), sentiment, vector.language

    def _single(
        self,
        vector: Vector,
        coef: np.ndarray[Any, np.dtype[np.float64]],
        intercept: np.ndarray[Any, np.dtype[np.float64]],
        labels: tuple[str, ...],
    ) -> Tag:
        rows = coef[vector.indices]
        probabilities = _softmax(vector.values @ rows + intercept)
        best = int(np.argmax(probabilities))
        # A feature speaks for the label as far as its weight beats the average label's.
        contributions = vector.values * (rows[:, best] - rows.mean(axis=1))
        return Tag(labels[best], float(probabilities[best]), _reasons(vector, contributions))

    def _factors(self, vector: Vector) -> tuple[Tag, ...]:
        model = self.model
        rows = model.factor_coef[vector.indices]
        probabilities = 1.0 / (1.0 + np.exp(-(vector.values @ rows + model.factor_intercept)))
        chosen = [i for i, p in enumerate(probabilities) if p >= model.factor_thresholds[i]]
        if not chosen:  # every text is about something: take the likeliest factor
            chosen = [int(np.argmax(probabilities - model.factor_thresholds))]
        chosen.sort(key=lambda i: (-float(probabilities[i]), i))
        return tuple(
            Tag(
                model.factors[i],
                float(probabilities[i]),
                _reasons(vector, vector.values * rows[:, i]),
            )
            for i in chosen
        )


def _reasons(
    vector: Vector, contributions: np.ndarray[Any, np.dtype[np.float64]]
) -> tuple[str, ...]:
    """The words whose features added most to a score (each feature's share split evenly)."""
    per_word: dict[int, float] = {}
    for contribution, sources in zip(contributions.tolist(), vector.sources, strict=True):
        if contribution <= 0 or not sources:
            continue
        share = contribution / len(sources)
        for word_index in sources:
            per_word[word_index] = per_word.get(word_index, 0.0) + share
    by_word: dict[str, float] = {}
    for word_index, score in per_word.items():
        word = vector.words[word_index]
        by_word[word] = by_word.get(word, 0.0) + score
    ranked = sorted(by_word.items(), key=lambda item: (-item[1], item[0]))
    return tuple(word for word, _ in ranked[:MAX_REASONS])


_default: Analyzer | None = None
_default_lock = threading.Lock()


def default_analyzer() -> Analyzer:
    """The analyzer of the shipped model, loaded once per process on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Analyzer.load()
        return _default


def analyze(text: str, analyzer: Analyzer | None = None) -> TextAnalysis:
    """Analyse ``text`` with ``analyzer`` (default: the shipped model, cached)."""
    return (analyzer or default_analyzer()).analyze(text)
