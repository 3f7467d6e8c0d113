"""The thin adapter between aggregate rows and ``survey_stats``.

Aggregate rows carry sufficient statistics (count, sum, sum of squares) per measure; this
module adds them up across rows and hands them to the statistics core, which owns every
formula (means, Student-t intervals, bands, Welch's test, ranks). Nothing here computes a
statistic of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from survey_stats import bands, change, groups

MIN_GROUP_SIZE = groups.MIN_GROUP_SIZE


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
        """Read one measure's statistics from an ``AnswerAggregate`` row (model or dict)."""
        if isinstance(row, Mapping):
            return cls(row[f"{measure}_n"], row[f"{measure}_sum"], row[f"{measure}_sumsq"])
        return cls(
            getattr(row, f"{measure}_n"),
            getattr(row, f"{measure}_sum"),
            getattr(row, f"{measure}_sumsq"),
        )

    @classmethod
    def total_of(cls, rows: Iterable[Any], measure: str) -> Sums:
        result = cls()
        for row in rows:
            result = result + cls.of_row(row, measure)
        return result


@dataclass(frozen=True, slots=True)
class Estimate:
    """A group value ready for display; ``value`` and the interval are None when suppressed."""

    n: int
    value: float | None
    ci_low: float | None
    ci_high: float | None
    band: str | None
    band_label: str
    suppressed: bool
    mean: float | None  # the unsuppressed mean, for tests and significance only; never shown
    variance: float | None


def estimate(sums: Sums) -> Estimate:
    """Mean, 95 % interval and band of a group from its sufficient statistics."""
    if sums.n == 0:
        return Estimate(0, None, None, None, None, "", True, None, None)
    result = groups.summary_from_sums(n=sums.n, total=sums.total, total_sq=sums.total_sq)
    variance = result.sd**2 if result.sd is not None else None
    if result.suppressed or result.nki is None:
        return Estimate(sums.n, None, None, None, None, "", True, result.mean, variance)
    band = bands.grade_band(result.mean)
    return Estimate(
        n=sums.n,
        value=result.mean,
        ci_low=result.ci.low,
        ci_high=result.ci.high,
        band=band.slug,
        band_label=band.label,
        suppressed=False,
        mean=result.mean,
        variance=variance,
    )


def significant_change(before: Estimate, after: Estimate) -> str:
    """``"rise"``/``"fall"`` when Welch's test says the change is significant, else ``""``."""
    if before.suppressed or after.suppressed:
        return ""
    if before.variance is None or after.variance is None:
        return ""
    result = change.welch_from_summary(
        mean_a=before.mean, var_a=before.variance, n_a=before.n,
        mean_b=after.mean, var_b=after.variance, n_b=after.n,
    )
    if not result.significant:
        return ""
    return "rise" if result.difference > 0 else "fall"
