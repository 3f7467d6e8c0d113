"""From text to a sparse feature vector, remembering which words produced each feature.

Feature families (prefix of the feature name):

- ``w:`` lemma of each content word, plus the lemmas of its compound parts;
- ``n:`` lemma of a content word inside a negation scope ("inte trevlig" → ``n:trevlig``);
- ``b:`` lemma bigrams within a sentence ("lång tid" → ``b:lang_tid``);
- ``c:`` character n-grams of the folded word (robust to typos and unseen inflections);
- ``x:`` cue groups of :mod:`swedish_text.lexicon` (sentiment cues flip under negation);
- ``m:`` text-level marks: a question, an exclamation, English, praise *and* criticism.

The word, character and cue families are scaled separately (L2 within a family) so that
long texts do not dominate; see :class:`FeatureOptions`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from swedish_text.lemmas import Lemmatizer
from swedish_text.lexicon import CUES, NEGATIONS, STOPWORDS
from swedish_text.normalize import Token, detect_language, tokenize

__all__ = ["FeatureOptions", "Featurizer", "TextFeatures", "Vector", "fixed_feature_names"]

_NEGATION_SCOPE = 3
_SENTENCE_END = frozenset(".!?;:")


@dataclass(frozen=True)
class FeatureOptions:
    """Which feature families are used and how they are weighed against each other."""

    char_min: int = 3
    char_max: int = 5
    char_weight: float = 0.6
    cue_weight: float = 0.5
    bigrams: bool = True
    min_df: int = 2

    def to_json(self) -> dict[str, float | int | bool]:
        """Plain JSON form (stored with the model)."""
        return {
            "char_min": self.char_min,
            "char_max": self.char_max,
            "char_weight": self.char_weight,
            "cue_weight": self.cue_weight,
            "bigrams": self.bigrams,
            "min_df": self.min_df,
        }

    @classmethod
    def from_json(cls, data: dict[str, float | int | bool]) -> FeatureOptions:
        """Inverse of :meth:`to_json`."""
        return cls(
            char_min=int(data["char_min"]),
            char_max=int(data["char_max"]),
            char_weight=float(data["char_weight"]),
            cue_weight=float(data["cue_weight"]),
            bigrams=bool(data["bigrams"]),
            min_df=int(data["min_df"]),
        )


@dataclass(frozen=True)
class TextFeatures:
    """Named feature counts of one text and the token indices that produced each."""

    language: str
    words: tuple[str, ...]
    counts: dict[str, int]
    sources: dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class Vector:
    """A sparse vector over a fixed vocabulary, with each entry's source word indices."""

    indices: npt.NDArray[np.int64]
    values: npt.NDArray[np.float64]
    sources: tuple[tuple[int, ...], ...]
    words: tuple[str, ...]
    language: str


def fixed_feature_names() -> list[str]:
    """Feature names that exist whatever the corpus: cue groups and text-level marks."""
    names = [f"x:{group}" for group in CUES]
    names += ["x:sent:positive_negated", "x:sent:negative_negated"]
    names += ["m:question", "m:exclamation", "m:english", "m:praise_and_criticism"]
    return names


class Featurizer:
    """Turns text into named features (:meth:`features`) and vectors (:meth:`vector`)."""

    def __init__(
        self,
        lemmatizers: dict[str, Lemmatizer],
        options: FeatureOptions,
        vocabulary: dict[str, int] | None = None,
    ) -> None:
        self.lemmatizers = lemmatizers
        self.options = options
        self.vocabulary = vocabulary or {}
        self._exact: dict[str, tuple[str, ...]] = {}
        self._prefix: dict[str, tuple[str, ...]] = {}
        exact: dict[str, list[str]] = defaultdict(list)
        prefix: dict[str, list[str]] = defaultdict(list)
        for group, entries in CUES.items():
            for entry in entries:
                if entry.endswith("*"):
                    prefix[entry[:-1]].append(group)
                else:
                    exact[entry].append(group)
        self._exact = {key: tuple(sorted(set(value))) for key, value in exact.items()}
        self._prefix = {key: tuple(sorted(set(value))) for key, value in prefix.items()}
        self._prefix_lengths = sorted({len(key) for key in self._prefix})

    def features(self, text: str) -> TextFeatures:
        """Named feature counts of ``text`` (see the module docstring for the families)."""
        tokens = tokenize(text)
        language = detect_language(tokens)
        lemmatizer = self.lemmatizers.get(language) or self.lemmatizers["sv"]
        counts: dict[str, int] = defaultdict(int)
        sources: dict[str, list[int]] = defaultdict(list)
        words: list[str] = []

        def add(name: str, word_index: int | None) -> None:
            counts[name] += 1
            if word_index is not None:
                sources[name].append(word_index)

        negation_left = 0
        previous: str | None = None
        for token in tokens:
            if not token.is_word:
                negation_left = 0
                previous = None
                if token.text == "?":
                    add("m:question", None)
                elif token.text == "!":
                    add("m:exclamation", None)
                continue
            index = len(words)
            words.append(token.text)
            lemma, parts = lemmatizer.analyse(token.text)
            negated = negation_left > 0
            negation_left = _NEGATION_SCOPE if token.folded in NEGATIONS else negation_left - 1
            if self.options.bigrams and previous is not None:
                add(f"b:{previous}_{lemma}", index)
            previous = lemma
            for group in self._cue_groups(token, lemma, parts):
                if negated and group in ("sent:positive", "sent:negative"):
                    group += "_negated"
                add(f"x:{group}", index)
            if lemma in STOPWORDS or len(lemma) < 2:
                continue
            add(f"w:{lemma}", index)
            for part in parts:
                if part != lemma:
                    add(f"w:{part}", index)
            if negated:
                add(f"n:{lemma}", index)
            for gram in self._char_ngrams(token.folded):
                add(f"c:{gram}", index)
        if language == "en":
            add("m:english", None)
        if counts.get("x:sent:positive") and (
            counts.get("x:sent:negative") or counts.get("x:sent:positive_negated")
        ):
            add("m:praise_and_criticism", None)
        return TextFeatures(
            language=language,
            words=tuple(words),
            counts=dict(counts),
            sources={name: tuple(indices) for name, indices in sources.items()},
        )

    def vector(self, text: str) -> Vector:
        """The weighted sparse vector of ``text`` over :attr:`vocabulary`."""
        features = self.features(text)
        return self.vectorize(features)

    def vectorize(self, features: TextFeatures) -> Vector:
        """Weigh named features into a sparse vector over :attr:`vocabulary`."""
        options = self.options
        families: dict[str, list[tuple[int, float, tuple[int, ...]]]] = defaultdict(list)
        for name, count in features.counts.items():
            index = self.vocabulary.get(name)
            if index is None:
                continue
            family = {"c": "c", "x": "x", "m": "x"}.get(name[0], "w")
            value = math.log1p(count) if family == "x" else 1.0 + math.log(count)
            families[family].append((index, value, features.sources.get(name, ())))
        entries: list[tuple[int, float, tuple[int, ...]]] = []
        for family, items in families.items():
            if family == "x":
                scale = options.cue_weight
            else:
                norm = math.sqrt(sum(value * value for _, value, _ in items))
                scale = (options.char_weight if family == "c" else 1.0) / norm
            entries.extend((index, value * scale, source) for index, value, source in items)
        entries.sort(key=lambda entry: entry[0])
        return Vector(
            indices=np.fromiter(
                (entry[0] for entry in entries), dtype=np.int64, count=len(entries)
            ),
            values=np.fromiter(
                (entry[1] for entry in entries), dtype=np.float64, count=len(entries)
            ),
            sources=tuple(entry[2] for entry in entries),
            words=features.words,
            language=features.language,
        )

    def _cue_groups(self, token: Token, lemma: str, parts: tuple[str, ...]) -> set[str]:
        groups: set[str] = set()
        for key in (token.folded, lemma, *parts):
            groups.update(self._exact.get(key, ()))
        for key in {token.folded, lemma}:
            for length in self._prefix_lengths:
                if length > len(key):
                    break
                groups.update(self._prefix.get(key[:length], ()))
        return groups

    def _char_ngrams(self, folded: str) -> list[str]:
        padded = f"<{folded}>"
        grams: list[str] = []
        for size in range(self.options.char_min, self.options.char_max + 1):
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
        return grams
