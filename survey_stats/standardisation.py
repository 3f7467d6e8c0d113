"""Outcome-adjusted NKI: NKI by case outcome and direct standardisation to a reference mix.

A municipality that rejects more applications than others (rejected building permits, for
instance) gets lower NKI for a reason that is not its service. The directly standardised
NKI answers: what would this organisation's NKI be with the national outcome mix?

See ``docs/statistics/outcome-adjustment.md`` for the method and a worked example.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

from survey_stats.intervals import ConfidenceInterval

__all__ = [
    "ADJUSTED_LABEL",
    "OUTCOMES",
    "OutcomeAdjustedNki",
    "OutcomeStratum",
    "outcome_adjusted_nki",
    "reference_outcome_mix",
]

OUTCOMES: tuple[str, ...] = ("approved", "rejected", "other")
"""Case outcomes used as strata, in report order."""

ADJUSTED_LABEL = "outcome-adjusted NKI (direct standardisation to the reference outcome mix)"
"""The label every :class:`OutcomeAdjustedNki` carries."""

_SCALE_LOW, _SCALE_HIGH = 0.0, 100.0


@dataclass(frozen=True, slots=True)
class OutcomeStratum:
    """NKI of one organisation among answer sets with one case outcome.

    Attributes
    ----------
    outcome : str
        ``approved``, ``rejected`` or ``other``.
    n : int
        Valid answer sets with this outcome.
    mean : float or None
        Mean NKI; None when ``n`` is 0.
    standard_deviation : float or None
        Sample standard deviation (``ddof=1``); None when ``n < 2``.
    standard_error : float or None
        ``standard_deviation / sqrt(n)``; None when ``n < 2``.
    ci : ConfidenceInterval or None
        Student-t interval, clipped to [0, 100]; None when ``n < 2``.
    organisation_share : float
        Share of the organisation's answer sets (with a known outcome) in this stratum.
    reference_weight : float
        Share of this outcome in the reference (national) mix, ``w_k``.
    """

    outcome: str
    n: int
    mean: float | None
    standard_deviation: float | None
    standard_error: float | None
    ci: ConfidenceInterval | None
    organisation_share: float
    reference_weight: float


@dataclass(frozen=True, slots=True)
class OutcomeAdjustedNki:
    """Result of :func:`outcome_adjusted_nki`; never a raw NKI.

    Attributes
    ----------
    label : str
        Always :data:`ADJUSTED_LABEL`, so the value is never shown as a raw NKI.
    method : str
        Always ``"direct_standardisation"``.
    value : float or None
        Directly standardised NKI; None when not computable.
    standard_error : float or None
        Its standard error.
    ci : ConfidenceInterval or None
        Student-t interval with Satterthwaite degrees of freedom, clipped to [0, 100].
    degrees_of_freedom : float or None
        Satterthwaite degrees of freedom (``inf`` when every stratum variance is zero).
    computable : bool
        False when a stratum with positive reference weight has fewer than
        ``min_stratum_n`` answer sets; ``value``, ``standard_error``, ``ci`` are then None.
    reason : str or None
        Why the value is not computable.
    crude : float or None
        Unadjusted mean NKI over the answer sets with a known outcome (None if there are none).
    n : int
        Valid answer sets with a known outcome.
    n_unknown_outcome : int
        Valid answer sets left out because their outcome is missing or not one of ``OUTCOMES``.
    min_stratum_n : int
        Answer sets a weighted stratum needs.
    confidence_level : float
        Coverage of the intervals.
    strata : tuple of OutcomeStratum
        One entry per outcome, in the order of :data:`OUTCOMES`.
    """

    label: str
    method: str
    value: float | None
    standard_error: float | None
    ci: ConfidenceInterval | None
    degrees_of_freedom: float | None
    computable: bool
    reason: str | None
    crude: float | None
    n: int
    n_unknown_outcome: int
    min_stratum_n: int
    confidence_level: float
    strata: tuple[OutcomeStratum, ...]

    def stratum(self, outcome: str) -> OutcomeStratum:
        """Return the stratum of one outcome.

        Raises
        ------
        ValueError
            If ``outcome`` is not one of :data:`OUTCOMES`.
        """
        for entry in self.strata:
            if entry.outcome == outcome:
                return entry
        raise ValueError(f"outcome: {outcome!r} is not one of {OUTCOMES}")


def _outcome_codes(outcome: ArrayLike | Sequence[str | None], *, name: str) -> NDArray[np.intp]:
    """Stratum number of each answer set, -1 for a missing or unknown outcome."""
    values = np.asarray(outcome, dtype=object)
    if values.ndim != 1:
        raise ValueError(f"{name}: must be one-dimensional, got shape {values.shape}")
    codes = np.full(values.shape[0], -1, dtype=np.intp)
    for k, label in enumerate(OUTCOMES):
        codes[values == label] = k
    return codes


def reference_outcome_mix(outcome: ArrayLike | Sequence[str | None]) -> dict[str, float]:
    """Outcome shares of a reference population (e.g. every answer set in the country).

    Parameters
    ----------
    outcome : array_like of str
        Outcome of each valid answer set of the reference population; values other than
        :data:`OUTCOMES` (empty, None) are left out.

    Returns
    -------
    dict of str to float
        Share of each outcome among the answer sets with a known outcome, summing to 1.

    Raises
    ------
    ValueError
        If no answer set has a known outcome.

    Examples
    --------
    >>> reference_outcome_mix(["approved", "approved", "rejected", "", "other"])
    {'approved': 0.5, 'rejected': 0.25, 'other': 0.25}
    """
    codes = _outcome_codes(outcome, name="outcome")
    counts = np.bincount(codes[codes >= 0], minlength=len(OUTCOMES))
    total = int(counts.sum())
    if total == 0:
        raise ValueError("outcome: no answer set has a known outcome")
    return {label: int(counts[k]) / total for k, label in enumerate(OUTCOMES)}


def _weights(reference_mix: Mapping[str, float]) -> NDArray[np.float64]:
    """Validated reference weights in the order of OUTCOMES, normalised to sum 1."""
    unknown = set(reference_mix) - set(OUTCOMES)
    if unknown:
        raise ValueError(f"reference_mix: unknown outcome(s) {sorted(unknown)}")
    w = np.array([float(reference_mix.get(label, 0.0)) for label in OUTCOMES])
    if not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise ValueError("reference_mix: shares must be finite, non-negative and not all zero")
    normalised: NDArray[np.float64] = w / w.sum()
    return normalised


def _clip(low: float, high: float) -> ConfidenceInterval:
    return ConfidenceInterval(
        low=min(max(low, _SCALE_LOW), _SCALE_HIGH), high=min(max(high, _SCALE_LOW), _SCALE_HIGH)
    )


def _stratum(
    values: NDArray[np.float64], *, outcome: str, share: float, weight: float, level: float
) -> OutcomeStratum:
    n = int(values.shape[0])
    if n == 0:
        return OutcomeStratum(outcome, 0, None, None, None, None, share, weight)
    mean = float(values.mean())
    if n < 2:
        return OutcomeStratum(outcome, n, mean, None, None, None, share, weight)
    sd = float(values.std(ddof=1))
    se = sd / math.sqrt(n)
    t = float(stats.t.ppf(0.5 + level / 2, n - 1))
    return OutcomeStratum(
        outcome, n, mean, sd, se, _clip(mean - t * se, mean + t * se), share, weight
    )


def outcome_adjusted_nki(
    nki: ArrayLike,
    outcome: ArrayLike | Sequence[str | None],
    *,
    reference_mix: Mapping[str, float],
    min_stratum_n: int = 7,
    confidence_level: float = 0.95,
) -> OutcomeAdjustedNki:
    """NKI by case outcome and the directly standardised (outcome-adjusted) NKI.

    Parameters
    ----------
    nki : array_like of float, shape (n,)
        Per-answer-set NKI (0–100) of one organisation (and area, year); NaN marks an answer
        set without a valid NKI, which is left out.
    outcome : array_like of str, shape (n,)
        Case outcome of each answer set: ``approved``, ``rejected`` or ``other``; anything
        else (empty, None) is an unknown outcome, left out and counted in
        ``n_unknown_outcome``.
    reference_mix : mapping of str to float
        Reference (national) outcome mix, e.g. from :func:`reference_outcome_mix`; shares
        are normalised to sum 1, a missing outcome has share 0.
    min_stratum_n : int, default 7
        Answer sets that every stratum with a positive reference share needs (at least 2,
        for a variance). The default equals the product's suppression threshold: a stratum
        mean that may not be shown may not carry a share of a shown value either.
    confidence_level : float, default 0.95
        Coverage of the intervals, strictly between 0 and 1.

    Returns
    -------
    OutcomeAdjustedNki
        The strata (mean, n, interval each), the crude mean, and the adjusted value with
        its standard error and interval, labelled :data:`ADJUSTED_LABEL`.

    Raises
    ------
    ValueError
        If an argument is malformed (named in the message), an NKI is outside [0, 100],
        or the lengths of ``nki`` and ``outcome`` differ.

    Notes
    -----
    With stratum means :math:`\\bar y_k`, variances :math:`s_k^2`, counts :math:`n_k` and
    reference shares :math:`w_k` (:math:`\\sum_k w_k = 1`):

    .. math::

        \\hat\\theta = \\sum_k w_k \\bar y_k, \\qquad
        \\mathrm{SE}(\\hat\\theta)^2 = \\sum_k w_k^2 \\frac{s_k^2}{n_k},

    and the interval is :math:`\\hat\\theta \\pm t_{1-\\alpha/2,\\,\\nu}\\,\\mathrm{SE}`,
    clipped to [0, 100], with the Welch–Satterthwaite degrees of freedom

    .. math:: \\nu = \\frac{\\left(\\sum_k w_k^2 s_k^2 / n_k\\right)^2}
              {\\sum_k \\left(w_k^2 s_k^2 / n_k\\right)^2 / (n_k - 1)} ,

    which equal :math:`n-1` for a single stratum and approach the normal interval for large
    strata. Strata with :math:`w_k = 0` do not enter.

    *Empty strata*: the estimate is **not computable** (``computable`` False, value None,
    with the reason) when a stratum with :math:`w_k > 0` has fewer than ``min_stratum_n``
    answer sets. Strata are not collapsed and weights not renormalised: dropping the
    rejected stratum would give the approved-only mean, exactly the bias the adjustment
    exists to remove.

    When the organisation's mix equals the reference mix, :math:`w_k = n_k/n` and the
    adjusted value equals the crude mean.

    References
    ----------
    .. [1] Rothman, K. J., Greenland, S., & Lash, T. L. (2008). *Modern Epidemiology*
       (3rd ed.), sections on direct standardisation. Lippincott Williams & Wilkins.
    .. [2] Satterthwaite, F. E. (1946). An approximate distribution of estimates of variance
       components. *Biometrics Bulletin*, 2(6), 110–114.

    Examples
    --------
    >>> nki = [80.0, 90.0, 70.0, 85.0, 75.0, 80.0, 80.0, 40.0, 50.0, 60.0, 45.0, 55.0,
    ...        50.0, 50.0]
    >>> outcome = ["approved"] * 7 + ["rejected"] * 7
    >>> adjusted = outcome_adjusted_nki(
    ...     nki, outcome, reference_mix={"approved": 0.8, "rejected": 0.2}
    ... )
    >>> adjusted.crude, adjusted.value
    (65.0, 74.0)
    >>> adjusted.label == ADJUSTED_LABEL
    True
    """
    if not 0 < confidence_level < 1:
        raise ValueError(
            f"confidence_level: must lie strictly between 0 and 1, got {confidence_level}"
        )
    if min_stratum_n < 2:
        raise ValueError(f"min_stratum_n: must be at least 2, got {min_stratum_n}")
    y = np.asarray(nki, dtype=np.float64)
    if y.ndim != 1:
        raise ValueError(f"nki: must be one-dimensional, got shape {y.shape}")
    codes = _outcome_codes(outcome, name="outcome")
    if codes.shape[0] != y.shape[0]:
        raise ValueError(f"outcome: has {codes.shape[0]} values but nki has {y.shape[0]}")
    if np.isinf(y).any() or (y[~np.isnan(y)] < _SCALE_LOW).any() or (y > _SCALE_HIGH).any():
        raise ValueError("nki: values must lie in [0, 100] (NaN marks a missing NKI)")
    w = _weights(reference_mix)

    valid = ~np.isnan(y)
    known = valid & (codes >= 0)
    n = int(known.sum())
    strata = tuple(
        _stratum(
            y[known & (codes == k)],
            outcome=label,
            share=float((known & (codes == k)).sum() / n) if n else 0.0,
            weight=float(w[k]),
            level=confidence_level,
        )
        for k, label in enumerate(OUTCOMES)
    )
    short = [s.outcome for s in strata if s.reference_weight > 0 and s.n < min_stratum_n]
    value = se = df = None
    ci = None
    reason = None
    if short:
        reason = f"fewer than {min_stratum_n} answer sets in stratum: {', '.join(short)}"
    else:
        value, se, df = _combine(strata)
        quantile = float(stats.t.ppf(0.5 + confidence_level / 2, df))
        ci = _clip(value - quantile * se, value + quantile * se)
    return OutcomeAdjustedNki(
        label=ADJUSTED_LABEL,
        method="direct_standardisation",
        value=value,
        standard_error=se,
        ci=ci,
        degrees_of_freedom=df,
        computable=not short,
        reason=reason,
        crude=float(y[known].mean()) if n else None,
        n=n,
        n_unknown_outcome=int((valid & (codes < 0)).sum()),
        min_stratum_n=min_stratum_n,
        confidence_level=confidence_level,
        strata=strata,
    )


def _combine(strata: tuple[OutcomeStratum, ...]) -> tuple[float, float, float]:
    """Standardised value, its standard error and Satterthwaite degrees of freedom."""
    used = [s for s in strata if s.reference_weight > 0]
    value = math.fsum(s.reference_weight * (s.mean or 0.0) for s in used)
    terms = [s.reference_weight**2 * (s.standard_error or 0.0) ** 2 for s in used]
    variance = math.fsum(terms)
    denominator = math.fsum(t**2 / (s.n - 1) for t, s in zip(terms, used, strict=True))
    df = variance**2 / denominator if denominator > 0 else math.inf
    return value, math.sqrt(variance), df
