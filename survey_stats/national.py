"""The national results table: every organisation × area × year at once.

For each group: ``n``, NKI, interval, band, suppression and the six factor indices
(:mod:`survey_stats.groups`); the change against the same organisation and area the year
before (:mod:`survey_stats.change`); and the group's rank among organisations in its area
and year, with a rank interval (:mod:`survey_stats.ranking`). Everything is columnar, so a
million answer sets take about a second; ``benchmarks/bench_nki.py`` measures it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from survey_stats.change import SIGNIFICANCE_LEVEL, ChangeDirection, welch_tests_from_stats
from survey_stats.groups import MIN_GROUP_SIZE, GroupTable, Key, group_table
from survey_stats.intervals import DEFAULT_LEVEL
from survey_stats.ranking import (
    AREA_MIN_N,
    DEFAULT_RESAMPLES,
    RankMethod,
    bootstrap_rank_intervals,
    sampling_rank_intervals,
)

__all__ = ["DIRECTIONS", "NationalResults", "national_results"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

DIRECTIONS: tuple[ChangeDirection, ...] = tuple(ChangeDirection)
""":attr:`NationalResults.change_direction` holds indices into this tuple."""


@dataclass(frozen=True, eq=False)
class NationalResults:
    """Columns per organisation × area × year group (in :attr:`groups` order).

    Attributes
    ----------
    groups : GroupTable
        Keyed by organisation, area and year.
    previous : ndarray of int64
        The group of the same organisation and area the year before; -1 when none.
    change_difference, change_p, change_low, change_high : ndarray of float64
        Welch's test against the previous year; NaN when not comparable (no previous
        group, or either group suppressed).
    change_direction : ndarray of int64
        Index into :data:`DIRECTIONS`.
    rank, rank_low, rank_high : ndarray of int64
        Competition rank and rank interval among the organisations of the same area and
        year; 0 when the group is not eligible (``n < 10``).
    method : RankMethod
        How the rank intervals were resampled.
    n_resamples : int
    """

    groups: GroupTable
    previous: IntArray
    change_difference: FloatArray
    change_p: FloatArray
    change_low: FloatArray
    change_high: FloatArray
    change_direction: IntArray
    rank: IntArray
    rank_low: IntArray
    rank_high: IntArray
    method: RankMethod
    n_resamples: int


def _previous_groups(groups: GroupTable, year: Key) -> IntArray:
    organisation, area, year_code = groups.group_codes
    years = np.array([int(label) for label in year.labels], dtype=np.int64)
    shape = (len(groups.keys[0].labels), len(groups.keys[1].labels), len(year.labels))
    index = np.full(shape, -1, dtype=np.int64)
    index[organisation, area, year_code] = np.arange(len(groups))
    # The code of "the year before" (or -1 when that year has no answers anywhere).
    position = {int(y): k for k, y in enumerate(years)}
    before = np.array([position.get(int(y) - 1, -1) for y in years], dtype=np.int64)
    previous_code = before[year_code]
    found = previous_code >= 0
    previous = np.full(len(groups), -1, dtype=np.int64)
    previous[found] = index[organisation[found], area[found], previous_code[found]]
    return previous


def _changes(
    groups: GroupTable, previous: IntArray, level: float, min_group_size: int
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, IntArray]:
    earlier = np.where(previous >= 0, previous, 0)
    comparable = (
        (previous >= 0) & (groups.n >= min_group_size) & (groups.n[earlier] >= min_group_size)
    )
    difference, _, _, p, low, high = welch_tests_from_stats(
        (groups.n[earlier], groups.total[earlier], groups.sum_of_squares[earlier]),
        (groups.n, groups.total, groups.sum_of_squares),
        level,
    )
    significant = comparable & (p < SIGNIFICANCE_LEVEL)
    direction = np.full(len(groups), DIRECTIONS.index(ChangeDirection.NOT_COMPARABLE))
    direction[comparable] = DIRECTIONS.index(ChangeDirection.NO_SIGNIFICANT_CHANGE)
    direction[significant & (difference > 0)] = DIRECTIONS.index(ChangeDirection.RISE)
    direction[significant & (difference < 0)] = DIRECTIONS.index(ChangeDirection.FALL)

    def shown(values: FloatArray) -> FloatArray:
        return np.where(comparable, values, np.nan)

    return shown(difference), shown(p), shown(low), shown(high), direction.astype(np.int64)


def national_results(
    organisation: Key,
    area: Key,
    year: Key,
    nki: ArrayLike,
    factors: ArrayLike | None,
    rng: np.random.Generator,
    *,
    method: RankMethod = RankMethod.SAMPLING,
    n_resamples: int = DEFAULT_RESAMPLES,
    level: float = DEFAULT_LEVEL,
    min_group_size: int = MIN_GROUP_SIZE,
) -> NationalResults:
    """Group results, change against the previous year and rankings per area and year.

    Parameters
    ----------
    organisation, area, year : Key
        Per-answer-set keys; ``year`` labels must be integers.
    nki : array_like of float
        Per-answer-set NKI (NaN where invalid).
    factors : array_like of float, shape (rows, 6), optional
        Per-answer-set factor indices.
    rng : numpy.random.Generator
        Seeded generator for the rank intervals.
    method : RankMethod
        ``sampling`` (default here: one draw per group and resample, see
        :mod:`survey_stats.ranking`) or ``bootstrap`` (resamples every answer set).

    Examples
    --------
    >>> org = Key.from_values("organisation", ["A"] * 24 + ["B"] * 24)
    >>> area = Key.from_values("area", ["bygglov"] * 48)
    >>> year = Key.from_values("year", ([2023] * 12 + [2024] * 12) * 2)
    >>> nki = [60.0, 70.0] * 6 + [80.0, 90.0] * 6 + [50.0, 60.0] * 12
    >>> result = national_results(org, area, year, nki, None, np.random.default_rng(1))
    >>> [DIRECTIONS[d].value for d in result.change_direction]
    ['not_comparable', 'rise', 'not_comparable', 'no_significant_change']
    >>> result.rank.tolist(), result.rank_low.tolist(), result.rank_high.tolist()
    ([1, 1, 2, 2], [1, 1, 2, 2], [1, 1, 2, 2])
    """
    values = np.asarray(nki, dtype=np.float64).ravel()
    groups = group_table(
        [organisation, area, year], values, factors, level=level, min_group_size=min_group_size
    )
    previous = _previous_groups(groups, year)
    difference, p, low, high, direction = _changes(groups, previous, level, min_group_size)
    eligible = groups.n >= AREA_MIN_N
    ranking = groups.group_codes[1] * len(year.labels) + groups.group_codes[2]
    rank = np.zeros(len(groups), dtype=np.int64)
    rank_low, rank_high = rank.copy(), rank.copy()
    members = np.flatnonzero(eligible)
    if method is RankMethod.SAMPLING and members.size:
        draws = rng.standard_normal((n_resamples, members.size))
        rank[members], rank_low[members], rank_high[members] = sampling_rank_intervals(
            groups.mean[members],
            groups.standard_error[members],
            ranking[members],
            draws,
            level=level,
        )
    elif members.size:
        valid = ~np.isnan(values) & eligible[groups.group_of_row]
        row_group, row_value = groups.group_of_row[valid], values[valid]
        for r in np.unique(ranking[members]):
            in_ranking = members[ranking[members] == r]
            local = np.full(len(groups), -1, dtype=np.int64)
            local[in_ranking] = np.arange(in_ranking.size)
            mask = local[row_group] >= 0
            rank[in_ranking], rank_low[in_ranking], rank_high[in_ranking] = (
                bootstrap_rank_intervals(
                    row_value[mask],
                    local[row_group[mask]],
                    rng,
                    n_resamples=n_resamples,
                    level=level,
                )
            )
    return NationalResults(
        groups=groups,
        previous=previous,
        change_difference=difference,
        change_p=p,
        change_low=low,
        change_high=high,
        change_direction=direction,
        rank=rank,
        rank_low=rank_low,
        rank_high=rank_high,
        method=method,
        n_resamples=n_resamples,
    )
