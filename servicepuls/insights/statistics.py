"""The thin adapter between aggregate rows and ``survey_stats``.

Aggregate rows carry sufficient statistics (count, sum, sum of squares) per measure; this
module adds them up across rows and hands them to the statistics core, which owns the
formulas (means, Student-t intervals, bands, Welch's test, ranks).

INTERIM: until branch ``stats-core`` lands ``survey_stats.change`` and ``survey_stats.ranking``,
Welch's test and the rank intervals are computed below with SciPy/NumPy, to the letter of
DESIGN §4; they are replaced by calls into ``survey_stats`` on merge.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import get_language
from scipy import stats

from survey_stats.bands import Band, grade_band
from survey_stats.groups import MIN_GROUP_SIZE
from survey_stats.intervals import SufficientStatistics, mean_estimate_from_stats


@dataclass(frozen=True, slots=True)
class Sums:
    """Sufficient statistics of one measure over a set of answer sets."""

    n: int = 0
    total: float = 0.0
    total_sq: float = 0.0

    def __add__(self, other: Sums) -> Sums:
        return Sums(self.n + other.n, self.total + other.total, self.total_sq + other.total_sq)

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

    ``mean`` and ``sd`` are kept (also when suppressed) for tests of change only; templates
    show ``value``.
    """

    n: int
    value: float | None
    ci_low: float | None
    ci_high: float | None
    band: str | None
    band_label: str
    suppressed: bool
    mean: float | None
    sd: float | None


def _band_label(band: Band) -> str:
    return band.label_en if (get_language() or "sv").startswith("en") else band.label


def estimate(sums: Sums, *, group_suppressed: bool = False) -> Estimate:
    """Mean, 95 % interval and band of a group from its sufficient statistics.

    ``group_suppressed`` withholds a factor index whose group (NKI) is suppressed, as
    ``survey_stats.groups`` does: a suppressed group shows no value anywhere.
    """
    result = mean_estimate_from_stats(SufficientStatistics(sums.n, sums.total, sums.total_sq))
    if result.mean is None:
        return Estimate(0, None, None, None, None, "", True, None, None)
    if group_suppressed or sums.n < MIN_GROUP_SIZE or result.ci is None:
        return Estimate(
            sums.n, None, None, None, None, "", True, result.mean, result.standard_deviation
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
        sd=result.standard_deviation,
    )


def significant_change(before: Estimate, after: Estimate) -> str:
    """``"rise"``/``"fall"`` when Welch's test says p < 0.05, else ``""``."""
    if before.suppressed or after.suppressed:
        return ""
    if before.mean is None or after.mean is None or before.sd is None or after.sd is None:
        return ""
    if before.sd == 0 and after.sd == 0:
        return ""
    result = stats.ttest_ind_from_stats(
        after.mean, after.sd, after.n, before.mean, before.sd, before.n, equal_var=False
    )
    if not result.pvalue < 0.05:
        return ""
    return "rise" if after.mean > before.mean else "fall"


@dataclass(frozen=True, slots=True)
class RankedGroup:
    rank: int
    low: int
    high: int


def rank_eligible(value: Estimate, rates: list[float], *, single_area: bool) -> bool:
    """DESIGN §4: area n ≥ 10; total n ≥ 20 and response rate ≥ 40 % mean, ≥ 30 % each."""
    if value.suppressed:
        return False
    if single_area:
        return value.n >= 10
    return value.n >= 20 and bool(rates) and sum(rates) / len(rates) >= 0.4 and min(rates) >= 0.3


def _competition_ranks(values: np.ndarray) -> np.ndarray:
    """1, 2, 2, 4 … for values sorted high to low (higher index = better)."""
    ranks: np.ndarray = 1 + (values[None, :] > values[:, None]).sum(axis=1)
    return ranks


def rank_groups(
    estimates: Mapping[int, Estimate], *, seed: int, resamples: int = 1000
) -> dict[int, RankedGroup]:
    """Competition ranks and 95 % rank intervals by resampling each group's mean.

    Group means are resampled from their sampling distribution (mean, sd/√n, Student t
    with n − 1 degrees of freedom), the only resampling possible from aggregates.
    """
    keys = [key for key, value in estimates.items() if value.mean is not None]
    if not keys:
        return {}
    means = np.array([estimates[k].mean for k in keys], dtype=float)
    ses = np.array([(estimates[k].sd or 0.0) / math.sqrt(estimates[k].n) for k in keys])
    dfs = np.array([max(1, estimates[k].n - 1) for k in keys])
    rng = np.random.default_rng(seed)
    draws = means + ses * rng.standard_t(dfs, size=(resamples, len(keys)))
    ranks = np.argsort(np.argsort(-draws, axis=1), axis=1) + 1  # ties have probability 0
    low = np.percentile(ranks, 2.5, axis=0, method="lower")
    high = np.percentile(ranks, 97.5, axis=0, method="higher")
    point = _competition_ranks(means)
    return {
        key: RankedGroup(rank=int(point[i]), low=int(low[i]), high=int(high[i]))
        for i, key in enumerate(keys)
    }
