"""Group results: n, NKI with its interval, band, suppression and the six factor indices.

For any grouping (organisation × area × year, or anything else), the group value is the mean
of the valid per-answer-set values, ``n`` their count, and the interval the clipped Student-t
interval of :mod:`survey_stats.intervals`. A group with fewer than :data:`MIN_GROUP_SIZE`
valid NKI values is **suppressed**: its NKI, interval, band and factor indices are withheld
(only ``n`` remains), and a factor index resting on fewer than :data:`MIN_GROUP_SIZE`
answered sets is withheld on its own as well.

The computation is columnar: rows are mapped to a group number once, and counts, sums and
sums of squares come from ``numpy.bincount``, so a million answer sets take milliseconds.

See ``docs/statistics/groups.md`` for the method and a worked example.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from survey_stats.bands import BANDS, Band, band_codes
from survey_stats.canonical import AnswerTable
from survey_stats.drivers import FACTORS
from survey_stats.intervals import (
    DEFAULT_LEVEL,
    ConfidenceInterval,
    SufficientStatistics,
    t_intervals_from_stats,
)

__all__ = [
    "MIN_GROUP_SIZE",
    "GroupResult",
    "GroupTable",
    "Key",
    "answer_table_groups",
    "group_results",
    "group_table",
    "summarise",
    "summarise_from_stats",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

MIN_GROUP_SIZE = 7
"""Groups with fewer valid answer sets than this are suppressed ("för få svar")."""

SUPPRESSED_LABEL = "för få svar"
"""What is shown instead of a suppressed value."""


@dataclass(frozen=True, eq=False)
class Key:
    """One grouping column: a code per row and the label of each code.

    Examples
    --------
    >>> key = Key.from_values("area", ["livsmedel", "bygglov", "livsmedel"])
    >>> key.labels, key.codes.tolist()
    (('bygglov', 'livsmedel'), [1, 0, 1])
    """

    name: str
    codes: IntArray
    labels: tuple[str, ...]

    @classmethod
    def from_values(cls, name: str, values: ArrayLike) -> Key:
        """Factorise raw values (strings or numbers); labels are the sorted distinct values."""
        levels, codes = np.unique(np.asarray(values), return_inverse=True)
        return cls(name, codes.astype(np.int64).ravel(), tuple(str(v) for v in levels.tolist()))


@dataclass(frozen=True, slots=True)
class GroupResult:
    """The published numbers of one group.

    Attributes
    ----------
    keys : tuple of str
        Labels of the grouping keys (empty for a single summarised group).
    n : int
        Valid per-answer-set NKI values in the group.
    nki : float or None
        Mean NKI, unrounded; None when suppressed.
    nki_ci : ConfidenceInterval or None
        Clipped Student-t interval; None when suppressed.
    band : Band or None
        Grade band of ``nki``; None when suppressed.
    suppressed : bool
        ``n < MIN_GROUP_SIZE``.
    factors : tuple of (float or None)
        The six factor indices in :data:`FACTORS` order; None where withheld.
    factor_n : tuple of int
        Answer sets with a value for each factor.
    """

    keys: tuple[str, ...]
    n: int
    nki: float | None
    nki_ci: ConfidenceInterval | None
    band: Band | None
    suppressed: bool
    factors: tuple[float | None, ...]
    factor_n: tuple[int, ...]

    def factor(self, name: str) -> float | None:
        """The index of one factor by name."""
        return self.factors[FACTORS.index(name)]


@dataclass(frozen=True, eq=False)
class GroupTable:
    """Group results in columns (one entry per group, groups sorted by their key codes).

    Attributes
    ----------
    keys : tuple of Key
        The grouping columns; ``group_codes[i]`` holds the code of key ``i`` per group.
    group_codes : tuple of ndarray of int64
    group_of_row : ndarray of int64
        Group number of every input row, for work on per-answer values (rankings).
    rows : ndarray of int64
        Input rows per group (with or without a valid NKI).
    n, total, sum_of_squares : ndarray
        Sufficient statistics of the valid NKI values (never suppressed: for change tests
        and rankings, which apply their own rules).
    mean, standard_error : ndarray of float64
        Unsuppressed mean and standard error (NaN when undefined).
    nki, ci_low, ci_high : ndarray of float64
        Published values: NaN when suppressed.
    band : ndarray of int64
        Index into :data:`~survey_stats.bands.BANDS`; -1 when suppressed.
    suppressed : ndarray of bool
    factors : ndarray of float64, shape (groups, 6)
        Published factor indices; NaN when withheld.
    factor_n : ndarray of int64, shape (groups, 6)
    """

    keys: tuple[Key, ...]
    group_codes: tuple[IntArray, ...]
    group_of_row: IntArray
    rows: IntArray
    n: IntArray
    total: FloatArray
    sum_of_squares: FloatArray
    mean: FloatArray
    standard_error: FloatArray
    nki: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray
    band: IntArray
    suppressed: NDArray[np.bool_]
    factors: FloatArray
    factor_n: IntArray

    def __len__(self) -> int:
        return int(self.n.shape[0])

    @property
    def key_names(self) -> tuple[str, ...]:
        """Names of the grouping columns."""
        return tuple(key.name for key in self.keys)

    def labels(self, group: int) -> tuple[str, ...]:
        """Key labels of one group."""
        return tuple(
            key.labels[int(codes[group])]
            for key, codes in zip(self.keys, self.group_codes, strict=True)
        )

    def result(self, group: int) -> GroupResult:
        """The :class:`GroupResult` of one group."""
        suppressed = bool(self.suppressed[group])
        return GroupResult(
            keys=self.labels(group),
            n=int(self.n[group]),
            nki=None if suppressed else float(self.nki[group]),
            nki_ci=(
                None
                if suppressed or np.isnan(self.ci_low[group])
                else ConfidenceInterval(float(self.ci_low[group]), float(self.ci_high[group]))
            ),
            band=None if suppressed else BANDS[int(self.band[group])],
            suppressed=suppressed,
            factors=tuple(None if np.isnan(v) else float(v) for v in self.factors[group]),
            factor_n=tuple(int(v) for v in self.factor_n[group]),
        )

    def results(self) -> tuple[GroupResult, ...]:
        """Every group as a :class:`GroupResult`, in table order."""
        return tuple(self.result(g) for g in range(len(self)))


def _group_numbers(keys: Sequence[Key], rows: int) -> tuple[IntArray, tuple[IntArray, ...]]:
    """Group number per row and the key codes per group, groups in lexicographic code order."""
    if not keys:
        return np.zeros(rows, dtype=np.int64), ()
    sizes = [max(len(key.labels), 1) for key in keys]
    combined = np.zeros(rows, dtype=np.int64)
    for key, size in zip(keys, sizes, strict=True):
        if key.codes.shape != (rows,):
            raise ValueError(f"key {key.name!r} has {key.codes.shape[0]} rows, expected {rows}")
        combined = combined * size + key.codes
    span = int(np.prod(sizes, dtype=np.float64))
    if span <= 4 * rows + 1_000_000:
        present = np.bincount(combined, minlength=span) > 0
        present_codes = np.flatnonzero(present)
        renumber = np.cumsum(present) - 1
        group_of_row = renumber[combined]
    else:
        present_codes, group_of_row = np.unique(combined, return_inverse=True)
    group_codes = []
    remainder = present_codes.astype(np.int64)
    for size in reversed(sizes):
        group_codes.append(remainder % size)
        remainder = remainder // size
    return group_of_row.astype(np.int64), tuple(reversed(group_codes))


def _sums(
    group: IntArray, values: FloatArray, groups: int
) -> tuple[IntArray, FloatArray, FloatArray]:
    valid = ~np.isnan(values)
    clean = np.where(valid, values, 0.0)
    n = np.bincount(group, weights=valid, minlength=groups).astype(np.int64)
    total = np.bincount(group, weights=clean, minlength=groups).astype(np.float64)
    squares = np.bincount(group, weights=clean * clean, minlength=groups).astype(np.float64)
    return n, total, squares


def group_table(
    keys: Sequence[Key],
    nki: ArrayLike,
    factors: ArrayLike | None = None,
    *,
    level: float = DEFAULT_LEVEL,
    min_group_size: int = MIN_GROUP_SIZE,
) -> GroupTable:
    """Group results for any grouping, computed in columns.

    Parameters
    ----------
    keys : sequence of Key
        Grouping columns (none: one group of everything).
    nki : array_like of float, shape (rows,)
        Per-answer-set NKI; NaN where the answer set has none.
    factors : array_like of float, shape (rows, 6), optional
        Per-answer-set factor indices in :data:`FACTORS` order; NaN where missing.
    level : float
        Confidence level of the intervals.
    min_group_size : int
        Suppression threshold (default :data:`MIN_GROUP_SIZE`).

    Returns
    -------
    GroupTable
        One entry per combination of key values that occurs in the rows.

    Examples
    --------
    >>> area = Key.from_values("area", ["bygglov"] * 8 + ["livsmedel"] * 2)
    >>> table = group_table([area], [50.0, 60, 70, 80, 90, 100, 50, 60, 90, 95])
    >>> table.n.tolist(), table.nki.tolist()[0], table.suppressed.tolist()
    ([8, 2], 70.0, [False, True])
    >>> np.isnan(table.nki[1]), table.result(1).nki is None
    (np.True_, True)
    """
    values = np.asarray(nki, dtype=np.float64).ravel()
    rows = values.shape[0]
    factor_values = (
        np.full((rows, len(FACTORS)), np.nan)
        if factors is None
        else np.asarray(factors, dtype=np.float64)
    )
    if factor_values.shape != (rows, len(FACTORS)):
        raise ValueError(
            f"factors must have shape ({rows}, {len(FACTORS)}), got {factor_values.shape}"
        )
    group_of_row, group_codes = _group_numbers(keys, rows)
    groups = int(group_codes[0].shape[0]) if keys else (1 if rows else 0)
    n, total, squares = _sums(group_of_row, values, groups)
    mean, se, low, high = t_intervals_from_stats(n, total, squares, level)
    suppressed = n < min_group_size
    published = np.where(suppressed, np.nan, mean)
    factor_n = np.empty((groups, len(FACTORS)), dtype=np.int64)
    factor_mean = np.empty((groups, len(FACTORS)))
    for k in range(len(FACTORS)):
        count, sums, _ = _sums(group_of_row, factor_values[:, k], groups)
        factor_n[:, k] = count
        with np.errstate(invalid="ignore", divide="ignore"):
            factor_mean[:, k] = sums / count
    withheld = suppressed[:, None] | (factor_n < min_group_size)
    return GroupTable(
        keys=tuple(keys),
        group_codes=group_codes,
        group_of_row=group_of_row,
        rows=np.bincount(group_of_row, minlength=groups).astype(np.int64),
        n=n,
        total=total,
        sum_of_squares=squares,
        mean=mean,
        standard_error=se,
        nki=published,
        ci_low=np.where(suppressed, np.nan, low),
        ci_high=np.where(suppressed, np.nan, high),
        band=np.where(suppressed, -1, band_codes(published)),
        suppressed=suppressed,
        factors=np.where(withheld, np.nan, factor_mean),
        factor_n=factor_n,
    )


def group_results(
    keys: Sequence[Key],
    nki: ArrayLike,
    factors: ArrayLike | None = None,
    *,
    level: float = DEFAULT_LEVEL,
    min_group_size: int = MIN_GROUP_SIZE,
) -> tuple[GroupResult, ...]:
    """:func:`group_table` as a tuple of frozen :class:`GroupResult` (one per group).

    Examples
    --------
    >>> year = Key.from_values("year", [2023] * 7 + [2024] * 7)
    >>> [r.keys + (r.n, r.band.slug) for r in group_results([year], [70.0] * 7 + [85.0] * 7)]
    [('2023', 7, 'hogt'), ('2024', 7, 'mycket_hogt')]
    """
    return group_table(keys, nki, factors, level=level, min_group_size=min_group_size).results()


def summarise(
    nki: ArrayLike,
    factors: ArrayLike | None = None,
    *,
    level: float = DEFAULT_LEVEL,
    min_group_size: int = MIN_GROUP_SIZE,
) -> GroupResult:
    """The :class:`GroupResult` of one group given its per-answer-set values.

    Examples
    --------
    >>> result = summarise([50.0, 60.0, 70.0, 80.0, 90.0, 100.0, 40.0])
    >>> result.n, result.nki, result.band.label, round(result.nki_ci.low, 4)
    (7, 70.0, 'Högt', 50.021)
    >>> summarise([90.0] * 6).suppressed
    True
    """
    values = np.asarray(nki, dtype=np.float64).ravel()
    table = group_table([], values, factors, level=level, min_group_size=min_group_size)
    if len(table) == 0:
        return GroupResult(
            (), 0, None, None, None, True, (None,) * len(FACTORS), (0,) * len(FACTORS)
        )
    return table.result(0)


def summarise_from_stats(
    stats_: SufficientStatistics,
    factor_stats: Mapping[str, SufficientStatistics] | None = None,
    *,
    level: float = DEFAULT_LEVEL,
    min_group_size: int = MIN_GROUP_SIZE,
) -> GroupResult:
    """The :class:`GroupResult` of one group from database aggregates.

    ``stats_`` holds ``COUNT``, ``SUM`` and ``SUM(x*x)`` of the valid per-answer-set NKI;
    ``factor_stats`` the same per factor (only ``n`` and ``total`` are used). The numbers are
    those :func:`summarise` gives for the same values.

    Examples
    --------
    >>> summarise_from_stats(SufficientStatistics(7, 490.0, 37100.0)).nki
    70.0
    """
    mean, _, low, high = t_intervals_from_stats(
        [stats_.n], [stats_.total], [stats_.sum_of_squares], level
    )
    suppressed = stats_.n < min_group_size
    factors: list[float | None] = []
    factor_n: list[int] = []
    for factor in FACTORS:
        f = (factor_stats or {}).get(factor, SufficientStatistics(0, 0.0, 0.0))
        factor_n.append(f.n)
        withheld = suppressed or f.n < min_group_size
        factors.append(None if withheld else f.total / f.n)
    value = None if suppressed else float(mean[0])
    return GroupResult(
        keys=(),
        n=stats_.n,
        nki=value,
        nki_ci=None if suppressed else ConfidenceInterval(float(low[0]), float(high[0])),
        band=None if value is None else BANDS[int(band_codes([value])[0])],
        suppressed=suppressed,
        factors=tuple(factors),
        factor_n=tuple(factor_n),
    )


def answer_table_groups(
    table: AnswerTable,
    by: Sequence[str] = ("organisation", "area", "year"),
    *,
    level: float = DEFAULT_LEVEL,
    min_group_size: int = MIN_GROUP_SIZE,
) -> GroupTable:
    """Group results of a canonical answer table by some of its key columns.

    Examples
    --------
    >>> import io
    >>> from survey_stats.canonical import canonical_header, read_canonical_csv
    >>> rows = [f"a{i},0136,bygglov,2024,,business,,{'8,' * 6}10,{i},,\\n" for i in range(1, 8)]
    >>> data = read_canonical_csv(io.StringIO(",".join(canonical_header()) + "\\n" + "".join(rows)))
    >>> groups = answer_table_groups(data, ["organisation", "year"])
    >>> groups.labels(0), int(groups.n[0]), round(float(groups.nki[0]), 4)
    (('0136', '2024'), 7, 66.6667)
    """
    keys = []
    for name in by:
        codes, labels = table.key_labels(name)
        keys.append(Key(name, codes, labels))
    return group_table(
        keys,
        table.nki(),
        table.factor_index_table(),
        level=level,
        min_group_size=min_group_size,
    )
