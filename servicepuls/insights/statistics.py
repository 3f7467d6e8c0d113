"""The thin adapter between aggregate rows and ``survey_stats``.

Aggregate rows carry sufficient statistics (count, sum, sum of squares) per measure; this
module adds them up across rows and hands them to the statistics core, which owns the
formulas (means, Student-t intervals, bands, Welch's test, ranks).

Ranks from aggregates use ``survey_stats.ranking``'s parametric (sampling) rank intervals,
because aggregates keep no per-answer values to resample; that choice is labelled on the
pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import get_language

from survey_stats.bands import Band, grade_band
from survey_stats.change import welch_change_from_stats
from survey_stats.groups import MIN_GROUP_SIZE
from survey_stats.intervals import SufficientStatistics, mean_estimate_from_stats
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
    result = mean_estimate_from_stats(sums.as_stats())
    if result.mean is None:
        return Estimate(0, None, None, None, None, "", True, None, None, sums)
    if group_suppressed or sums.n < MIN_GROUP_SIZE or result.ci is None:
        return Estimate(
            sums.n, None, None, None, None, "", True, result.mean, result.standard_error, sums
        )
    band = grade_band(result.mean)
    return Estimate(
        n=sums.n,
        value=result.mean,
        ci_low=result.ci.low,
        ci_high=result.ci.high,
        band=band.slug,
        band_label=_band_label(band),
        suppressed=False,
        mean=result.mean,
        se=result.standard_error,
        sums=sums,
    )


def significant_change(before: Estimate, after: Estimate) -> str:
    """``"rise"``/``"fall"`` when Welch's test says p < 0.05 (survey_stats.change), else ``""``."""
    if before.suppressed or after.suppressed:
        return ""
    change = welch_change_from_stats(before.sums.as_stats(), after.sums.as_stats())
    return str(change.direction) if change.significant else ""


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
