"""The redactor: run every detector, resolve overlaps, replace spans by placeholders."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from .addresses import find_addresses
from .names import find_names
from .numbers import Candidate, find_emails, find_identity_numbers, find_phone_numbers
from .spans import PLACEHOLDERS, PiiSpan, RedactionResult

__all__ = ["DETECTORS", "redact", "resolve_overlaps"]

Detector = Callable[[str], list[Candidate]]

#: The detectors, run in this order; overlaps are resolved by priority, not by order.
DETECTORS: tuple[Detector, ...] = (
    find_emails,
    find_identity_numbers,
    find_phone_numbers,
    find_addresses,
    find_names,
)


def resolve_overlaps(candidates: Iterable[Candidate]) -> tuple[PiiSpan, ...]:
    """Choose non-overlapping spans: higher priority first, then the longer, then earlier.

    >>> resolve_overlaps([Candidate("namn", 0, 4, 10), Candidate("telefon", 2, 9, 30)])
    (PiiSpan(type='telefon', start=2, end=9),)
    """
    starts: list[int] = []  # the chosen spans, sorted by start; they never overlap
    chosen: list[Candidate] = []
    ordered = sorted(candidates, key=lambda c: (-c.priority, c.start - c.end, c.start))
    for candidate in ordered:
        index = bisect.bisect_left(starts, candidate.start)
        if index > 0 and chosen[index - 1].end > candidate.start:
            continue
        if index < len(chosen) and chosen[index].start < candidate.end:
            continue
        starts.insert(index, candidate.start)
        chosen.insert(index, candidate)
    return tuple(PiiSpan(c.type, c.start, c.end) for c in chosen)


def _spans_in_placeholders(text: str) -> list[tuple[int, int]]:
    """The placeholders already in ``text`` (so redacting twice changes nothing)."""
    found = []
    for label in PLACEHOLDERS.values():
        start = text.find(label)
        while start != -1:
            found.append((start, start + len(label)))
            start = text.find(label, start + 1)
    return found


def _overlaps_any(candidate: Candidate, spans: tuple[PiiSpan, ...]) -> bool:
    """Whether ``candidate`` overlaps one of the sorted, disjoint ``spans``."""
    index = bisect.bisect_left([s.start for s in spans], candidate.end)
    return index > 0 and spans[index - 1].end > candidate.start


def redact(text: str) -> RedactionResult:
    """Replace every piece of personal data in ``text`` by a bracketed type label.

    Parameters
    ----------
    text
        Any text, in Swedish or English; it may be empty, huge or contain garbage.

    Returns
    -------
    RedactionResult
        ``.text`` is the redacted text; ``.spans`` are the replaced pieces as
        :class:`PiiSpan` offsets into the *original* text, in order of appearance.

    Examples
    --------
    >>> result = redact("Ring mig på 070-123 45 67 eller mejla ek@example.se.")
    >>> result.text
    'Ring mig på [telefon] eller mejla [e-post].'
    >>> [(s.type, s.start, s.end) for s in result.spans]
    [('telefon', 12, 25), ('e-post', 38, 51)]
    """
    candidates = [c for detector in DETECTORS for c in detector(text)]
    protected = _spans_in_placeholders(text) if "[" in text else []
    if protected:
        protected_spans = [Candidate("namn", s, e, 1000) for s, e in protected]
        taken = resolve_overlaps(protected_spans)
        candidates = [c for c in candidates if not _overlaps_any(c, taken)]
    spans = resolve_overlaps(candidates)
    pieces: list[str] = []
    position = 0
    for span in spans:
        pieces.append(text[position : span.start])
        pieces.append(span.placeholder)
        position = span.end
    pieces.append(text[position:])
    return RedactionResult("".join(pieces), spans)
