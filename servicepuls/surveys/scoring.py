"""The adapter between stored answer items and the per-answer-set indices of DESIGN §4.

Item keys are the canonical CSV columns of DESIGN §6: ``<factor>_<k>`` for the six service
factors and ``nki_satisfied``, ``nki_expectations``, ``nki_ideal`` for the NKI items.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from survey_stats.drivers import FACTORS

NKI_ITEMS: tuple[str, ...] = ("nki_satisfied", "nki_expectations", "nki_ideal")
_ITEM_COLUMN = re.compile(r"^(?P<factor>[a-z]+)_(?P<k>[1-9][0-9]*)$")


def item_column_parse(name: str) -> tuple[str, int] | None:
    """``("information", 2)`` for ``information_2``; ``None`` for any other column name."""
    match = _ITEM_COLUMN.match(name)
    if match is None or match["factor"] not in FACTORS:
        return None
    return match["factor"], int(match["k"])


def item_column_is_valid(name: str) -> bool:
    """Whether ``name`` is a factor item column or an NKI item column."""
    return name in NKI_ITEMS or item_column_parse(name) is not None


@dataclass(frozen=True, slots=True)
class AnswerScores:
    """The derived indices of one answer set; ``None`` means missing."""

    nki: float | None
    factors: dict[str, float | None]

    def as_fields(self) -> dict[str, float | None]:
        """The values keyed by ``SurveyAnswer`` field name."""
        return {"nki": self.nki, **self.factors}


def _item_index(value: int, low: int, high: int) -> float:
    return (value - low) / (high - low) * 100.0


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def answer_scores(items: Mapping[str, int | None], *, low: int, high: int) -> AnswerScores:
    """Compute NKI (≥ 2 of 3 items answered) and each factor index (≥ 1 item answered).

    Raises ``ValueError`` for an unknown item column or an answer off the scale.
    """
    by_factor: dict[str, list[float]] = {factor: [] for factor in FACTORS}
    nki_values: list[float] = []
    for column, value in items.items():
        parsed = item_column_parse(column)
        if parsed is None and column not in NKI_ITEMS:
            raise ValueError(f"unknown item column {column!r}")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{column}: {value!r} is not an integer from {low} to {high}")
        index = _item_index(value, low, high)
        if parsed is None:
            nki_values.append(index)
        else:
            by_factor[parsed[0]].append(index)
    nki = _mean(nki_values) if len(nki_values) >= 2 else None
    return AnswerScores(nki=nki, factors={f: _mean(v) for f, v in by_factor.items()})
