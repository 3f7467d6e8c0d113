"""Grade bands of NKI and factor indices (``DESIGN.md`` §4).

A value is rounded half-up to a whole number and placed in a band: below 50 *mycket lågt*,
50–61 *lågt*, 62–69 *godkänt*, 70–79 *högt*, 80 and above *mycket högt*.

See ``docs/statistics/bands.md``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["BANDS", "Band", "band_codes", "grade_band", "round_half_up"]

# Values are means of floating-point indices: 61.5 may arrive as 61.49999999999999. Rounding
# to this many decimals first removes that noise before the half-up rule is applied.
_NOISE_DECIMALS = 9


@dataclass(frozen=True, slots=True)
class Band:
    """One grade band.

    Attributes
    ----------
    slug : str
        Stable identifier used in files and the API.
    label : str
        Swedish label shown to users.
    label_en : str
        English label.
    lowest : int
        Smallest rounded value in the band.
    """

    slug: str
    label: str
    label_en: str
    lowest: int


BANDS: tuple[Band, ...] = (
    Band("mycket_lagt", "Mycket lågt", "Very low", -1_000),
    Band("lagt", "Lågt", "Low", 50),
    Band("godkant", "Godkänt", "Acceptable", 62),
    Band("hogt", "Högt", "High", 70),
    Band("mycket_hogt", "Mycket högt", "Very high", 80),
)
"""The bands from lowest to highest."""

_THRESHOLDS = np.array([band.lowest for band in BANDS[1:]], dtype=np.float64)


def round_half_up(value: float) -> int:
    """Round to the nearest whole number, halves upwards (61.5 → 62, not banker's 62/60).

    Examples
    --------
    >>> round_half_up(61.5), round_half_up(62.5), round_half_up(61.49), round_half_up(61.499999999999)
    (62, 63, 61, 62)
    """
    if not math.isfinite(value):
        raise ValueError(f"cannot round {value!r}")
    return math.floor(round(value, _NOISE_DECIMALS) + 0.5)


def grade_band(value: float) -> Band:
    """The band of a value on the index scale.

    Examples
    --------
    >>> grade_band(49.4).slug, grade_band(49.5).slug, grade_band(61.5).label, grade_band(80).label
    ('mycket_lagt', 'lagt', 'Godkänt', 'Mycket högt')
    """
    if not math.isfinite(value):
        raise ValueError(f"no grade band for {value!r}")
    return BANDS[int(band_codes([value])[0])]


def band_codes(values: ArrayLike) -> NDArray[np.int64]:
    """Vectorised :func:`grade_band`: index into :data:`BANDS` per value, -1 where NaN.

    Examples
    --------
    >>> band_codes([12.0, 61.5, 69.49, 79.5, float("nan")]).tolist()
    [0, 2, 2, 4, -1]
    """
    array = np.asarray(values, dtype=np.float64)
    rounded = np.floor(np.round(array, _NOISE_DECIMALS) + 0.5)
    codes = np.searchsorted(_THRESHOLDS, rounded, side="right").astype(np.int64)
    codes[np.isnan(array)] = -1
    return codes
