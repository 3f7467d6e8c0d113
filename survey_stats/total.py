"""Total NKI of an organisation and year (``DESIGN.md`` §4).

The total is the mean over *all* valid answer sets in the areas that count in the total that
year; each answer set weighs the same (so a large area weighs more than a small one). Which
areas count is data with validity years, passed in as a function; :func:`design_counts_in_total`
is the default of ``DESIGN.md`` §3 (fire safety and use of public land count until 2023,
procurement and "other" never).

See ``docs/statistics/total.md`` for the method and a worked example.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from survey_stats.groups import MIN_GROUP_SIZE, GroupTable, Key, group_table
from survey_stats.intervals import DEFAULT_LEVEL

__all__ = ["CountsInTotal", "counted_rows", "design_counts_in_total", "total_table"]

CountsInTotal = Callable[[str, int], bool]
"""``counts_in_total(area_slug, year)``: does the area count in the total that year?"""

_ALWAYS = frozenset({"bygglov", "miljo_halsoskydd", "livsmedel", "serveringstillstand"})
_UNTIL_2023 = frozenset({"brandtillsyn", "markupplatelse"})


def design_counts_in_total(area: str, year: int) -> bool:
    """The default rule of ``DESIGN.md`` §3.

    Examples
    --------
    >>> design_counts_in_total("bygglov", 2025), design_counts_in_total("brandtillsyn", 2023)
    (True, True)
    >>> design_counts_in_total("brandtillsyn", 2024), design_counts_in_total("upphandling", 2020)
    (False, False)
    """
    return area in _ALWAYS or (area in _UNTIL_2023 and year <= 2023)


def counted_rows(area: Key, year: Key, counts_in_total: CountsInTotal) -> np.ndarray:
    """Boolean mask of the rows whose area counts in the total of their year.

    The rule is asked once per distinct (area, year) pair, not once per row.
    """
    years = [int(label) for label in year.labels]
    lookup = np.array(
        [[counts_in_total(a, y) for y in years] for a in area.labels], dtype=bool
    ).reshape(len(area.labels), len(years))
    return lookup[area.codes, year.codes]


def total_table(
    organisation: Key,
    area: Key,
    year: Key,
    nki: ArrayLike,
    factors: ArrayLike | None = None,
    *,
    counts_in_total: CountsInTotal = design_counts_in_total,
    level: float = DEFAULT_LEVEL,
    min_group_size: int = MIN_GROUP_SIZE,
) -> GroupTable:
    """Total NKI (and factor indices) per organisation and year.

    Parameters
    ----------
    organisation, area, year : Key
        Per-answer-set keys; ``year`` labels must be integers.
    nki : array_like of float
        Per-answer-set NKI; NaN where invalid.
    factors : array_like of float, shape (rows, 6), optional
        Per-answer-set factor indices.
    counts_in_total : callable
        ``(area_slug, year) -> bool``.

    Returns
    -------
    GroupTable
        Keyed by organisation and year; answer sets of non-counting areas are left out, so
        an organisation-year with only such answers has no total.

    Examples
    --------
    >>> org = Key.from_values("organisation", ["0136"] * 10)
    >>> area = Key.from_values("area", ["bygglov"] * 4 + ["livsmedel"] * 4 + ["upphandling"] * 2)
    >>> year = Key.from_values("year", [2024] * 10)
    >>> nki = [60.0, 70, 80, 90, 50, 60, 70, 80, 0, 0]
    >>> total = total_table(org, area, year, nki, min_group_size=7)
    >>> total.labels(0), int(total.n[0]), float(total.nki[0])
    (('0136', '2024'), 8, 70.0)
    """
    values = np.asarray(nki, dtype=np.float64).ravel()
    mask = counted_rows(area, year, counts_in_total)
    factor_values = None if factors is None else np.asarray(factors, dtype=np.float64)[mask]
    keys = [
        Key(organisation.name, organisation.codes[mask], organisation.labels),
        Key(year.name, year.codes[mask], year.labels),
    ]
    return group_table(
        keys, values[mask], factor_values, level=level, min_group_size=min_group_size
    )
