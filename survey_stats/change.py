"""Change between two periods: Welch's t-test on the per-answer-set values (``DESIGN.md`` §4).

A change is *säkerställd* (statistically significant) when the two-sided p-value is below
0.05, and only then is it worded as a rise or a fall; otherwise it is "no significant
change", however large the difference looks. A change that involves a suppressed group
(fewer than seven answers) is not computed at all: publishing it would reveal the value.

See ``docs/statistics/change.md`` for the method and a worked example.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from survey_stats.groups import MIN_GROUP_SIZE
from survey_stats.intervals import DEFAULT_LEVEL, ConfidenceInterval, SufficientStatistics

__all__ = [
    "SIGNIFICANCE_LEVEL",
    "Change",
    "ChangeDirection",
    "welch_change",
    "welch_change_from_stats",
    "welch_tests_from_stats",
]

FloatArray = NDArray[np.float64]

SIGNIFICANCE_LEVEL = 0.05
"""A change is significant (säkerställd) when ``p < SIGNIFICANCE_LEVEL``."""


class ChangeDirection(enum.StrEnum):
    """How a change may be worded; the value is the stable slug."""

    RISE = "rise"
    FALL = "fall"
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    NOT_COMPARABLE = "not_comparable"

    @property
    def label(self) -> str:
        """Swedish wording."""
        return _LABELS_SV[self]

    @property
    def label_en(self) -> str:
        """English wording."""
        return _LABELS_EN[self]


_LABELS_SV = {
    ChangeDirection.RISE: "säkerställd ökning",
    ChangeDirection.FALL: "säkerställd minskning",
    ChangeDirection.NO_SIGNIFICANT_CHANGE: "ingen säkerställd förändring",
    ChangeDirection.NOT_COMPARABLE: "för få svar för jämförelse",
}
_LABELS_EN = {
    ChangeDirection.RISE: "significant rise",
    ChangeDirection.FALL: "significant fall",
    ChangeDirection.NO_SIGNIFICANT_CHANGE: "no significant change",
    ChangeDirection.NOT_COMPARABLE: "too few answers to compare",
}


@dataclass(frozen=True, slots=True)
class Change:
    """The change from an earlier to a later period.

    Attributes
    ----------
    direction : ChangeDirection
        Rise or fall only when significant.
    difference : float or None
        ``later mean − earlier mean``; None when not comparable.
    ci : ConfidenceInterval or None
        Welch interval of the difference (not clipped; it lies within [-100, 100]).
    t_statistic, degrees_of_freedom, p_value : float or None
        Welch's test; None when not comparable.
    n_earlier, n_later : int
        Valid values in each period.
    """

    direction: ChangeDirection
    difference: float | None
    ci: ConfidenceInterval | None
    t_statistic: float | None
    degrees_of_freedom: float | None
    p_value: float | None
    n_earlier: int
    n_later: int

    @property
    def significant(self) -> bool:
        """True for a rise or a fall."""
        return self.direction in (ChangeDirection.RISE, ChangeDirection.FALL)


def welch_tests_from_stats(
    earlier: tuple[ArrayLike, ArrayLike, ArrayLike],
    later: tuple[ArrayLike, ArrayLike, ArrayLike],
    level: float = DEFAULT_LEVEL,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """Vectorised Welch tests from sufficient statistics ``(n, Σx, Σx²)`` of both periods.

    Returns
    -------
    difference, t, df, p, low, high : ndarray of float64
        NaN where either period has fewer than two values. When both periods have zero
        variance, ``p`` is 1 for equal means and 0 otherwise.

    Examples
    --------
    >>> d, t, df, p, low, high = welch_tests_from_stats(([3], [150.0], [7700.0]),
    ...                                                 ([3], [210.0], [14900.0]))
    >>> d.tolist(), round(float(t[0]), 6), round(float(p[0]), 6)
    ([20.0], 2.44949, 0.070484)
    """
    n1, s1, q1 = (np.asarray(a, dtype=np.float64) for a in earlier)
    n2, s2, q2 = (np.asarray(a, dtype=np.float64) for a in later)
    with np.errstate(invalid="ignore", divide="ignore"):
        m1, m2 = s1 / n1, s2 / n2
        v1 = np.maximum(q1 - s1 * m1, 0.0) / (n1 - 1) / n1  # variance of each mean
        v2 = np.maximum(q2 - s2 * m2, 0.0) / (n2 - 1) / n2
        v1 = np.where(v1 <= 64 * np.finfo(np.float64).eps * q1 / n1 / n1, 0.0, v1)
        v2 = np.where(v2 <= 64 * np.finfo(np.float64).eps * q2 / n2 / n2, 0.0, v2)
        difference = m2 - m1
        se = np.sqrt(v1 + v2)
        t = difference / se
        df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
        p = 2 * special.stdtr(df, -np.abs(t))
        quantile = special.stdtrit(df, 0.5 + level / 2)
    degenerate = se == 0
    p = np.where(degenerate, np.where(difference == 0, 1.0, 0.0), p)
    t = np.where(degenerate & (difference == 0), 0.0, t)
    df = np.where(degenerate, n1 + n2 - 2, df)
    low = np.where(degenerate, difference, difference - quantile * se)
    high = np.where(degenerate, difference, difference + quantile * se)
    undefined = (n1 < 2) | (n2 < 2)
    outputs = []
    for array in (difference, t, df, p, low, high):
        outputs.append(np.where(undefined, np.nan, array))
    return (outputs[0], outputs[1], outputs[2], outputs[3], outputs[4], outputs[5])


def welch_change_from_stats(
    earlier: SufficientStatistics,
    later: SufficientStatistics,
    *,
    level: float = DEFAULT_LEVEL,
    min_group_size: int = MIN_GROUP_SIZE,
) -> Change:
    """The :class:`Change` between two groups given their database aggregates."""
    if earlier.n < min_group_size or later.n < min_group_size:
        return Change(
            ChangeDirection.NOT_COMPARABLE, None, None, None, None, None, earlier.n, later.n
        )
    d, t, df, p, low, high = welch_tests_from_stats(
        ([earlier.n], [earlier.total], [earlier.sum_of_squares]),
        ([later.n], [later.total], [later.sum_of_squares]),
        level,
    )
    difference, p_value = float(d[0]), float(p[0])
    if p_value < SIGNIFICANCE_LEVEL:
        direction = ChangeDirection.RISE if difference > 0 else ChangeDirection.FALL
    else:
        direction = ChangeDirection.NO_SIGNIFICANT_CHANGE
    return Change(
        direction=direction,
        difference=difference,
        ci=ConfidenceInterval(float(low[0]), float(high[0])),
        t_statistic=float(t[0]),
        degrees_of_freedom=float(df[0]),
        p_value=p_value,
        n_earlier=earlier.n,
        n_later=later.n,
    )


def welch_change(
    earlier: ArrayLike,
    later: ArrayLike,
    *,
    level: float = DEFAULT_LEVEL,
    min_group_size: int = MIN_GROUP_SIZE,
) -> Change:
    """The change between two periods' per-answer-set values (NaN is missing).

    Parameters
    ----------
    earlier, later : array_like of float
        Per-answer-set NKI (or factor index) of each period.
    level : float
        Confidence level of the interval of the difference.
    min_group_size : int
        Either period below this is suppressed, and the change not comparable.

    Examples
    --------
    >>> before = [60.0, 70, 65, 55, 75, 60, 70, 65]
    >>> after = [80.0, 85, 75, 90, 80, 85, 70, 80]
    >>> change = welch_change(before, after)
    >>> change.direction.value, change.difference, change.direction.label
    ('rise', 15.625, 'säkerställd ökning')
    >>> welch_change(before, [66.0, 60, 70, 65, 55, 75, 62, 64]).direction.label_en
    'no significant change'
    """
    return welch_change_from_stats(
        SufficientStatistics.of(earlier),
        SufficientStatistics.of(later),
        level=level,
        min_group_size=min_group_size,
    )
