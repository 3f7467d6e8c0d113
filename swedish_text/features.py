"""From text to a sparse feature vector, remembering which words produced each feature.

Feature families (prefix of the feature name):

- ``w:`` lemma of each content word, plus the lemmas of its compound parts;
- ``n:`` lemma of a content word inside a negation scope ("inte trevlig" → ``n:trevlig``);
- ``b:`` lemma bigrams within a sentence ("lång tid" → ``b:lang_tid``);
- ``c:`` character n-grams of the folded word (robust to typos and unseen inflections);
- ``x:`` cue groups of :mod:`swedish_text.lexicon` (sentiment cues flip under negation);
- ``m:`` text-level marks: a question, an exclamation, English, praise *and* criticism.

The word, character and cue families are scaled separately (L2 within a family) so that
long texts do not dominate; with ``idf`` on, word and character features are first weighed
by their inverse document frequency in the training corpus, so that words every story uses
count less than the telling ones; see :class:`FeatureOptions`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import chain

import numpy as np
import numpy.typing as npt

from swedish_text.lemmas import Lemmatizer
from swedish_text.lexicon import CUES, NEGATIONS, STOPWORDS
from swedish_text.normalize import detect_language, fold, tokenize

__all__ = ["FeatureOptions", "Featurizer", "TextFeatures", "Vector", "fixed_feature_names"]

_NEGATION_SCOPE = 3
_SENTENCE_END = frozenset(".!?;:")


@dataclass(frozen=True)
class FeatureOptions:
    """Which feature families are used and how they are weighed against each other."""

    char_min: int = 3
    char_max: int = 5
    char_weight: float = 1.0
    cue_weight: float = 0.25
    bigrams: bool = True
    min_df: int = 2
    #: Weigh word and character features by their inverse document frequency.
    idf: bool = True

    def to_json(self) -> dict[str, float | int | bool]:
        """Plain JSON form (stored with the model)."""
        return {
            "char_min": self.char_min,
            "char_max": self.char_max,
            "char_weight": self.char_weight,
            "cue_weight": self.cue_weight,
            "bigrams": self.bigrams,
            "min_df": self.min_df,
            "idf": self.idf,
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
            idf=bool(data.get("idf", False)),
        )


@dataclass(frozen=True)
class TextFeatures:
    """Feature counts of one text by feature id, and the feature ids of each word."""

    language: str
    words: tuple[str, ...]
    counts: dict[int, int]
    word_features: tuple[tuple[int, ...], ...]

    def remap(self, mapping: dict[int, int]) -> TextFeatures:
        """The same features under new ids; features missing from ``mapping`` are dropped."""
        return TextFeatures(
            language=self.language,
            words=self.words,
            counts={mapping[i]: n for i, n in self.counts.items() if i in mapping},
            word_features=tuple(
                tuple(mapping[i] for i in ids if i in mapping) for ids in self.word_features
            ),
        )


@dataclass(frozen=True)
class Vector:
    """A sparse, weighted vector over a fixed vocabulary (ids sorted ascending)."""

    indices: npt.NDArray[np.int64]
    values: npt.NDArray[np.float64]
    counts: npt.NDArray[np.float64]
    features: TextFeatures

    @property
    def language(self) -> str:
        """The detected language of the text."""
        return self.features.language


@dataclass(frozen=True)
class _TokenInfo:
    lemma: str
    content: bool
    ids: tuple[int, ...]  # cue, word and character features of the word
    negated_ids: tuple[int, ...]  # the same inside a negation scope


_WORD, _CHAR, _CUE = 0, 1, 2


def _family(name: str) -> int:
    return {"c": _CHAR, "x": _CUE, "m": _CUE}.get(name[0], _WORD)


def fixed_feature_names() -> list[str]:
    """Feature names that exist whatever the corpus: cue groups and text-level marks."""
    names = [f"x:{group}" for group in CUES]
    names += ["x:sent:positive_negated", "x:sent:negative_negated"]
    names += ["m:question", "m:exclamation", "m:english", "m:praise_and_criticism"]
    return names


class Featurizer:
    """Turns text into feature counts (:meth:`features`) and weighted vectors (:meth:`vector`).

    Without a ``vocabulary`` the featurizer *grows* one (training): every new feature name
    gets the next id. With one, features outside it are dropped (analysis). ``idf`` (one
    factor per vocabulary feature) multiplies the raw weights before the family scaling.
    """

    def __init__(
        self,
        lemmatizers: dict[str, Lemmatizer],
        options: FeatureOptions,
        vocabulary: Sequence[str] | None = None,
        idf: npt.NDArray[np.float64] | None = None,
    ) -> None:
        self.lemmatizers = lemmatizers
        self.options = options
        self.grow = vocabulary is None
        self.names: list[str] = list(fixed_feature_names() if vocabulary is None else vocabulary)
        self.index: dict[str, int] = {name: i for i, name in enumerate(self.names)}
        self.families = np.array([_family(name) for name in self.names], dtype=np.int64)
        if idf is not None and len(idf) != len(self.names):
            raise ValueError("idf needs one factor per vocabulary feature")
        self.idf = idf
        exact: dict[str, set[str]] = defaultdict(set)
        prefix: dict[str, set[str]] = defaultdict(set)
        for group, entries in CUES.items():
            for entry in entries:
                if entry.endswith("*"):
                    prefix[entry[:-1]].add(group)
                else:
                    exact[entry].add(group)
        self._exact = {key: tuple(sorted(value)) for key, value in exact.items()}
        self._prefix = {key: tuple(sorted(value)) for key, value in prefix.items()}
        self._prefix_lengths = sorted({len(key) for key in self._prefix})
        self._marks = {
            name: self._id(f"m:{name}")
            for name in ("question", "exclamation", "english", "praise_and_criticism")
        }
        self._sentiment_ids = {
            name: self._id(f"x:sent:{name}")
            for name in ("positive", "negative", "positive_negated", "negative_negated")
        }
        self._token_info = {
            language: lru_cache(maxsize=65_536)(partial(self._analyse_token, lemmatizer))
            for language, lemmatizer in lemmatizers.items()
        }

    def _id(self, name: str) -> int | None:
        index = self.index.get(name)
        if index is None and self.grow:
            index = self.index[name] = len(self.names)
            self.names.append(name)
        return index

    def _ids(self, names: Iterable[str]) -> tuple[int, ...]:
        ids = (self._id(name) for name in names)
        return tuple(index for index in ids if index is not None)

    def _analyse_token(self, lemmatizer: Lemmatizer, word: str) -> _TokenInfo:
        folded = fold(word)
        lemma, parts = lemmatizer.analyse(word)
        groups = self._cue_groups(folded, lemma, parts)
        negated_groups = [
            f"{group}_negated" if group in ("sent:positive", "sent:negative") else group
            for group in groups
        ]
        content = lemma not in STOPWORDS and len(lemma) >= 2
        own: tuple[int, ...] = ()
        if content:
            lemmas = [lemma, *(part for part in parts if part != lemma)]
            own = self._ids(f"w:{item}" for item in lemmas)
            own += self._ids(f"c:{gram}" for gram in self._char_ngrams(folded))
        return _TokenInfo(
            lemma=lemma,
            content=content,
            ids=self._ids(f"x:{group}" for group in groups) + own,
            negated_ids=self._ids(f"x:{group}" for group in negated_groups) + own,
        )

    def features(self, text: str) -> TextFeatures:
        """Feature counts of ``text`` (see the module docstring for the families)."""
        tokens = tokenize(text)
        language = detect_language(tokens)
        token_info = self._token_info.get(language) or self._token_info["sv"]
        marks: list[int | None] = []
        words: list[str] = []
        word_features: list[tuple[int, ...]] = []
        bigrams = self.options.bigrams
        negation_left = 0
        previous: str | None = None
        for token in tokens:
            if not token.is_word:
                negation_left = 0
                previous = None
                if token.text == "?":
                    marks.append(self._marks["question"])
                elif token.text == "!":
                    marks.append(self._marks["exclamation"])
                continue
            words.append(token.text)
            info = token_info(token.text)
            negated = negation_left > 0
            negation_left = _NEGATION_SCOPE if token.folded in NEGATIONS else negation_left - 1
            ids = info.negated_ids if negated else info.ids
            extra = []
            if bigrams and previous is not None:
                extra.append(self._id(f"b:{previous}_{info.lemma}"))
            if negated and info.content:
                extra.append(self._id(f"n:{info.lemma}"))
            previous = info.lemma
            if extra:
                ids += tuple(feature for feature in extra if feature is not None)
            word_features.append(ids)
        counts = Counter(chain.from_iterable(word_features))
        if language == "en":
            marks.append(self._marks["english"])
        sentiment = self._sentiment_ids
        if counts.get(sentiment["positive"] or -1) and (
            counts.get(sentiment["negative"] or -1)
            or counts.get(sentiment["positive_negated"] or -1)
        ):
            marks.append(self._marks["praise_and_criticism"])
        counts.update(mark for mark in marks if mark is not None)
        return TextFeatures(language, tuple(words), dict(counts), tuple(word_features))

    def vector(self, text: str) -> Vector:
        """The weighted sparse vector of ``text`` over the (fixed) vocabulary."""
        return self.weigh(self.features(text))

    def weigh(self, features: TextFeatures) -> Vector:
        """Weigh feature counts: 1 + log(count) for words and characters (times the idf, if
        any), log(1 + count) for cues; the word and character families are each scaled to
        unit length."""
        size = len(features.counts)
        keys = np.fromiter(features.counts.keys(), dtype=np.int64, count=size)
        order = np.argsort(keys)
        indices = keys[order]
        counts = np.fromiter(features.counts.values(), dtype=np.float64, count=size)[order]
        families = self.families[indices]
        values = np.where(families == _CUE, np.log1p(counts), 1.0 + np.log(np.maximum(counts, 1)))
        if self.idf is not None:
            values *= self.idf[indices]
        squares = np.bincount(families, weights=values * values, minlength=3)
        norms = np.sqrt(np.maximum(squares, 1e-12))
        scales = np.array(
            [1.0 / norms[_WORD], self.options.char_weight / norms[_CHAR], self.options.cue_weight]
        )
        return Vector(
            indices=indices, values=values * scales[families], counts=counts, features=features
        )

    def _cue_groups(self, folded: str, lemma: str, parts: tuple[str, ...]) -> list[str]:
        groups: set[str] = set()
        for key in (folded, lemma, *parts):
            groups.update(self._exact.get(key, ()))
        for key in {folded, lemma}:
            for length in self._prefix_lengths:
                if length > len(key):
                    break
                groups.update(self._prefix.get(key[:length], ()))
        return sorted(groups)

    def _char_ngrams(self, folded: str) -> list[str]:
        padded = f"<{folded}>"
        grams: list[str] = []
        for size in range(self.options.char_min, self.options.char_max + 1):
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
        return grams
