"""The adapter between stored answer items and the per-answer-set indices of ``survey_stats``.

Item keys are the canonical CSV columns of DESIGN §6: ``<factor>_<k>`` for the six service
factors and ``nki_satisfied``, ``nki_expectations``, ``nki_ideal`` for the NKI items. The
arithmetic (item index, NKI valid with 2 of 3 items, factor index) is
``survey_stats.indices``; this module only arranges a stored answer set for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from survey_stats.canonical import parse_item_column
from survey_stats.drivers import FACTORS
from survey_stats.indices import NKI_ITEMS, Scale, answer_set_factor_index, answer_set_nki

__all__ = [
    "FACTORS",
    "NKI_ITEMS",
    "AnswerScores",
    "answer_scores",
    "item_column_is_valid",
    "item_column_parse",
]


def item_column_parse(name: str) -> tuple[str, int] | None:
    """``("information", 2)`` for ``information_2``; ``None`` for any other column name."""
    return parse_item_column(name)


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


def answer_scores(items: Mapping[str, int | None], *, low: int, high: int) -> AnswerScores:
    """Compute NKI (≥ 2 of 3 items answered) and each factor index (≥ 1 item answered).

    Raises ``ValueError`` for an unknown item column or an answer off the scale.
    """
    scale = Scale(low, high)
    by_factor: dict[str, list[float | None]] = {factor: [] for factor in FACTORS}
    for column, value in items.items():
        parsed = item_column_parse(column)
        if parsed is None and column not in NKI_ITEMS:
            raise ValueError(f"unknown item column {column!r}")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{column}: {value!r} is not an integer from {low} to {high}")
        if value is not None and not scale.contains(value):
            raise ValueError(f"{column}: {value!r} is not an integer from {low} to {high}")
        if parsed is not None:
            by_factor[parsed[0]].append(value)
    nki = answer_set_nki([items.get(name) for name in NKI_ITEMS], scale)
    factors = {
        factor: answer_set_factor_index(values, scale) if values else None
        for factor, values in by_factor.items()
    }
    return AnswerScores(nki=nki, factors=factors)
