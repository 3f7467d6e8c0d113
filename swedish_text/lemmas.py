"""Lemmatisation and compound splitting with a compact table taken from simplemma.

simplemma's full Swedish dictionary takes seconds and >100 MB to load, so training keeps
only the word forms whose lemma the model can use (every lemma of the corpus and of the cue
lists) in a table that ships with the model. A word form missing from the table would have
had a lemma without any weight in the model anyway; such words are still split into known
compound parts ("bygglovsavgiften" → bygglov + avgift, with the linking -s-).

All lemmas are *folded* (å/ä/ö → a/o), so texts typed without å/ä/ö meet the same lemmas.

>>> lemmatizer = Lemmatizer({"avgiften": "avgift", "bygglov": "bygglov"}, {"bygglov", "avgift"})
>>> lemmatizer.analyse("bygglovsavgiften")
('bygglovsavgift', ('bygglov', 'avgift'))
>>> lemmatizer.analyse("avgiften")
('avgift', ())
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from swedish_text.normalize import fold

__all__ = ["Lemmatizer", "build_lemma_table"]

#: Shortest compound part; shorter pieces ("lov", "ko") make too many false splits.
MIN_PART = 4
_SUFFIXES = (
    "arnas",
    "ernas",
    "ornas",
    "arna",
    "erna",
    "orna",
    "ande",
    "ende",
    "heten",
    "het",
    "ens",
    "ets",
    "are",
    "ast",
    "en",
    "et",
    "ar",
    "er",
    "or",
    "na",
    "ne",
    "de",
    "te",
    "s",
    "a",
    "e",
    "t",
    "n",
)


class Lemmatizer:
    """Looks word forms up in the shipped table; splits unknown compounds into known parts."""

    def __init__(self, table: dict[str, str], parts: Iterable[str]) -> None:
        self.table = table
        self.parts = frozenset(part for part in parts if len(part) >= MIN_PART)
        self.analyse = lru_cache(maxsize=65_536)(self._analyse)

    def _analyse(self, word: str) -> tuple[str, tuple[str, ...]]:
        """Return ``(lemma, compound parts)`` for a lower-case word (parts empty if simple)."""
        folded = fold(word)
        lemma = self.table.get(word) or self.table.get(folded)
        split = self._split(folded, depth=0) if len(folded) >= 2 * MIN_PART else None
        parts: tuple[str, ...] = tuple(split) if split and len(split) > 1 else ()
        if lemma is None:
            if parts:
                *heads, _ = self._split_forms(folded) or [folded]
                lemma = "".join(heads) + parts[-1] if heads else _strip_suffix(folded)
            else:
                lemma = _strip_suffix(folded)
        return lemma, parts

    def _split_forms(self, folded: str) -> list[str] | None:
        """The surface pieces of the first valid split (head with its linking letter, tail)."""
        for cut in range(MIN_PART, len(folded) - MIN_PART + 1):
            head, tail = folded[:cut], folded[cut:]
            if self._head(head) is not None and self._tail(tail, 1) is not None:
                return [head, tail]
        return None

    def _split(self, folded: str, depth: int) -> list[str] | None:
        """Known lemmas that ``folded`` consists of, shortest first head, at most 3 parts."""
        for cut in range(MIN_PART, len(folded) - MIN_PART + 1):
            head_lemma = self._head(folded[:cut])
            if head_lemma is None:
                continue
            tail = self._tail(folded[cut:], depth + 1)
            if tail is not None:
                return [head_lemma, *tail]
        return None

    def _head(self, head: str) -> str | None:
        """The lemma a compound's first part stands for: ``bygglovs`` → ``bygglov``."""
        if head in self.parts:
            return head
        if head.endswith("s") and head[:-1] in self.parts:
            return head[:-1]
        for vowel in ("a", "e"):  # skolgård, gatukontor: skola → skol-, gata → gatu-
            if head + vowel in self.parts:
                return head + vowel
            if head.endswith("u") and head[:-1] + vowel in self.parts:
                return head[:-1] + vowel
        return None

    def _tail(self, tail: str, depth: int) -> list[str] | None:
        lemma = self.table.get(tail)
        if lemma is not None and len(lemma) >= MIN_PART - 1:
            return [lemma]
        if tail in self.parts:
            return [tail]
        if depth < 2 and len(tail) >= 2 * MIN_PART:
            return self._split(tail, depth)
        return None


def _strip_suffix(folded: str) -> str:
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 4:
            return folded[: -len(suffix)]
    return folded


@lru_cache(maxsize=2)
def _simplemma_dictionary(language: str) -> Mapping[str, str]:
    """simplemma's full dictionary for ``language`` (read from the installed package)."""
    from simplemma.strategies.dictionaries.dictionary_factory import (
        DEFAULT_DICTIONARY_FACTORY,  # the instance simplemma.lemmatize caches its data in
    )

    dictionary: Mapping[str, str] = DEFAULT_DICTIONARY_FACTORY.get_dictionary(language)
    return dictionary


def build_lemma_table(
    words_by_language: dict[str, Iterable[str]], extra_lemmas: Iterable[str]
) -> dict[str, dict[str, str]]:
    """Build the per-language ``{word form: folded lemma}`` tables for a training corpus.

    Used only at training time: it loads simplemma's dictionaries (shipped inside the
    simplemma package; nothing is downloaded). Keeps every form of every lemma that occurs
    in the corpus or in ``extra_lemmas``, keyed both as written and folded.
    """
    import simplemma

    extra = {fold(lemma) for lemma in extra_lemmas}
    tables: dict[str, dict[str, str]] = {}
    for language, words in sorted(words_by_language.items()):
        direct = {word: fold(simplemma.lemmatize(word, lang=language)) for word in set(words)}
        wanted = set(direct.values()) | extra
        dictionary = _simplemma_dictionary(language)
        exact: dict[str, str] = {}
        folded_forms: dict[str, str] = {}
        for form, lemma in dictionary.items():
            folded_lemma = fold(lemma)
            if folded_lemma not in wanted or not form.isalpha():
                continue
            form = form.lower()
            exact.setdefault(form, folded_lemma)
            previous = folded_forms.get(fold(form))
            if previous is None or folded_lemma < previous:
                folded_forms[fold(form)] = folded_lemma
        table = {**folded_forms, **exact}
        for word, lemma in direct.items():  # simplemma's rules for forms not in its dictionary
            table.setdefault(word, lemma)
        tables[language] = dict(sorted(table.items()))
    return tables
