"""Batch analysis and evaluation of JSON Lines files (behind ``servicepuls text``).

A broken line never stops a batch: it becomes a :class:`LineError` naming the line, and
the following lines are processed as usual (see :func:`swedish_text.jsonl.json_line`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from swedish_text.analysis import Analyzer, TextAnalysis
from swedish_text.jsonl import json_line
from swedish_text.training import (
    AREAS,
    FACTORS,
    SENTIMENTS,
    LabelledText,
    TrainOptions,
    sort_key,
    train,
)

__all__ = [
    "ClassificationReport",
    "LineError",
    "analyze_lines",
    "cross_validate",
    "evaluate_classification",
    "labelled_lines",
]


@dataclass(frozen=True)
class LineError:
    """A line that could not be processed, with the reason."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _text_record(line: str) -> tuple[Any, str]:
    data = json_line(line)
    if not isinstance(data, dict):
        raise ValueError("the line is not a JSON object")
    text = data.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" is missing or not a string')
    return data.get("id"), text


def analyze_lines(lines: Iterable[str], analyzer: Analyzer) -> Iterator[dict[str, Any] | LineError]:
    """Analyse each ``{"id", "text", …}`` line; yield the output object or a :class:`LineError`.

    The output object is ``{"id", "area", "factors", "sentiment", "redacted_text", "pii",
    "language", "model_version"}`` (see :meth:`TextAnalysis.to_json`).
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record_id, text = _text_record(line)
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            yield LineError(number, f"not a valid record: {error}")
            continue
        yield {"id": record_id, **analyzer.analyze(text).to_json()}


def labelled_lines(lines: Iterable[str]) -> Iterator[tuple[int, LabelledText] | LineError]:
    """Read labelled lines (the development-set format); yield ``(line, example)`` or errors."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json_line(line)
            if not isinstance(data, dict):
                raise ValueError("the line is not a JSON object")
            factors = data.get("factors")
            if not isinstance(factors, list):
                raise ValueError('"factors" must be a list')
            example = LabelledText(
                text=str(data["text"]),
                area=str(data["area"]),
                factors=tuple(sorted({str(factor) for factor in factors})),
                sentiment=str(data["sentiment"]),
                id=str(data.get("id", "")),
            )
        except KeyError as error:
            yield LineError(number, f"not a labelled record: {error.args[0]!r} is missing")
            continue
        except ValueError as error:
            yield LineError(number, f"not a labelled record: {error}")
            continue
        yield number, example


@dataclass
class ClassificationReport:
    """Accuracy of the area and sentiment, micro/macro F1 of the factors."""

    records: int = 0
    area_correct: int = 0
    sentiment_correct: int = 0
    factor_counts: dict[str, list[int]] = field(
        default_factory=lambda: {factor: [0, 0, 0] for factor in FACTORS}  # tp, fp, fn
    )
    area_confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {gold: dict.fromkeys(AREAS, 0) for gold in AREAS}
    )
    sentiment_confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {gold: dict.fromkeys(SENTIMENTS, 0) for gold in SENTIMENTS}
    )

    def add(self, gold: LabelledText, predicted: TextAnalysis) -> None:
        """Count one prediction against its gold labels."""
        self.records += 1
        self.area_correct += predicted.area.label == gold.area
        self.sentiment_correct += predicted.sentiment.label == gold.sentiment
        self.area_confusion[gold.area][predicted.area.label] += 1
        self.sentiment_confusion[gold.sentiment][predicted.sentiment.label] += 1
        chosen = {tag.label for tag in predicted.factors}
        for factor, counts in self.factor_counts.items():
            counts[0] += factor in chosen and factor in gold.factors
            counts[1] += factor in chosen and factor not in gold.factors
            counts[2] += factor not in chosen and factor in gold.factors

    @property
    def area_accuracy(self) -> float | None:
        return self.area_correct / self.records if self.records else None

    @property
    def sentiment_accuracy(self) -> float | None:
        return self.sentiment_correct / self.records if self.records else None

    def factor_f1(self) -> dict[str, float]:
        """F1 per factor (0 when a factor is neither labelled nor predicted)."""
        return {factor: _f1(*counts) for factor, counts in self.factor_counts.items()}

    @property
    def factor_micro_f1(self) -> float | None:
        if not self.records:
            return None
        tp, fp, fn = (sum(counts[i] for counts in self.factor_counts.values()) for i in range(3))
        return _f1(tp, fp, fn)

    @property
    def factor_macro_f1(self) -> float | None:
        if not self.records:
            return None
        return sum(self.factor_f1().values()) / len(FACTORS)

    def to_json(self) -> dict[str, Any]:
        """The figures as plain JSON-ready data."""
        return {
            "records": self.records,
            "area_accuracy": self.area_accuracy,
            "factor_micro_f1": self.factor_micro_f1,
            "factor_macro_f1": self.factor_macro_f1,
            "factor_f1": self.factor_f1(),
            "sentiment_accuracy": self.sentiment_accuracy,
            "area_confusion": self.area_confusion,
            "sentiment_confusion": self.sentiment_confusion,
        }

    def to_text(self) -> str:
        """The headline figures as a few lines for a terminal."""
        lines = [
            f"records: {self.records}",
            f"area accuracy: {_fmt(self.area_accuracy)}",
            f"factor micro-F1: {_fmt(self.factor_micro_f1)}",
            f"factor macro-F1: {_fmt(self.factor_macro_f1)}",
        ]
        lines += [f"  {factor:<16}F1 {_fmt(f1)}" for factor, f1 in self.factor_f1().items()]
        lines.append(f"sentiment accuracy: {_fmt(self.sentiment_accuracy)}")
        return "\n".join(lines)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def evaluate_classification(
    examples: Sequence[LabelledText], analyzer: Analyzer
) -> ClassificationReport:
    """Analyse every example and compare the tags with its labels."""
    report = ClassificationReport()
    for example in examples:
        report.add(example, analyzer.analyze(example.text))
    return report


def cross_validate(
    examples: Sequence[LabelledText], folds: int = 5, options: TrainOptions | None = None
) -> ClassificationReport:
    """K-fold cross-validation of the whole pipeline (lemma tables, vocabulary, weights).

    Examples are sorted by content and dealt round-robin into ``folds`` folds, so the
    figures are deterministic.
    """
    ordered = sorted(examples, key=sort_key)
    report = ClassificationReport()
    for fold in range(folds):
        training = [e for i, e in enumerate(ordered) if i % folds != fold]
        analyzer = Analyzer(train(training, options))
        for example in ordered[fold::folds]:
            report.add(example, analyzer.analyze(example.text))
    return report
