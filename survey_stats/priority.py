"""Priority matrix: where to act first, from factor index and factor importance.

See ``docs/statistics/priority-matrix.md`` for the method and a worked example.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["PriorityMatrix", "PriorityPoint", "Quadrant", "priority_matrix"]

# A value within this distance of the split, relative to the largest absolute value on the
# axis, counts as on the split (and so as high): the split is a floating-point mean, and
# equal inputs must not land on both sides. Relative to the axis, so rescaling keeps ties.
_TIE_TOLERANCE = 1e-12


class Quadrant(StrEnum):
    """The four quadrants of the priority matrix (values are the product's codes)."""

    PRIORITERA = "prioritera"
    """High importance, low index: act here first."""
    BEVARA = "bevara"
    """High importance, high index: keep it up."""
    FORBATTRA_OM_MOJLIGT = "forbattra_om_mojligt"
    """Low importance, low index: improve when there is room."""
    LAGRE_PRIORITET = "lagre_prioritet"
    """Low importance, high index: lower priority."""


@dataclass(frozen=True, slots=True)
class PriorityPoint:
    """One factor placed in the matrix.

    Attributes
    ----------
    factor : str
        Factor name.
    index : float
        x: the factor index (0–100).
    importance : float
        y: the factor's relative importance.
    high_index, high_importance : bool
        Whether the factor lies on or above the split of each axis.
    quadrant : Quadrant
        The resulting quadrant.
    """

    factor: str
    index: float
    importance: float
    high_index: bool
    high_importance: bool
    quadrant: Quadrant


@dataclass(frozen=True, slots=True)
class PriorityMatrix:
    """Result of :func:`priority_matrix`.

    Attributes
    ----------
    points : tuple of PriorityPoint
        One point per factor, in input order.
    index_split : float
        Mean of the factor indices (the vertical split).
    importance_split : float
        Mean of the importances (the horizontal split).
    """

    points: tuple[PriorityPoint, ...]
    index_split: float
    importance_split: float

    def quadrant(self, factor: str) -> Quadrant:
        """Return the quadrant of one factor.

        Raises
        ------
        ValueError
            If ``factor`` is not in the matrix.
        """
        for point in self.points:
            if point.factor == factor:
                return point.quadrant
        raise ValueError(f"factor: {factor!r} is not in the matrix")

    def factors_in(self, quadrant: Quadrant) -> tuple[str, ...]:
        """Return the factors in one quadrant, in input order."""
        return tuple(point.factor for point in self.points if point.quadrant is quadrant)


def _split(values: NDArray[np.float64]) -> tuple[float, float]:
    """Mean of the values (correctly rounded sum) and the tie tolerance of the axis."""
    return math.fsum(values.tolist()) / values.shape[0], _TIE_TOLERANCE * float(
        np.max(np.abs(values))
    )


def _quadrant(*, high_importance: bool, high_index: bool) -> Quadrant:
    if high_importance:
        return Quadrant.BEVARA if high_index else Quadrant.PRIORITERA
    return Quadrant.LAGRE_PRIORITET if high_index else Quadrant.FORBATTRA_OM_MOJLIGT


def priority_matrix(
    index: ArrayLike,
    importance: ArrayLike,
    *,
    factor_names: Sequence[str],
) -> PriorityMatrix:
    """Place each factor in the priority matrix.

    Parameters
    ----------
    index : array_like, shape (p,)
        Factor index (x) of each factor, e.g. the group's six factor indices.
    importance : array_like, shape (p,)
        Relative importance (y) of each factor, e.g. the raw or rescaled Johnson weights of
        :func:`survey_stats.drivers.driver_analysis` (either gives the same quadrants).
    factor_names : sequence of str
        Name of each factor, unique, in the order of ``index`` and ``importance``.

    Returns
    -------
    PriorityMatrix
        Each factor's x, y and quadrant, and the two split points.

    Raises
    ------
    ValueError
        If the lengths disagree, fewer than two factors are given, a name repeats, or a
        value is missing or not finite (a factor without an index cannot be placed).

    Notes
    -----
    The splits are the means :math:`\\bar x = \\frac1p\\sum_j x_j` and
    :math:`\\bar y = \\frac1p\\sum_j y_j` over the given factors. Factor *j* is *high* on an
    axis when :math:`x_j \\ge \\bar x` (resp. :math:`y_j \\ge \\bar y`): **a value on the
    mean counts as high**. A value within :math:`10^{-12} \\max_k |x_k|` of the mean counts
    as on it, so that ties survive the rounding of the mean. Quadrants:

    ==================  ============  =========================
    importance          index         quadrant
    ==================  ============  =========================
    high                low           ``prioritera``
    high                high          ``bevara``
    low                 low           ``forbattra_om_mojligt``
    low                 high          ``lagre_prioritet``
    ==================  ============  =========================

    Multiplying all importances by one positive constant (raw → rescaled weights) moves
    the split with them and leaves every quadrant unchanged.

    References
    ----------
    .. [1] Martilla, J. A., & James, J. C. (1977). Importance-performance analysis.
       *Journal of Marketing*, 41(1), 77–79.

    Examples
    --------
    >>> m = priority_matrix(
    ...     [70.0, 80.0, 60.0, 75.0],
    ...     [0.30, 0.10, 0.15, 0.25],
    ...     factor_names=["a", "b", "c", "d"],
    ... )
    >>> m.index_split, round(m.importance_split, 12)
    (71.25, 0.2)
    >>> [str(p.quadrant) for p in m.points]
    ['prioritera', 'lagre_prioritet', 'forbattra_om_mojligt', 'bevara']
    """
    names = tuple(factor_names)
    x = np.asarray(index, dtype=np.float64)
    y = np.asarray(importance, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"index: must be one-dimensional, got shape {x.shape}")
    if y.ndim != 1:
        raise ValueError(f"importance: must be one-dimensional, got shape {y.shape}")
    if len(names) < 2:
        raise ValueError("factor_names: the matrix needs at least two factors")
    if len(set(names)) != len(names):
        raise ValueError("factor_names: names must be unique")
    if x.shape[0] != len(names):
        raise ValueError(f"index: has {x.shape[0]} values but factor_names has {len(names)}")
    if y.shape[0] != len(names):
        raise ValueError(f"importance: has {y.shape[0]} values but factor_names has {len(names)}")
    if not np.isfinite(x).all():
        raise ValueError("index: every factor needs a finite index")
    if not np.isfinite(y).all():
        raise ValueError("importance: every factor needs a finite importance")
    x_split, x_tol = _split(x)
    y_split, y_tol = _split(y)
    points = []
    for name, xj, yj in zip(names, x.tolist(), y.tolist(), strict=True):
        high_x = xj >= x_split - x_tol
        high_y = yj >= y_split - y_tol
        points.append(
            PriorityPoint(
                factor=name,
                index=xj,
                importance=yj,
                high_index=high_x,
                high_importance=high_y,
                quadrant=_quadrant(high_importance=high_y, high_index=high_x),
            )
        )
    return PriorityMatrix(points=tuple(points), index_split=x_split, importance_split=y_split)
