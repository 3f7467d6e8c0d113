"""The thin adapter between aggregate rows and ``survey_stats``.

Aggregate rows carry sufficient statistics (count, sum, sum of squares) per measure; this
module adds them up across rows and hands them to the statistics core, which owns the
formulas (means, Student-t intervals, bands, Welch's test, ranks).

Ranks from aggregates use ``survey_stats.ranking``'s parametric (sampling) rank intervals,
because aggregates keep no per-answer values to resample; that choice is labelled on the
pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import get_language

from survey_stats.bands import BANDS, Band, band_codes
from survey_stats.change import SIGNIFICANCE_LEVEL, ChangeDirection, welch_tests_from_stats
from survey_stats.groups import MIN_GROUP_SIZE
from survey_stats.intervals import SufficientStatistics, t_intervals_from_stats
from survey_stats.ranking import (
    AREA_MIN_N,
    DEFAULT_RESAMPLES,
    RankMethod,
    sampling_rank_intervals,
    total_eligibility,
)


@dataclass(frozen=True, slots=True)
class Sums:
    """Sufficient statistics of one measure over a set of answer sets."""

    n: int = 0
    total: float = 0.0
    total_sq: float = 0.0

    def __add__(self, other: Sums) -> Sums:
        return Sums(self.n + other.n, self.total + other.total, self.total_sq + other.total_sq)

    def as_stats(self) -> SufficientStatistics:
        return SufficientStatistics(self.n, self.total, self.total_sq)

    @classmethod
    def of_row(cls, row: Mapping[str, Any], measure: str) -> Sums:
        """Read one measure's statistics from an ``AnswerAggregate`` values() row."""
        return cls(row[f"{measure}_n"], row[f"{measure}_sum"], row[f"{measure}_sumsq"])

    @classmethod
    def total_of(cls, rows: Iterable[Mapping[str, Any]], measure: str) -> Sums:
        result = cls()
        for row in rows:
            result = result + cls.of_row(row, measure)
        return result


@dataclass(frozen=True, slots=True)
class Estimate:
    """A group value ready for display; ``value`` and the interval are None when suppressed.

    ``mean``, ``se`` and ``sums`` are kept (also when suppressed) for tests of change and
    ranks only; templates show ``value``.
    """

    n: int
    value: float | None
    ci_low: float | None
    ci_high: float | None
    band: str | None
    band_label: str
    suppressed: bool
    mean: float | None
    se: float | None
    sums: Sums


def _band_label(band: Band) -> str:
    return band.label_en if (get_language() or "sv").startswith("en") else band.label


def estimate(sums: Sums, *, group_suppressed: bool = False) -> Estimate:
    """Mean, 95 % interval and band of a group from its sufficient statistics.

    ``group_suppressed`` withholds a factor index whose group (NKI) is suppressed, as
    ``survey_stats.groups`` does: a suppressed group shows no value anywhere.
    """
    return estimate_many([sums], [group_suppressed])[0]


def estimate_many(sums: Sequence[Sums], group_suppressed: Sequence[bool]) -> list[Estimate]:
    """:func:`estimate` of many groups in one vectorised call into ``survey_stats``."""
    if not sums:
        return []
    mean, se, low, high = t_intervals_from_stats(
        [s.n for s in sums], [s.total for s in sums], [s.total_sq for s in sums]
    )
    codes = band_codes(mean)
    result = []
    for i, group in enumerate(sums):
        m = None if np.isnan(mean[i]) else float(mean[i])
        e = None if np.isnan(se[i]) else float(se[i])
        if m is None or e is None or group.n < MIN_GROUP_SIZE or group_suppressed[i]:
            result.append(Estimate(group.n, None, None, None, None, "", True, m, e, group))
            continue
        band = BANDS[int(codes[i])]
        result.append(
            Estimate(
                n=group.n,
                value=m,
                ci_low=float(low[i]),
                ci_high=float(high[i]),
                band=band.slug,
                band_label=_band_label(band),
                suppressed=False,
                mean=m,
                se=e,
                sums=group,
            )
        )
    return result


def significant_change(before: Estimate, after: Estimate) -> str:
    """``"rise"``/``"fall"`` when Welch's test says p < 0.05 (survey_stats.change), else ``""``."""
    return significant_changes([(before, after)])[0]


def significant_changes(pairs: Sequence[tuple[Estimate, Estimate]]) -> list[str]:
    """:func:`significant_change` of many pairs in one vectorised Welch call."""
    if not pairs:
        return []
    earlier = [a.sums for a, _ in pairs]
    later = [b.sums for _, b in pairs]
    _d, _t, _df, p, _low, _high = welch_tests_from_stats(
        ([s.n for s in earlier], [s.total for s in earlier], [s.total_sq for s in earlier]),
        ([s.n for s in later], [s.total for s in later], [s.total_sq for s in later]),
    )
    words: list[str] = []
    for i, (before, after) in enumerate(pairs):
        comparable = not (before.suppressed or after.suppressed) and not np.isnan(p[i])
        if comparable and p[i] < SIGNIFICANCE_LEVEL and after.mean != before.mean:
            words.append(
                ChangeDirection.RISE
                if (after.mean or 0) > (before.mean or 0)
                else ChangeDirection.FALL
            )
        else:
            words.append("")
    return words


@dataclass(frozen=True, slots=True)
class RankedGroup:
    rank: int
    low: int
    high: int


RANK_METHOD = RankMethod.SAMPLING
"""Aggregates hold no per-answer values, so rank intervals use survey_stats' parametric
bootstrap of the group means (``sampling``); pages say so beside the intervals."""


def rank_eligible(value: Estimate, rates: list[float], *, single_area: bool) -> bool:
    """DESIGN §4 eligibility: area n ≥ 10; total n ≥ 20 with the response-rate rules."""
    if value.suppressed:
        return False
    if single_area:
        return value.n >= AREA_MIN_N
    by_area = {str(index): rate for index, rate in enumerate(rates)} or None
    eligible, _reasons = total_eligibility([value.n], [by_area])
    return bool(eligible[0])


def rank_groups(
    estimates: Mapping[int, Estimate], *, seed: int, resamples: int = DEFAULT_RESAMPLES
) -> dict[int, RankedGroup]:
    """Competition ranks and 95 % rank intervals of eligible groups (one ranking)."""
    keys = [key for key, value in estimates.items() if value.mean is not None]
    if not keys:
        return {}
    means = [float(estimates[key].mean or 0.0) for key in keys]
    errors = [estimates[key].se or 0.0 for key in keys]
    draws = np.random.default_rng(seed).standard_normal((resamples, len(keys)))
    rank, low, high = sampling_rank_intervals(means, errors, [0] * len(keys), draws)
    return {
        key: RankedGroup(rank=int(rank[i]), low=int(low[i]), high=int(high[i]))
        for i, key in enumerate(keys)
    }
