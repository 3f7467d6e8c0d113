"""Confidence intervals shared by every estimator in the package.

The interval of a group value (``DESIGN.md`` §4) is the Student-t interval
``mean ± t(0.975, n − 1) · s / √n``, clipped to the index scale [0, 100]. It is computed from
the *sufficient statistics* ``(n, Σx, Σx²)`` so that a database aggregate
(``COUNT``, ``SUM``, ``SUM(x*x)``) and an in-memory array give the same numbers through the
same function. A bias-corrected and accelerated (BCa) bootstrap interval is the option for
skewed groups; it resamples with a caller-supplied, seeded generator.

See ``docs/statistics/intervals.md`` for the formulas and a worked example.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

__all__ = [
    "DEFAULT_LEVEL",
    "INDEX_HIGH",
    "INDEX_LOW",
    "ConfidenceInterval",
    "MeanEstimate",
    "SufficientStatistics",
    "bca_interval",
    "mean_estimate",
    "mean_estimate_from_stats",
    "t_intervals_from_stats",
]

FloatArray = NDArray[np.float64]

DEFAULT_LEVEL = 0.95
"""Two-sided confidence level used unless a caller asks for another."""

INDEX_LOW, INDEX_HIGH = 0.0, 100.0
"""Bounds of every index; intervals are clipped to them."""

# The centred sum of squares Σx² − (Σx)²/n loses the digits it cancels; anything below this
# many ulps of Σx² is rounding noise, and is taken as exactly zero (all answers equal).
_CANCELLATION_ULPS = 64


@dataclass(frozen=True, slots=True)
class ConfidenceInterval:
    """A two-sided interval ``[low, high]`` on the index scale (unrounded).

    Examples
    --------
    >>> ci = ConfidenceInterval(low=61.5, high=70.25)
    >>> ci.width
    8.75
    """

    low: float
    high: float

    @property
    def width(self) -> float:
        """Distance between the bounds."""
        return self.high - self.low

    def contains(self, value: float) -> bool:
        """True when ``low <= value <= high``."""
        return self.low <= value <= self.high


@dataclass(frozen=True, slots=True)
class SufficientStatistics:
    """``n``, ``Σx`` and ``Σx²`` of a group: all a mean and its t interval need.

    Examples
    --------
    >>> SufficientStatistics.of([50.0, 60.0, 70.0])
    SufficientStatistics(n=3, total=180.0, sum_of_squares=11000.0)
    """

    n: int
    total: float
    sum_of_squares: float

    @classmethod
    def of(cls, values: ArrayLike) -> SufficientStatistics:
        """The statistics of the non-missing (non-NaN) values."""
        array = np.asarray(values, dtype=np.float64).ravel()
        array = array[~np.isnan(array)]
        return cls(int(array.size), float(array.sum()), float(np.dot(array, array)))


@dataclass(frozen=True, slots=True)
class MeanEstimate:
    """A group mean with its spread and interval.

    Attributes
    ----------
    n : int
        Number of values.
    mean : float or None
        Mean; None when ``n`` is 0.
    standard_deviation : float or None
        Sample standard deviation (``ddof=1``); None when ``n < 2``.
    standard_error : float or None
        ``standard_deviation / √n``; None when ``n < 2``.
    ci : ConfidenceInterval or None
        Student-t interval clipped to [0, 100]; None when ``n < 2``.
    """

    n: int
    mean: float | None
    standard_deviation: float | None
    standard_error: float | None
    ci: ConfidenceInterval | None


def _centred_sum_of_squares(n: FloatArray, total: FloatArray, squares: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        centred = squares - total * (total / n)
    noise = _CANCELLATION_ULPS * np.finfo(np.float64).eps * np.abs(squares)
    return np.where(centred <= noise, 0.0, centred)


def t_intervals_from_stats(
    n: ArrayLike,
    total: ArrayLike,
    sum_of_squares: ArrayLike,
    level: float = DEFAULT_LEVEL,
    *,
    clip: bool = True,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Vectorised means, standard errors and Student-t intervals from sufficient statistics.

    Parameters
    ----------
    n, total, sum_of_squares : array_like
        Per group: count, sum and sum of squares of the values.
    level : float
        Two-sided confidence level.
    clip : bool
        Clip the bounds to the index scale [0, 100] (default).

    Returns
    -------
    mean, standard_error, low, high : ndarray of float64
        NaN where undefined: the mean when ``n == 0``, the rest when ``n < 2``.

    Examples
    --------
    >>> mean, se, low, high = t_intervals_from_stats([3, 1], [180.0, 40.0], [11000.0, 1600.0])
    >>> mean.tolist(), se.tolist()
    ([60.0, 40.0], [5.773502691896258, nan])
    >>> round(float(low[0]), 6), round(float(high[0]), 6)
    (35.158623, 84.841377)
    """
    _check_level(level)
    count = np.asarray(n, dtype=np.float64)
    sums = np.asarray(total, dtype=np.float64)
    squares = np.asarray(sum_of_squares, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, sums / count, np.nan)
        variance = _centred_sum_of_squares(count, sums, squares) / (count - 1)
        se = np.where(count >= 2, np.sqrt(variance / count), np.nan)
    quantile = _t_quantiles(count, level)
    low = mean - quantile * se
    high = mean + quantile * se
    if clip:
        low = np.clip(low, INDEX_LOW, INDEX_HIGH)
        high = np.clip(high, INDEX_LOW, INDEX_HIGH)
    return mean, se, low, high


def _t_quantiles(count: FloatArray, level: float) -> FloatArray:
    # One scipy call per distinct n, not per group: groups share few distinct sizes.
    quantile = np.full(count.shape, np.nan)
    valid = count >= 2
    if valid.any():
        sizes, inverse = np.unique(count[valid], return_inverse=True)
        quantile[valid] = special.stdtrit(sizes - 1, 0.5 + level / 2)[inverse]
    return quantile


def _check_level(level: float) -> None:
    if not 0.0 < level < 1.0:
        raise ValueError(f"confidence level must be between 0 and 1, got {level}")


def mean_estimate_from_stats(
    stats_: SufficientStatistics, level: float = DEFAULT_LEVEL
) -> MeanEstimate:
    """Mean and clipped Student-t interval of one group from its sufficient statistics.

    A database aggregate ``(COUNT(x), SUM(x), SUM(x*x))`` passed here gives exactly the
    numbers :func:`mean_estimate` gives for the same values (up to the order of summation
    inside the database).

    Examples
    --------
    >>> est = mean_estimate_from_stats(SufficientStatistics(3, 180.0, 11000.0))
    >>> est.mean, round(est.standard_deviation, 12), est.ci.low < 60 < est.ci.high
    (60.0, 10.0, True)
    >>> mean_estimate_from_stats(SufficientStatistics(1, 40.0, 1600.0)).ci is None
    True
    """
    if stats_.n < 0:
        raise ValueError(f"n must be non-negative, got {stats_.n}")
    mean, se, low, high = t_intervals_from_stats(
        [stats_.n], [stats_.total], [stats_.sum_of_squares], level
    )
    if stats_.n == 0:
        return MeanEstimate(0, None, None, None, None)
    if stats_.n == 1:
        return MeanEstimate(1, float(mean[0]), None, None, None)
    return MeanEstimate(
        n=stats_.n,
        mean=float(mean[0]),
        standard_deviation=float(se[0]) * math.sqrt(stats_.n),
        standard_error=float(se[0]),
        ci=ConfidenceInterval(float(low[0]), float(high[0])),
    )


def mean_estimate(values: ArrayLike, level: float = DEFAULT_LEVEL) -> MeanEstimate:
    """Mean and clipped Student-t interval of the non-missing values.

    Parameters
    ----------
    values : array_like of float
        Per-answer-set values on the index scale; NaN is missing and left out.
    level : float
        Two-sided confidence level.

    Returns
    -------
    MeanEstimate

    Examples
    --------
    >>> est = mean_estimate([50.0, 60.0, 70.0, float("nan")])
    >>> est.n, est.mean, est.standard_error
    (3, 60.0, 5.773502691896258)
    >>> mean_estimate([100.0, 100.0, 90.0]).ci.high  # clipped to the scale
    100.0
    """
    return mean_estimate_from_stats(SufficientStatistics.of(values), level)


def bca_interval(
    values: ArrayLike,
    rng: np.random.Generator,
    *,
    n_resamples: int = 9999,
    level: float = DEFAULT_LEVEL,
) -> ConfidenceInterval | None:
    """Bias-corrected and accelerated (BCa) bootstrap interval of the mean.

    Efron's BCa: the percentile interval of ``n_resamples`` bootstrap means, with the
    percentiles moved by the bias correction ``z0`` (share of bootstrap means below the
    sample mean) and the acceleration ``a`` (jackknife skewness of the mean). Clipped to
    [0, 100].

    Parameters
    ----------
    values : array_like of float
        Per-answer-set values; NaN is missing and left out.
    rng : numpy.random.Generator
        Source of the resamples; pass a seeded generator for reproducible intervals.
    n_resamples : int
        Bootstrap resamples.
    level : float
        Two-sided confidence level.

    Returns
    -------
    ConfidenceInterval or None
        None when fewer than two values; ``[mean, mean]`` when all values are equal.

    Examples
    --------
    >>> ci = bca_interval([40.0, 55, 60, 70, 70, 80, 90, 100], np.random.default_rng(7))
    >>> 50 < ci.low < 70.625 < ci.high < 90
    True
    """
    _check_level(level)
    array = np.asarray(values, dtype=np.float64).ravel()
    array = array[~np.isnan(array)]
    n = array.size
    if n < 2:
        return None
    mean = float(array.mean())
    if np.all(array == array[0]):
        return ConfidenceInterval(mean, mean)
    means = _bootstrap_means(array, rng, n_resamples)
    below = np.count_nonzero(means < mean) + 0.5 * np.count_nonzero(means == mean)
    z0 = float(special.ndtri(below / n_resamples))
    jackknife = (array.sum() - array) / (n - 1)
    deviation = jackknife.mean() - jackknife
    denominator = 6.0 * float(np.sum(deviation**2)) ** 1.5
    acceleration = float(np.sum(deviation**3)) / denominator if denominator > 0 else 0.0
    z = special.ndtri(np.array([(1 - level) / 2, (1 + level) / 2]))
    adjusted = stats.norm.cdf(z0 + (z0 + z) / (1 - acceleration * (z0 + z)))
    low, high = np.quantile(means, adjusted)
    return ConfidenceInterval(
        float(np.clip(low, INDEX_LOW, INDEX_HIGH)), float(np.clip(high, INDEX_LOW, INDEX_HIGH))
    )


def _bootstrap_means(array: FloatArray, rng: np.random.Generator, n_resamples: int) -> FloatArray:
    if n_resamples < 100:
        raise ValueError(f"BCa needs at least 100 resamples, got {n_resamples}")
    means = np.empty(n_resamples)
    batch = max(1, 2_000_000 // array.size)
    for start in range(0, n_resamples, batch):
        stop = min(start + batch, n_resamples)
        draws = rng.integers(0, array.size, size=(stop - start, array.size))
        means[start:stop] = array[draws].mean(axis=1)
    return means
