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

import itertools
import threading
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from swedish_text.features import Featurizer, Vector
from swedish_text.normalize import MAX_ANALYSIS_CHARS
from swedish_text.redaction import PiiSpan, redact
from swedish_text.training import (
    MODEL_DIR,
    Model,
    classification_text_from_redacted,
    factor_choice,
)

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


FloatMatrix = np.ndarray[Any, np.dtype[np.float64]]


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
        coefs = (model.area_coef, model.factor_coef, model.sentiment_coef)
        self._weights = np.ascontiguousarray(np.hstack(coefs))
        self._intercepts = np.concatenate(
            (model.area_intercept, model.factor_intercept, model.sentiment_intercept)
        )
        bounds = np.cumsum([0, *(coef.shape[1] for coef in coefs)])
        self._parts = tuple(slice(int(a), int(b)) for a, b in itertools.pairwise(bounds))
        # What explains a softmax label is how far a feature's weight for it beats the
        # average label's weight; a factor's own weight explains the factor.
        self._explain = np.hstack(
            (
                model.area_coef - model.area_coef.mean(axis=1, keepdims=True),
                model.factor_coef,
                model.sentiment_coef - model.sentiment_coef.mean(axis=1, keepdims=True),
            )
        )

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
        rows = self._weights[vector.indices]  # one gather for all three classifiers
        scores = vector.values @ rows + self._intercepts
        areas, factors, sentiments = (scores[part] for part in self._parts)
        area_p, sentiment_p = _softmax(areas), _softmax(sentiments)
        factor_p = 1.0 / (1.0 + np.exp(-factors))
        best_area, best_sentiment = int(np.argmax(area_p)), int(np.argmax(sentiment_p))
        chosen = factor_choice(factor_p, model.factor_thresholds, model.options.factor_ratio)
        offset = self._parts[1].start
        columns = [best_area, *(offset + i for i in chosen), self._parts[2].start + best_sentiment]
        reasons = _reasons(
            vector,
            vector.values[:, None]
            * self._explain[np.ix_(vector.indices, np.array(columns, dtype=np.int64))],
        )
        area = Tag(model.areas[best_area], float(area_p[best_area]), reasons[0])
        factor_tags = tuple(
            Tag(model.factors[i], float(factor_p[i]), reasons[1 + k]) for k, i in enumerate(chosen)
        )
        sentiment = Tag(
            model.sentiments[best_sentiment], float(sentiment_p[best_sentiment]), reasons[-1]
        )
        return area, factor_tags, sentiment, vector.language


def _reasons(vector: Vector, contributions: FloatMatrix) -> list[tuple[str, ...]]:
    """For each column of contributions, the words whose features added most to it.

    A feature's (positive) contribution is shared evenly among its occurrences in the
    words of the text; a word's score is the sum of its shares.
    """
    features = vector.features
    lengths = [len(ids) for ids in features.word_features]
    if not lengths or not sum(lengths):
        return [() for _ in range(contributions.shape[1])]
    unique: dict[str, int] = {}
    owners = [unique.setdefault(word, len(unique)) for word in features.words]
    owner = np.repeat(np.fromiter(owners, dtype=np.int64, count=len(owners)), lengths)
    flat = np.fromiter(chain.from_iterable(features.word_features), dtype=np.int64)
    positions = np.searchsorted(vector.indices, flat)
    shares = np.maximum(contributions[positions], 0.0) / vector.counts[positions, None]
    words = list(unique)
    result = []
    for column in shares.T:
        scores = np.bincount(owner, weights=column, minlength=len(words))
        best = np.argsort(-scores, kind="stable")[:MAX_REASONS]
        result.append(tuple(words[i] for i in best.tolist() if scores[i] > 0))
    return result


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
