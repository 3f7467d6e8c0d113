"""Item, NKI and factor indices of single answer sets (``DESIGN.md`` §4).

An answer ``x`` on a scale ``lo..hi`` becomes the item index ``(x − lo) / (hi − lo) × 100``.
An empty answer ("vet ej", not answered) is *missing*, never zero: it is left out of every
mean. The NKI of one answer set is the mean of its answered NKI-item indices and exists only
when at least two of the three NKI items are answered; a factor index is the mean of the
answered item indices of that factor and exists when at least one is answered.

Two forms of every function:

* scalar functions for one answer set (``item_index``, ``answer_set_nki``,
  ``answer_set_factor_index``), where a missing answer is ``None`` (NaN is accepted too);
* vectorised functions for large tables (``item_indices``, ``nki_indices``,
  ``factor_indices``), which take a 2-D float array of raw answers with one row per answer set
  and NaN for a missing answer, and return one float per row, NaN where no value exists.

Both forms give bit-identical results for the same answers.

See ``docs/statistics/indices.md`` for the method and a worked example.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from survey_stats.drivers import FACTORS

__all__ = [
    "DEFAULT_SCALE",
    "FACTORS",
    "MIN_NKI_ITEMS",
    "NKI_ITEMS",
    "Scale",
    "answer_set_factor_index",
    "answer_set_nki",
    "factor_indices",
    "item_index",
    "item_indices",
    "nki_indices",
]

FloatArray = NDArray[np.float64]

NKI_ITEMS: tuple[str, ...] = ("nki_satisfied", "nki_expectations", "nki_ideal")
"""The three NKI items: overall satisfaction, expectations met, closeness to an ideal."""

MIN_NKI_ITEMS = 2
"""An answer set has an NKI only when at least this many NKI items are answered."""

_SCALE_PATTERN = re.compile(r"^\s*(-?\d+)\s*[-–]\s*(-?\d+)\s*$")


@dataclass(frozen=True, slots=True)
class Scale:
    """An integer answer scale ``low..high`` (inclusive), a property of the questionnaire.

    Examples
    --------
    >>> Scale.parse("1-6")
    Scale(low=1, high=6)
    >>> Scale().contains(10), Scale().contains(0), Scale(1, 5).contains(5.5)
    (True, False, False)
    """

    low: int = 1
    high: int = 10

    def __post_init__(self) -> None:
        if isinstance(self.low, bool) or isinstance(self.high, bool):
            raise TypeError("scale bounds must be integers")
        if not isinstance(self.low, int) or not isinstance(self.high, int):
            raise TypeError(f"scale bounds must be integers, got {self.low!r} and {self.high!r}")
        if self.low >= self.high:
            raise ValueError(f"scale must have low < high, got {self.low}-{self.high}")

    @classmethod
    def parse(cls, text: str) -> Scale:
        """Read a scale written as ``"lo-hi"`` (e.g. ``"1-10"``, ``"1-5"``).

        Raises
        ------
        ValueError
            When the text is not two integers joined by a dash, or ``lo >= hi``.
        """
        match = _SCALE_PATTERN.match(text)
        if match is None:
            raise ValueError(f"scale must be written low-high, such as 1-10; got {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    def contains(self, value: float) -> bool:
        """True when ``value`` is a whole number on the scale."""
        if isinstance(value, bool) or not isinstance(value, int | float | np.number):
            return False
        number = float(value)
        return math.isfinite(number) and number.is_integer() and self.low <= number <= self.high

    def __str__(self) -> str:
        return f"{self.low}-{self.high}"


DEFAULT_SCALE = Scale(1, 10)
"""The default NKI scale, 1–10."""


def item_index(value: float, scale: Scale = DEFAULT_SCALE) -> float:
    """Index 0–100 of one answer: ``(value − low) / (high − low) × 100``.

    Parameters
    ----------
    value : float
        The answer; any number within ``[scale.low, scale.high]`` (a mean of answers is
        allowed, so the value need not be whole).
    scale : Scale
        The answer scale.

    Returns
    -------
    float
        The item index, in [0, 100].

    Raises
    ------
    ValueError
        When ``value`` is outside the scale or not finite.

    Examples
    --------
    >>> item_index(10), item_index(1), item_index(7)
    (100.0, 0.0, 66.66666666666666)
    >>> item_index(4, Scale(1, 6))
    60.0
    """
    number = float(value)
    if not (math.isfinite(number) and scale.low <= number <= scale.high):
        raise ValueError(f"answer {number:g} is outside the scale {scale}")
    return (number - scale.low) / (scale.high - scale.low) * 100.0


def _answer_set_mean(
    answers: Sequence[float | None], scale: Scale, min_answered: int
) -> float | None:
    # Through the vectorised form, so that both forms give bit-identical values.
    row = [math.nan if answer is None else float(answer) for answer in answers]
    for answer in row:
        if not math.isnan(answer):
            item_index(answer, scale)  # raises, naming the answer and the scale
    value = float(_row_means(item_indices([row], scale), min_answered)[0])
    return None if math.isnan(value) else value


def answer_set_nki(answers: Sequence[float | None], scale: Scale = DEFAULT_SCALE) -> float | None:
    """NKI of one answer set: the mean of its answered NKI-item indices.

    Parameters
    ----------
    answers : sequence of float or None
        The answers to the three NKI items (:data:`NKI_ITEMS` order); ``None`` or NaN is
        missing.
    scale : Scale
        The answer scale.

    Returns
    -------
    float or None
        The NKI, or None when fewer than two of the three items are answered.

    Raises
    ------
    ValueError
        When there are not exactly three answers or an answer is outside the scale.

    Examples
    --------
    >>> answer_set_nki([10, 7, None])
    83.33333333333333
    >>> answer_set_nki([10, None, None]) is None
    True
    """
    if len(answers) != len(NKI_ITEMS):
        raise ValueError(f"NKI needs {len(NKI_ITEMS)} answers, got {len(answers)}")
    return _answer_set_mean(answers, scale, MIN_NKI_ITEMS)


def answer_set_factor_index(
    answers: Sequence[float | None], scale: Scale = DEFAULT_SCALE
) -> float | None:
    """Factor index of one answer set: the mean of the answered item indices of the factor.

    Parameters
    ----------
    answers : sequence of float or None
        The answers to the factor's items; ``None`` or NaN is missing.
    scale : Scale
        The answer scale.

    Returns
    -------
    float or None
        The factor index, or None when no item is answered.

    Examples
    --------
    >>> answer_set_factor_index([4, 5, None], Scale(1, 5))
    87.5
    >>> answer_set_factor_index([None, None]) is None
    True
    """
    return _answer_set_mean(answers, scale, 1)


def item_indices(answers: ArrayLike, scale: Scale = DEFAULT_SCALE) -> FloatArray:
    """Vectorised :func:`item_index`: the index of every answer in an array, NaN kept as NaN.

    Parameters
    ----------
    answers : array_like of float
        Raw answers of any shape; NaN is missing.
    scale : Scale
        The answer scale.

    Returns
    -------
    ndarray of float64
        Same shape; NaN where the answer is missing.

    Raises
    ------
    ValueError
        When an answered value is outside the scale (the message names the first one).

    Examples
    --------
    >>> item_indices([[1.0, np.nan], [10.0, 4.0]]).tolist()
    [[0.0, nan], [100.0, 33.33333333333333]]
    """
    values = np.asarray(answers, dtype=np.float64)
    outside = ~np.isnan(values) & ((values < scale.low) | (values > scale.high))
    if outside.any():
        first = np.argwhere(outside)[0]
        position = ", ".join(str(int(i)) for i in first)
        raise ValueError(
            f"answer {values[tuple(first)]:g} at position ({position}) is outside the scale {scale}"
        )
    return (values - scale.low) / (scale.high - scale.low) * 100.0


def _row_means(indices: FloatArray, min_answered: int) -> FloatArray:
    answered = ~np.isnan(indices)
    count = answered.sum(axis=1)
    total = np.where(answered, indices, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means: FloatArray = total / count
    means[count < min_answered] = np.nan
    return means


def nki_indices(answers: ArrayLike, scale: Scale = DEFAULT_SCALE) -> FloatArray:
    """Vectorised :func:`answer_set_nki` over a table of answer sets.

    Parameters
    ----------
    answers : array_like of float, shape (n, 3)
        Raw answers to the three NKI items per answer set; NaN is missing.
    scale : Scale
        The answer scale.

    Returns
    -------
    ndarray of float64, shape (n,)
        NKI per answer set; NaN where fewer than two items are answered.

    Examples
    --------
    >>> nki_indices([[10, 7, np.nan], [10, np.nan, np.nan]]).tolist()
    [83.33333333333333, nan]
    """
    values = np.asarray(answers, dtype=np.float64)
    if values.ndim != 2 or values.shape[1] != len(NKI_ITEMS):
        raise ValueError(f"NKI answers must have shape (n, 3), got {values.shape}")
    return _row_means(item_indices(values, scale), MIN_NKI_ITEMS)


def factor_indices(answers: ArrayLike, scale: Scale = DEFAULT_SCALE) -> FloatArray:
    """Vectorised :func:`answer_set_factor_index` over a table of answer sets.

    Parameters
    ----------
    answers : array_like of float, shape (n, k)
        Raw answers to the ``k ≥ 1`` items of one factor per answer set; NaN is missing.
    scale : Scale
        The answer scale.

    Returns
    -------
    ndarray of float64, shape (n,)
        Factor index per answer set; NaN where no item is answered.

    Examples
    --------
    >>> factor_indices([[4, 5, np.nan], [np.nan, np.nan, np.nan]], Scale(1, 5)).tolist()
    [87.5, nan]
    """
    values = np.asarray(answers, dtype=np.float64)
    if values.ndim != 2 or values.shape[1] < 1:
        raise ValueError(f"factor answers must have shape (n, k) with k >= 1, got {values.shape}")
    return _row_means(item_indices(values, scale), 1)
