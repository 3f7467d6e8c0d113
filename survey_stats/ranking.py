"""Rankings among organisations with rank intervals (``DESIGN.md`` §4).

Only eligible groups are ranked: for an area, ``n ≥ 10``; for the total, ``n ≥ 20`` and a
response rate of at least 40 % on average over the counted areas and at least 30 % in each.
Ranks are competition ranks (1, 2, 2, 4), highest NKI first. Every rank comes with its
**rank interval**: the 2.5–97.5 % range of the group's rank over resamples, so that a
municipality with few answers cannot look first by luck.

Two ways to resample, both seeded by the caller's generator:

``bootstrap`` (the default)
    The nonparametric bootstrap: every group's per-answer-set values are resampled with
    replacement, the group means recomputed and all groups ranked again, ``n_resamples``
    times.
``sampling``
    A parametric bootstrap of the group means: each mean is drawn from its large-sample
    sampling distribution ``N(mean, se²)``. It is much cheaper (one draw per group instead
    of one per answer) and agrees with the bootstrap when groups have ten or more answers
    (the eligibility threshold), but it ignores skewness within a group. It is never used
    silently: the :class:`Ranking` says which method produced its intervals.

If the point rank falls outside the percentile range (possible with ties), the interval is
widened to include it, so a published rank always lies inside its interval.

See ``docs/statistics/ranking.md`` for the method and a worked example.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from survey_stats.intervals import DEFAULT_LEVEL

__all__ = [
    "AREA_MIN_N",
    "DEFAULT_RESAMPLES",
    "TOTAL_MIN_AREA_RESPONSE_RATE",
    "TOTAL_MIN_MEAN_RESPONSE_RATE",
    "TOTAL_MIN_N",
    "Ineligibility",
    "RankMethod",
    "RankedGroup",
    "Ranking",
    "bootstrap_rank_intervals",
    "competition_ranks",
    "competition_ranks_rows",
    "rank_groups",
    "sampling_rank_intervals",
    "total_eligibility",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

AREA_MIN_N = 10
"""An area group is ranked only with at least this many valid answer sets."""
TOTAL_MIN_N = 20
"""A total is ranked only with at least this many valid answer sets..."""
TOTAL_MIN_MEAN_RESPONSE_RATE = 0.40
"""...an average response rate over the counted areas of at least this..."""
TOTAL_MIN_AREA_RESPONSE_RATE = 0.30
"""...and at least this response rate in each counted area."""
DEFAULT_RESAMPLES = 1000
"""Resamples behind a rank interval unless the caller asks for another number."""

_BATCH_CELLS = 4_000_000  # draws held in memory at once by the bootstrap


class Ineligibility(enum.StrEnum):
    """Why a group is not ranked."""

    TOO_FEW_ANSWERS = "too_few_answers"
    LOW_RESPONSE_RATE = "low_response_rate"
    MISSING_RESPONSE_RATE = "missing_response_rate"


class RankMethod(enum.StrEnum):
    """How the rank intervals were resampled (see the module docstring)."""

    BOOTSTRAP = "bootstrap"
    SAMPLING = "sampling"


@dataclass(frozen=True, slots=True)
class RankedGroup:
    """One group in a ranking.

    Attributes
    ----------
    label : str
        The organisation (or other) label.
    n : int
        Valid answer sets.
    value : float or None
        The group mean (None when the group has no values).
    rank : int or None
        Competition rank among the eligible groups; None when not eligible.
    rank_low, rank_high : int or None
        The rank interval; None when not eligible.
    ineligible : Ineligibility or None
        Why the group is not ranked.
    """

    label: str
    n: int
    value: float | None
    rank: int | None
    rank_low: int | None
    rank_high: int | None
    ineligible: Ineligibility | None


@dataclass(frozen=True, slots=True)
class Ranking:
    """A ranking with its rank intervals.

    Attributes
    ----------
    groups : tuple of RankedGroup
        In the input order of the groups.
    method : RankMethod
        How the intervals were resampled.
    n_resamples : int
    level : float
        Coverage of the rank intervals.
    """

    groups: tuple[RankedGroup, ...]
    method: RankMethod
    n_resamples: int
    level: float

    def ranked(self) -> tuple[RankedGroup, ...]:
        """The eligible groups, best first (ties in input order)."""
        eligible = [g for g in self.groups if g.rank is not None]
        return tuple(sorted(eligible, key=lambda g: g.rank or 0))


def competition_ranks(values: ArrayLike) -> IntArray:
    """Competition ranks, highest value first: equal values share the best rank (1, 2, 2, 4).

    Examples
    --------
    >>> competition_ranks([70.0, 80.0, 70.0, 65.0]).tolist()
    [2, 1, 2, 4]
    """
    ranks: IntArray = competition_ranks_rows(np.asarray(values, dtype=np.float64)[None, :])[0]
    return ranks


def competition_ranks_rows(values: ArrayLike) -> IntArray:
    """:func:`competition_ranks` of every row of a 2-D array (one ranking per row)."""
    matrix = np.asarray(values, dtype=np.float64)
    order = np.argsort(-matrix, axis=1, kind="stable")
    ordered = np.take_along_axis(matrix, order, axis=1)
    position = np.broadcast_to(np.arange(matrix.shape[1]), matrix.shape)
    new = np.ones(matrix.shape, dtype=bool)
    new[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    first = np.maximum.accumulate(np.where(new, position, 0), axis=1)
    ranks = np.empty(matrix.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, first + 1, axis=1)
    return ranks


def _rank_histogram(replicates: FloatArray) -> IntArray:
    """``histogram[g, r]``: in how many replicate rows column ``g`` has competition rank ``r``.

    One quicksort per row; rows with tied values get an exact pass in which equal values
    share the best rank (1 + the number of strictly greater values).
    """
    rows, width = replicates.shape
    order = np.argsort(replicates, axis=1)
    ranks = np.broadcast_to(np.arange(width, 0, -1), (rows, width)).copy()
    ordered = np.take_along_axis(replicates, order, axis=1)
    for row in np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1)):
        ranks[row] = width - np.searchsorted(ordered[row], ordered[row], side="right") + 1
    cells = order * (width + 1) + ranks
    return np.bincount(cells.ravel(), minlength=width * (width + 1)).reshape(width, width + 1)


def _rank_interval(
    replicates: FloatArray, point: IntArray, level: float
) -> tuple[IntArray, IntArray]:
    """Percentile interval of each column's rank over the replicate rows.

    The ``q`` quantile is the smallest rank ``r`` with at least ``ceil(q · B)`` replicates
    ranked ``r`` or better (the inverted empirical distribution function), counted with one
    histogram instead of a sort per group.
    """
    resamples = replicates.shape[0]
    cumulative = np.cumsum(_rank_histogram(replicates), axis=1)
    tail = (1 - level) / 2
    need_low = max(1, math.ceil(round(tail * resamples, 9)))
    need_high = max(1, math.ceil(round((1 - tail) * resamples, 9)))
    low = np.argmax(cumulative >= need_low, axis=1).astype(np.int64)
    high = np.argmax(cumulative >= need_high, axis=1).astype(np.int64)
    return np.minimum(low, point), np.maximum(high, point)


def bootstrap_rank_intervals(
    values: ArrayLike,
    group: ArrayLike,
    rng: np.random.Generator,
    *,
    n_resamples: int = DEFAULT_RESAMPLES,
    level: float = DEFAULT_LEVEL,
) -> tuple[IntArray, IntArray, IntArray]:
    """Point ranks and nonparametric-bootstrap rank intervals of groups in one ranking.

    Parameters
    ----------
    values : array_like of float
        Valid per-answer-set values (no NaN) of the groups being ranked.
    group : array_like of int
        Group number ``0..G-1`` of each value; every group needs at least one value.
    rng : numpy.random.Generator
        Seeded generator: the same seed gives the same intervals.
    n_resamples : int
        Bootstrap resamples.
    level : float
        Coverage of the intervals.

    Returns
    -------
    rank, low, high : ndarray of int64
        Per group.

    Examples
    --------
    >>> values = [90.0] * 10 + [80.0, 85.0] * 5 + [50.0, 95.0] * 5
    >>> rank, low, high = bootstrap_rank_intervals(values, [0] * 10 + [1] * 10 + [2] * 10,
    ...                                            np.random.default_rng(1), n_resamples=500)
    >>> rank.tolist(), low.tolist(), high.tolist()
    ([1, 2, 3], [1, 2, 2], [1, 3, 3])
    """
    array = np.asarray(values, dtype=np.float64).ravel()
    codes = np.asarray(group, dtype=np.int64).ravel()
    if np.isnan(array).any():
        raise ValueError("values to rank must not contain NaN; drop invalid answer sets first")
    order = np.argsort(codes, kind="stable")
    array, codes = array[order], codes[order]
    sizes = np.bincount(codes)
    if (sizes == 0).any():
        raise ValueError("every ranked group needs at least one value")
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    point = competition_ranks(np.add.reduceat(array, starts) / sizes)
    replicate_means = np.empty((n_resamples, sizes.size))
    start_of, size_of = starts[codes], sizes[codes]
    batch = max(1, _BATCH_CELLS // max(array.size, 1))
    for first in range(0, n_resamples, batch):
        count = min(batch, n_resamples - first)
        draws = start_of + (rng.random((count, array.size)) * size_of).astype(np.int64)
        replicate_means[first : first + count] = np.add.reduceat(array[draws], starts, axis=1)
    replicate_means /= sizes
    low, high = _rank_interval(replicate_means, point, level)
    return point, low, high


def sampling_rank_intervals(
    mean: ArrayLike,
    standard_error: ArrayLike,
    ranking: ArrayLike,
    draws: ArrayLike,
    *,
    level: float = DEFAULT_LEVEL,
) -> tuple[IntArray, IntArray, IntArray]:
    """Point ranks and parametric-bootstrap rank intervals of many rankings at once.

    Parameters
    ----------
    mean, standard_error : array_like of float, shape (G,)
        Per group; the groups must all be eligible.
    ranking : array_like of int, shape (G,)
        Which ranking each group belongs to (e.g. one per area and year).
    draws : array_like of float, shape (B, G)
        Standard-normal draws, e.g. ``rng.standard_normal((B, G))``: replicate ``b`` of
        group ``g``'s mean is ``mean[g] + standard_error[g] * draws[b, g]``.
    level : float
        Coverage of the intervals.

    Returns
    -------
    rank, low, high : ndarray of int64
        Per group, ranked within its own ranking.

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> rank, low, high = sampling_rank_intervals(
    ...     [80.0, 70.0, 71.0, 60.0], [1.0, 5.0, 0.5, 1.0], [0, 0, 0, 1],
    ...     rng.standard_normal((1000, 4)))
    >>> rank.tolist(), low.tolist(), high.tolist()
    ([1, 3, 2, 1], [1, 2, 2, 1], [1, 3, 3, 1])
    """
    means = np.asarray(mean, dtype=np.float64)
    se = np.nan_to_num(np.asarray(standard_error, dtype=np.float64), nan=0.0)
    rankings = np.asarray(ranking, dtype=np.int64)
    z = np.asarray(draws, dtype=np.float64)
    if z.ndim != 2 or z.shape[1] != means.shape[0]:
        raise ValueError(f"draws must have shape (B, {means.shape[0]}), got {z.shape}")
    point = np.empty(means.shape[0], dtype=np.int64)
    low = np.empty_like(point)
    high = np.empty_like(point)
    order = np.argsort(rankings, kind="stable")
    bounds = np.flatnonzero(np.diff(rankings[order])) + 1
    for members in np.split(order, bounds):
        if members.size == 0:
            continue
        point[members] = competition_ranks(means[members])
        replicates = means[members] + se[members] * z[:, members]
        low[members], high[members] = _rank_interval(replicates, point[members], level)
    return point, low, high


def total_eligibility(
    n: ArrayLike,
    response_rates: Sequence[Mapping[str, float] | None],
    *,
    min_n: int = TOTAL_MIN_N,
) -> tuple[NDArray[np.bool_], tuple[Ineligibility | None, ...]]:
    """Which totals may be ranked, and why not.

    Parameters
    ----------
    n : array_like of int
        Valid answer sets behind each total.
    response_rates : sequence of mapping or None
        Per total, the response rate (0–1) of each counted area; None when unknown.

    Examples
    --------
    >>> eligible, why = total_eligibility([25, 25, 25, 12],
    ...     [{"bygglov": 0.5, "livsmedel": 0.4}, {"bygglov": 0.7, "livsmedel": 0.25}, None,
    ...      {"bygglov": 0.9}])
    >>> eligible.tolist(), [w and w.value for w in why]
    ([True, False, False, False], [None, 'low_response_rate', 'missing_response_rate', 'too_few_answers'])
    """
    counts = np.asarray(n, dtype=np.int64)
    if len(response_rates) != counts.shape[0]:
        raise ValueError("give one set of response rates per total")
    reasons: list[Ineligibility | None] = []
    for count, rates in zip(counts.tolist(), response_rates, strict=True):
        if count < min_n:
            reasons.append(Ineligibility.TOO_FEW_ANSWERS)
        elif not rates:
            reasons.append(Ineligibility.MISSING_RESPONSE_RATE)
        elif (
            sum(rates.values()) / len(rates) < TOTAL_MIN_MEAN_RESPONSE_RATE
            or min(rates.values()) < TOTAL_MIN_AREA_RESPONSE_RATE
        ):
            reasons.append(Ineligibility.LOW_RESPONSE_RATE)
        else:
            reasons.append(None)
    eligible = np.array([reason is None for reason in reasons], dtype=bool)
    return eligible, tuple(reasons)


def rank_groups(
    labels: Sequence[str],
    values: ArrayLike,
    group: ArrayLike,
    rng: np.random.Generator,
    *,
    min_n: int = AREA_MIN_N,
    ineligible: Sequence[Ineligibility | None] | None = None,
    method: RankMethod = RankMethod.BOOTSTRAP,
    n_resamples: int = DEFAULT_RESAMPLES,
    level: float = DEFAULT_LEVEL,
) -> Ranking:
    """Rank groups by their mean, with rank intervals.

    Parameters
    ----------
    labels : sequence of str
        One label per group.
    values : array_like of float
        Per-answer-set values; NaN (invalid answer sets) is left out.
    group : array_like of int
        Group number (index into ``labels``) of each value.
    rng : numpy.random.Generator
        Seeded generator for the resamples.
    min_n : int
        Eligibility threshold on ``n`` (:data:`AREA_MIN_N` for areas, :data:`TOTAL_MIN_N`
        for totals).
    ineligible : sequence, optional
        Extra reasons per group not to rank it (from :func:`total_eligibility`).
    method : RankMethod
        ``bootstrap`` (per-answer resampling) or ``sampling`` (see the module docstring).

    Examples
    --------
    >>> values = [90.0] * 10 + [80.0, 85.0] * 5 + [70.0] * 4
    >>> ranking = rank_groups(["0136", "0192", "0114"], values, [0] * 10 + [1] * 10 + [2] * 4,
    ...                       np.random.default_rng(1), n_resamples=200)
    >>> [(g.label, g.rank, g.rank_low, g.rank_high) for g in ranking.groups]
    [('0136', 1, 1, 1), ('0192', 2, 2, 2), ('0114', None, None, None)]
    >>> ranking.groups[2].ineligible.value
    'too_few_answers'
    """
    array = np.asarray(values, dtype=np.float64).ravel()
    codes = np.asarray(group, dtype=np.int64).ravel()
    valid = ~np.isnan(array)
    array, codes = array[valid], codes[valid]
    n = np.bincount(codes, minlength=len(labels))
    sums = np.bincount(codes, weights=array, minlength=len(labels))
    reasons: list[Ineligibility | None] = list(ineligible or [None] * len(labels))
    for g in range(len(labels)):
        if reasons[g] is None and n[g] < min_n:
            reasons[g] = Ineligibility.TOO_FEW_ANSWERS
    eligible = np.array([r is None for r in reasons], dtype=bool)
    renumber = np.cumsum(eligible) - 1
    keep = eligible[codes]
    point = low = high = np.empty(0, dtype=np.int64)
    if eligible.any():
        if method is RankMethod.BOOTSTRAP:
            point, low, high = bootstrap_rank_intervals(
                array[keep], renumber[codes[keep]], rng, n_resamples=n_resamples, level=level
            )
        else:
            squares = np.bincount(codes, weights=array * array, minlength=len(labels))
            m = sums[eligible] / n[eligible]
            var = np.maximum(squares[eligible] - sums[eligible] * m, 0.0) / (n[eligible] - 1)
            draws = rng.standard_normal((n_resamples, int(eligible.sum())))
            point, low, high = sampling_rank_intervals(
                m, np.sqrt(var / n[eligible]), np.zeros(m.size), draws, level=level
            )
    groups = []
    for g, label in enumerate(labels):
        k = int(renumber[g])
        groups.append(
            RankedGroup(
                label=label,
                n=int(n[g]),
                value=float(sums[g] / n[g]) if n[g] else None,
                rank=int(point[k]) if eligible[g] else None,
                rank_low=int(low[k]) if eligible[g] else None,
                rank_high=int(high[k]) if eligible[g] else None,
                ineligible=reasons[g],
            )
        )
    return Ranking(tuple(groups), method, n_resamples, level)
