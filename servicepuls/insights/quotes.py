"""Representative quotes and key phrases of a set of (redacted) texts.

Quotes are chosen to be *typical* and *diverse*, not simply the newest: each text is a
TF-IDF vector; typicality is its cosine similarity to the centroid of all texts; maximal
marginal relevance (MMR) then picks, one at a time, the text that maximises
``λ · typicality − (1 − λ) · max similarity to the quotes already picked``. Deterministic:
ties break on the input order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

# Swedish function words that carry no topic; key phrases never consist of them alone.
STOP_WORDS = frozenset(
    [
        "alla",
        "allt",
        "att",
        "av",
        "blev",
        "bli",
        "blir",
        "de",
        "dem",
        "den",
        "denna",
        "deras",
        "dess",
        "det",
        "detta",
        "dig",
        "din",
        "dina",
        "ditt",
        "du",
        "där",
        "efter",
        "ej",
        "eller",
        "en",
        "er",
        "era",
        "ert",
        "ett",
        "från",
        "för",
        "ha",
        "hade",
        "han",
        "hans",
        "har",
        "hen",
        "henne",
        "hennes",
        "hon",
        "honom",
        "hur",
        "här",
        "i",
        "icke",
        "ingen",
        "inom",
        "inte",
        "jag",
        "ju",
        "kan",
        "kunde",
        "man",
        "med",
        "mellan",
        "men",
        "mig",
        "min",
        "mina",
        "mitt",
        "mot",
        "mycket",
        "ni",
        "nu",
        "när",
        "någon",
        "något",
        "några",
        "och",
        "om",
        "oss",
        "på",
        "samma",
        "sedan",
        "sig",
        "sin",
        "sina",
        "sitta",
        "själv",
        "skulle",
        "som",
        "så",
        "sådan",
        "till",
        "under",
        "upp",
        "ut",
        "utan",
        "vad",
        "var",
        "vara",
        "varför",
        "varit",
        "varje",
        "vars",
        "vart",
        "vem",
        "vi",
        "vid",
        "vilka",
        "vilken",
        "vilket",
        "vår",
        "våra",
        "vårt",
        "än",
        "är",
        "åt",
        "över",
        "också",
        "bara",
        "väldigt",
        "helt",
        "fick",
        "få",
        "får",
        "lite",
        "mer",
        "mest",
        "kom",
        "kommer",
        "gick",
        "gör",
        "göra",
        "gjorde",
        "sa",
        "säger",
        "sagt",
    ]
)
# Bracketed redaction placeholders ([namn], [telefon], …) are not words of the text.
_PLACEHOLDER = re.compile(r"\[[a-zåäö-]+\]")
WORD_PATTERN = r"(?u)\b[^\W\d_]{3,}\b"


def _vectorise(texts: Sequence[str]) -> tuple[np.ndarray, list[str]] | None:
    cleaned = [_PLACEHOLDER.sub(" ", text.lower()) for text in texts]
    vectoriser = TfidfVectorizer(
        token_pattern=WORD_PATTERN,
        stop_words=sorted(STOP_WORDS),
        ngram_range=(1, 2),
        sublinear_tf=True,
    )
    try:
        matrix = vectoriser.fit_transform(cleaned)
    except ValueError:  # every text consists of stop words only
        return None
    return matrix.toarray(), list(vectoriser.get_feature_names_out())


def representative_indices(texts: Sequence[str], *, k: int = 5, balance: float = 0.5) -> list[int]:
    """Indices of up to ``k`` typical and mutually different texts (MMR over TF-IDF)."""
    if len(texts) <= k:
        return list(range(len(texts)))
    vectorised = _vectorise(texts)
    if vectorised is None:
        return list(range(k))
    matrix = vectorised[0]  # rows are L2-normalised by TfidfVectorizer
    centroid = matrix.mean(axis=0)
    norm = np.linalg.norm(centroid)
    typicality = matrix @ (centroid / norm) if norm else np.zeros(len(texts))
    similarity = matrix @ matrix.T
    chosen: list[int] = []
    while len(chosen) < k:
        redundancy = similarity[:, chosen].max(axis=1) if chosen else np.zeros(len(texts))
        score = balance * typicality - (1 - balance) * redundancy
        score[chosen] = -np.inf
        chosen.append(int(np.argmax(score)))
    return chosen


def key_phrases(texts: Sequence[str], *, limit: int = 8) -> list[str]:
    """Words and two-word phrases with the highest summed TF-IDF weight over the texts."""
    if not texts:
        return []
    vectorised = _vectorise(texts)
    if vectorised is None:
        return []
    matrix, terms = vectorised
    weights = matrix.sum(axis=0)
    order = sorted(range(len(terms)), key=lambda i: (-weights[i], terms[i]))
    phrases: list[str] = []
    for index in order:
        term = terms[index]
        # A bigram whose words are already listed adds nothing; skip it (and vice versa).
        if any(term in phrase or phrase in term for phrase in phrases):
            continue
        phrases.append(term)
        if len(phrases) == limit:
            break
    return phrases
