"""Measure the redactor against labelled texts (the ``stories-dev.jsonl`` format).

A labelled record is ``{"id", "text", "pii": [{"type", "text"}, ...]}`` where each
``pii`` entry is an exact substring of ``text``, listed in order of appearance. The
labelled types are ``person``, ``personnummer``, ``phone``, ``email``, ``address`` and
``orgnr``; they map onto the redactor's ``namn``, ``personnummer``, ``telefon``,
``e-post``, ``adress`` and ``orgnr``.

The figures:

- **recall** per type: the share of labelled spans wholly covered by predicted spans of
  the same type;
- **precision** per type: the share of predicted spans that overlap a labelled span of
  the same type;
- **leaks** per type: labelled spans of which some letter or digit is left visible by
  every predicted span, whatever its type (the number that must be zero);
- **other words kept**: the share of words outside every labelled span that are left
  untouched (what over-redaction costs the reader).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, TextIO

from ..jsonl import json_line
from .core import redact
from .spans import PII_TYPES, PiiSpan

__all__ = [
    "LABEL_TYPES",
    "LabelledRecord",
    "RecordError",
    "RedactionReport",
    "TypeFigures",
    "evaluate_redaction",
    "read_labelled_jsonl",
]

#: The labelled types of the data set and the redactor's type for each.
LABEL_TYPES: Final[dict[str, str]] = {
    "person": "namn",
    "personnummer": "personnummer",
    "phone": "telefon",
    "email": "e-post",
    "address": "adress",
    "orgnr": "orgnr",
}
_WORD_RE: Final = re.compile(r"\w+")


@dataclass(frozen=True)
class LabelledRecord:
    """One labelled text: its id, the text and the personal data in it as spans."""

    id: str
    text: str
    spans: tuple[PiiSpan, ...]


@dataclass(frozen=True)
class RecordError:
    """A line of the input that could not be read, with the reason."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class TypeFigures:
    """Counts for one personal-data type."""

    labelled: int = 0
    found: int = 0
    leaked: int = 0
    predicted: int = 0
    predicted_correct: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None

    @property
    def precision(self) -> float | None:
        return self.predicted_correct / self.predicted if self.predicted else None


@dataclass
class RedactionReport:
    """The figures over a set of labelled records, with the misses for inspection."""

    records: int = 0
    per_type: dict[str, TypeFigures] = field(
        default_factory=lambda: {kind: TypeFigures() for kind in PII_TYPES}
    )
    other_words: int = 0
    other_words_kept: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def other_words_kept_share(self) -> float | None:
        return self.other_words_kept / self.other_words if self.other_words else None

    def to_json(self) -> dict[str, object]:
        """The figures as plain JSON-ready data."""
        return {
            "records": self.records,
            "types": {
                kind: {
                    "labelled": figures.labelled,
                    "recall": figures.recall,
                    "precision": figures.precision,
                    "leaks": figures.leaked,
                }
                for kind, figures in self.per_type.items()
            },
            "other_words_kept": self.other_words_kept_share,
        }

    def to_text(self) -> str:
        """The figures as a small table for a terminal."""
        lines = [
            f"records: {self.records}",
            f"{'type':<14}{'labelled':>9}{'recall':>9}{'precision':>11}{'leaks':>7}",
        ]
        for kind, figures in self.per_type.items():
            lines.append(
                f"{kind:<14}{figures.labelled:>9}{_fmt(figures.recall):>9}"
                f"{_fmt(figures.precision):>11}{figures.leaked:>7}"
            )
        lines.append(
            f"other words kept: {_fmt(self.other_words_kept_share)} "
            f"({self.other_words_kept} of {self.other_words})"
        )
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _record_from_json(data: object) -> LabelledRecord:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    text = data.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    entries = data.get("pii", [])
    if not isinstance(entries, list):
        raise ValueError('"pii" must be a list')
    spans: list[PiiSpan] = []
    cursor = 0
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise ValueError(f"pii entry {number} is not an object")
        label, piece = entry.get("type"), entry.get("text")
        if label not in LABEL_TYPES or not isinstance(piece, str) or not piece:
            raise ValueError(f"pii entry {number} has an unknown type or no text")
        start = text.find(piece, cursor)
        if start == -1:
            start = text.find(piece)
        if start == -1:
            raise ValueError(f"pii entry {number} ({label}) is not a substring of the text")
        spans.append(PiiSpan(LABEL_TYPES[label], start, start + len(piece)))
        cursor = start + 1
    return LabelledRecord(str(data.get("id", "")), text, tuple(spans))


def read_labelled_jsonl(
    source: Path | TextIO,
) -> Iterator[LabelledRecord | RecordError]:
    """Yield each record of a labelled JSON Lines file, or a :class:`RecordError`.

    A broken line does not stop the reading: it yields an error naming the line, and
    the following lines are read as usual.
    """
    stream = source.open(encoding="utf-8") if isinstance(source, Path) else source
    try:
        for line_number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                yield _record_from_json(json_line(line))
            except (ValueError, TypeError) as error:
                yield RecordError(line_number, str(error))
    finally:
        if isinstance(source, Path):
            stream.close()


def _covered(start: int, end: int, spans: Sequence[PiiSpan], text: str) -> bool:
    """Whether every letter and digit of ``text[start:end]`` lies inside some span."""
    for position in range(start, end):
        if text[position].isalnum() and not any(s.start <= position < s.end for s in spans):
            return False
    return True


def _overlaps(span: PiiSpan, others: Iterable[PiiSpan]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)


def evaluate_redaction(records: Iterable[LabelledRecord]) -> RedactionReport:
    """Redact each record's text and compare the spans with its labels.

    >>> record = LabelledRecord("x", "Ring 08-12 34 56 nu", (PiiSpan("telefon", 5, 16),))
    >>> report = evaluate_redaction([record])
    >>> report.per_type["telefon"].recall, report.other_words_kept_share
    (1.0, 1.0)
    """
    report = RedactionReport()
    for record in records:
        report.records += 1
        predicted = redact(record.text).spans
        for gold in record.spans:
            figures = report.per_type[gold.type]
            figures.labelled += 1
            same_type = [s for s in predicted if s.type == gold.type]
            if _covered(gold.start, gold.end, same_type, record.text):
                figures.found += 1
            else:
                report.misses.append(
                    f"{record.id} {gold.type}: {record.text[gold.start : gold.end]!r}"
                )
            if not _covered(gold.start, gold.end, predicted, record.text):
                figures.leaked += 1
        for span in predicted:
            figures = report.per_type[span.type]
            figures.predicted += 1
            if _overlaps(span, [g for g in record.spans if g.type == span.type]):
                figures.predicted_correct += 1
            elif not _overlaps(span, record.spans):
                report.false_positives.append(
                    f"{record.id} {span.type}: {record.text[span.start : span.end]!r}"
                )
        for word in _WORD_RE.finditer(record.text):
            probe = PiiSpan("namn", word.start(), word.end())
            if _overlaps(probe, record.spans):
                continue
            report.other_words += 1
            if not _overlaps(probe, predicted):
                report.other_words_kept += 1
    return report
