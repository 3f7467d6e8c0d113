"""Confidence intervals shared by every estimator in the package."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ConfidenceInterval"]


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
