"""Driver analysis: which service factors move NKI, and how much.

Per-answer-set NKI is regressed on the six factor indices by ordinary least squares; the
report gives R², the effect of a 5-point rise in each factor and each factor's relative
importance by Johnson's relative weights. When an organisation's area has too few complete
answer sets, the analysis runs on a pooled comparison set and says so.

See ``docs/statistics/drivers.md`` for the method and a worked example.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

from survey_stats.intervals import ConfidenceInterval

__all__ = [
    "FACTORS",
    "DegenerateDataError",
    "DriverAnalysis",
    "FactorDriver",
    "OlsFit",
    "RelativeWeights",
    "default_min_n",
    "driver_analysis",
    "ols_fit",
    "relative_weights",
    "relative_weights_from_correlations",
]

FACTORS: tuple[str, ...] = (
    "information",
    "tillganglighet",
    "bemotande",
    "kompetens",
    "rattssakerhet",
    "effektivitet",
)
"""The six service factors, in the order of ``DESIGN.md`` §3."""

# Relative tolerance on the eigenvalues of the predictor correlation matrix below which the
# predictors count as perfectly collinear (the symmetric square root is then not invertible).
_COLLINEARITY_TOLERANCE = 1e-10

FloatArray = NDArray[np.float64]


class DegenerateDataError(ValueError):
    """The data cannot support a regression (constant values, collinearity, too few rows).

    A subclass of ``ValueError`` so that a batch over many groups can catch exactly the
    data problems and still let programming errors through.
    """


@dataclass(frozen=True, slots=True)
class OlsFit:
    """Ordinary least squares fit of ``y`` on the columns of ``x`` with an intercept.

    Attributes
    ----------
    intercept : float
        Fitted value when every predictor is zero.
    coefficients : tuple of float
        One slope per predictor, in column order.
    standard_errors : tuple of float
        Classical (homoscedastic) standard error of each slope.
    r_squared, adjusted_r_squared : float
        Share of the variance of ``y`` explained, and its degrees-of-freedom adjustment.
    residual_variance : float
        Unbiased estimate of the error variance, ``RSS / (n - p - 1)``.
    n : int
        Rows used.
    degrees_of_freedom : int
        Residual degrees of freedom ``n - p - 1``.
    """

    intercept: float
    coefficients: tuple[float, ...]
    standard_errors: tuple[float, ...]
    r_squared: float
    adjusted_r_squared: float
    residual_variance: float
    n: int
    degrees_of_freedom: int


@dataclass(frozen=True, slots=True)
class RelativeWeights:
    """Johnson's relative weights of a set of predictors.

    Attributes
    ----------
    raw : tuple of float
        Raw weights; non-negative, they sum to ``r_squared``.
    rescaled : tuple of float
        Raw weights as a share of ``r_squared``; they sum to 1 (NaN if ``r_squared`` is 0,
        when no predictor explains anything).
    r_squared : float
        Coefficient of determination of the full regression.
    """

    raw: tuple[float, ...]
    rescaled: tuple[float, ...]
    r_squared: float


@dataclass(frozen=True, slots=True)
class FactorDriver:
    """What one factor does to NKI.

    Attributes
    ----------
    factor : str
        Factor name.
    coefficient : float
        OLS slope: NKI points per factor-index point, the other factors held fixed.
    standard_error : float
        Standard error of ``coefficient``.
    coefficient_ci : ConfidenceInterval
        Student-t interval of the slope.
    effect : float
        Expected NKI gain if the factor index rises ``effect_step`` points
        (``effect_step × coefficient``).
    effect_ci : ConfidenceInterval
        The interval of the slope, times ``effect_step``.
    relative_weight : float
        Johnson's raw relative weight (part of R²).
    rescaled_weight : float
        ``relative_weight / R²``, the factor's share of the explained variance.
    """

    factor: str
    coefficient: float
    standard_error: float
    coefficient_ci: ConfidenceInterval
    effect: float
    effect_ci: ConfidenceInterval
    relative_weight: float
    rescaled_weight: float


@dataclass(frozen=True, slots=True)
class DriverAnalysis:
    """Result of :func:`driver_analysis`.

    Attributes
    ----------
    drivers : tuple of FactorDriver
        One entry per factor, in the order of ``factor_names``.
    intercept : float
        Regression intercept.
    r_squared, adjusted_r_squared : float
        Fit of the regression that was actually run.
    n : int
        Complete answer sets used in the regression (the pooled set's when ``pooled``).
    n_incomplete : int
        Rows of that data set dropped by listwise deletion.
    own_n : int
        Complete answer sets of the organisation's own data.
    pooled : bool
        True when the regression ran on the pooled comparison set, not the organisation's.
    pooled_reason : str or None
        Why the pooled set was used; None when ``pooled`` is False.
    min_n : int
        Threshold of complete answer sets below which the pooled set is used.
    effect_step : float
        Rise in factor index that ``effect`` refers to.
    confidence_level : float
        Coverage of the coefficient intervals.
    """

    drivers: tuple[FactorDriver, ...]
    intercept: float
    r_squared: float
    adjusted_r_squared: float
    n: int
    n_incomplete: int
    own_n: int
    pooled: bool
    pooled_reason: str | None
    min_n: int
    effect_step: float
    confidence_level: float

    def driver(self, factor: str) -> FactorDriver:
        """Return the entry of one factor.

        Raises
        ------
        ValueError
            If ``factor`` is not one of the analysed factors.
        """
        for entry in self.drivers:
            if entry.factor == factor:
                return entry
        raise ValueError(f"factor: {factor!r} is not one of the analysed factors")


def default_min_n(n_predictors: int) -> int:
    """Complete answer sets needed before a group gets its own driver analysis.

    Parameters
    ----------
    n_predictors : int
        Number of predictors ``m`` (six factor indices in the product).

    Returns
    -------
    int
        ``50 + 8 m``: 98 for the six factors.

    Raises
    ------
    ValueError
        If ``n_predictors`` is below 1.

    Notes
    -----
    Green's rule of thumb for testing the multiple correlation of a regression with ``m``
    predictors at a medium effect size, 80 % power and α = 0.05 is ``N ≥ 50 + 8m`` [1]_. With
    fewer answer sets the coefficients and weights of six correlated factors are mostly
    noise, so the analysis runs on the pooled comparison set instead.

    References
    ----------
    .. [1] Green, S. B. (1991). How many subjects does it take to do a regression
       analysis? *Multivariate Behavioral Research*, 26(3), 499–510.

    Examples
    --------
    >>> default_min_n(6)
    98
    """
    if n_predictors < 1:
        raise ValueError(f"n_predictors: must be at least 1, got {n_predictors}")
    return 50 + 8 * n_predictors


def _as_data(
    y: ArrayLike, x: ArrayLike, *, y_name: str, x_name: str
) -> tuple[FloatArray, FloatArray]:
    """Validate shapes and return float arrays (rows with NaN are still present)."""
    y_arr = np.asarray(y, dtype=np.float64)
    x_arr = np.asarray(x, dtype=np.float64)
    if x_arr.ndim == 1:
        x_arr = x_arr[:, np.newaxis]
    if y_arr.ndim != 1:
        raise ValueError(f"{y_name}: must be one-dimensional, got shape {y_arr.shape}")
    if x_arr.ndim != 2:
        raise ValueError(
            f"{x_name}: must be two-dimensional (rows × predictors), got {x_arr.shape}"
        )
    if x_arr.shape[0] != y_arr.shape[0]:
        raise ValueError(
            f"{x_name}: has {x_arr.shape[0]} rows but {y_name} has {y_arr.shape[0]} values"
        )
    if x_arr.shape[1] < 1:
        raise ValueError(f"{x_name}: needs at least one predictor column")
    if np.isinf(y_arr).any():
        raise ValueError(f"{y_name}: contains an infinite value")
    if np.isinf(x_arr).any():
        raise ValueError(f"{x_name}: contains an infinite value")
    return y_arr, x_arr


def _complete(y: FloatArray, x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Listwise deletion: keep the rows where ``y`` and every predictor are present."""
    keep = ~(np.isnan(y) | np.isnan(x).any(axis=1))
    return y[keep], x[keep]


def _check_complete(
    y: FloatArray,
    x: FloatArray,
    *,
    y_name: str,
    x_name: str,
    names: Sequence[str] | None = None,
) -> None:
    """Raise DegenerateDataError if the complete rows cannot support a regression."""
    n, p = x.shape
    if n < p + 2:
        raise DegenerateDataError(
            f"{y_name}: {n} complete rows, a regression on {p} predictors needs at least {p + 2}"
        )
    if np.ptp(y) == 0:
        raise DegenerateDataError(f"{y_name}: is constant over the complete rows")
    constant = np.flatnonzero(np.ptp(x, axis=0) == 0)
    if constant.size:
        j = int(constant[0])
        column = repr(names[j]) if names is not None else f"column {j}"
        raise DegenerateDataError(f"{x_name}: {column} is constant over the complete rows")


def _correlations(y: FloatArray, x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Predictor correlation matrix and predictor–outcome correlations."""
    corr = np.asarray(np.corrcoef(np.column_stack([x, y]), rowvar=False), dtype=np.float64)
    rxx = corr[:-1, :-1]
    rxy = corr[:-1, -1]
    return rxx, rxy


def _symmetric_sqrt(rxx: FloatArray, *, name: str) -> FloatArray:
    """Symmetric square root of a correlation matrix, refusing singular matrices."""
    eigenvalues, eigenvectors = np.linalg.eigh(rxx)
    if eigenvalues[0] <= _COLLINEARITY_TOLERANCE * max(eigenvalues[-1], 1.0):
        raise DegenerateDataError(
            f"{name}: predictors are perfectly collinear "
            f"(smallest eigenvalue of the correlation matrix {eigenvalues[0]:.3g})"
        )
    root: FloatArray = (eigenvectors * np.sqrt(eigenvalues)) @ eigenvectors.T
    return root


def relative_weights_from_correlations(rxx: ArrayLike, rxy: ArrayLike) -> RelativeWeights:
    """Johnson's relative weights from a correlation matrix.

    Parameters
    ----------
    rxx : array_like, shape (p, p)
        Correlation matrix of the predictors: symmetric, unit diagonal, positive definite.
    rxy : array_like, shape (p,)
        Correlation of each predictor with the outcome.

    Returns
    -------
    RelativeWeights
        Raw weights (summing to R²), rescaled weights (summing to 1) and R².

    Raises
    ------
    ValueError
        If the shapes disagree, ``rxx`` is not a correlation matrix or is singular
        (:class:`DegenerateDataError`), or the implied R² exceeds 1.

    Notes
    -----
    Let :math:`R_{xx} = V \\Lambda V^\\top` and :math:`\\Lambda^{*} = V \\Lambda^{1/2} V^\\top`
    its symmetric square root, the correlations between the predictors and the orthogonal
    variables closest to them in the least-squares sense. With
    :math:`\\beta^{*} = \\Lambda^{*-1} r_{xy}`, the regression of the outcome on the
    orthogonal variables, the raw weight of predictor *j* is

    .. math:: \\varepsilon_j = \\sum_k \\lambda^{*2}_{jk} \\beta^{*2}_k .

    Since the columns of :math:`\\Lambda^{*2} = R_{xx}` have unit diagonal,
    :math:`\\sum_j \\varepsilon_j = \\beta^{*\\top}\\beta^{*} = r_{xy}^\\top R_{xx}^{-1}
    r_{xy} = R^2`.

    References
    ----------
    .. [1] Johnson, J. W. (2000). A heuristic method for estimating the relative weight of
       predictor variables in multiple regression. *Multivariate Behavioral Research*,
       35(1), 1–19.

    Examples
    --------
    Two uncorrelated predictors: the weights are the squared correlations.

    >>> w = relative_weights_from_correlations([[1.0, 0.0], [0.0, 1.0]], [0.6, 0.3])
    >>> [round(v, 12) for v in w.raw], round(w.r_squared, 12)
    ([0.36, 0.09], 0.45)
    """
    rxx_arr = np.asarray(rxx, dtype=np.float64)
    rxy_arr = np.asarray(rxy, dtype=np.float64)
    p = rxy_arr.shape[0] if rxy_arr.ndim == 1 else -1
    if rxy_arr.ndim != 1 or p < 1:
        raise ValueError(f"rxy: must be a non-empty vector, got shape {rxy_arr.shape}")
    if rxx_arr.shape != (p, p):
        raise ValueError(f"rxx: must have shape ({p}, {p}), got {rxx_arr.shape}")
    if not (np.isfinite(rxx_arr).all() and np.isfinite(rxy_arr).all()):
        raise ValueError("rxx: correlations must be finite (rxx and rxy)")
    if not np.allclose(rxx_arr, rxx_arr.T, rtol=0, atol=1e-12) or not np.allclose(
        np.diag(rxx_arr), 1.0, rtol=0, atol=1e-12
    ):
        raise ValueError("rxx: must be symmetric with a unit diagonal")
    root = _symmetric_sqrt(rxx_arr, name="rxx")
    beta = np.linalg.solve(root, rxy_arr)
    raw = (root**2) @ (beta**2)
    r_squared = float(beta @ beta)
    if r_squared > 1.0 + 1e-9:
        raise ValueError(f"rxy: implies R² = {r_squared:.6g} > 1, inconsistent with rxx")
    return RelativeWeights(
        raw=tuple(float(v) for v in raw),
        rescaled=tuple(float(v / r_squared) if r_squared > 0 else float("nan") for v in raw),
        r_squared=r_squared,
    )


def relative_weights(y: ArrayLike, x: ArrayLike) -> RelativeWeights:
    """Johnson's relative weights of the columns of ``x`` in the regression of ``y``.

    Parameters
    ----------
    y : array_like, shape (n,)
        Outcome, e.g. per-answer-set NKI. NaN marks a missing value.
    x : array_like, shape (n, p)
        Predictors, e.g. the six factor indices. NaN marks a missing value.

    Returns
    -------
    RelativeWeights
        Raw weights summing to R², rescaled weights summing to 1, and R².

    Raises
    ------
    ValueError
        If the shapes disagree or a value is infinite; :class:`DegenerateDataError` (a
        ``ValueError``) if fewer than ``p + 2`` rows are complete, ``y`` or a predictor is
        constant, or the predictors are perfectly collinear.

    Notes
    -----
    Rows with any missing value are dropped (listwise deletion); the weights are then
    :func:`relative_weights_from_correlations` of the sample correlations. See that
    function for the formula.

    References
    ----------
    .. [1] Johnson, J. W. (2000). A heuristic method for estimating the relative weight of
       predictor variables in multiple regression. *Multivariate Behavioral Research*,
       35(1), 1–19.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0], [5.0, 5.0]])
    >>> y = np.array([2.0, 2.5, 4.5, 4.0, 6.0])
    >>> w = relative_weights(y, x)
    >>> bool(abs(sum(w.raw) - w.r_squared) < 1e-12)
    True
    """
    y_arr, x_arr = _as_data(y, x, y_name="y", x_name="x")
    y_arr, x_arr = _complete(y_arr, x_arr)
    _check_complete(y_arr, x_arr, y_name="y", x_name="x")
    return _weights_complete(y_arr, x_arr, x_name="x")


def _weights_complete(y_arr: FloatArray, x_arr: FloatArray, *, x_name: str) -> RelativeWeights:
    """Relative weights on complete, checked data (see :func:`relative_weights`)."""
    rxx, rxy = _correlations(y_arr, x_arr)
    try:
        return relative_weights_from_correlations(rxx, rxy)
    except DegenerateDataError as error:
        raise DegenerateDataError(str(error).replace("rxx:", f"{x_name}:", 1)) from None


def ols_fit(y: ArrayLike, x: ArrayLike) -> OlsFit:
    """Ordinary least squares regression of ``y`` on ``x`` with an intercept.

    Parameters
    ----------
    y : array_like, shape (n,)
        Outcome. NaN marks a missing value.
    x : array_like, shape (n,) or (n, p)
        Predictors. NaN marks a missing value.

    Returns
    -------
    OlsFit
        Intercept, slopes, their standard errors, R², adjusted R², residual variance,
        ``n`` and residual degrees of freedom.

    Raises
    ------
    ValueError
        If the shapes disagree or a value is infinite; :class:`DegenerateDataError` (a
        ``ValueError``) if fewer than ``p + 2`` rows are complete, ``y`` or a predictor is
        constant, or the predictors are perfectly collinear.

    Notes
    -----
    Listwise deletion first: a row with any missing value is dropped. The slopes solve the
    normal equations of the centred data,
    :math:`\\hat\\beta = (X_c^\\top X_c)^{-1} X_c^\\top y_c`, computed by a QR
    decomposition; :math:`\\hat\\sigma^2 = \\mathrm{RSS}/(n-p-1)`,
    :math:`\\mathrm{SE}(\\hat\\beta_j) = \\hat\\sigma \\sqrt{[(X_c^\\top X_c)^{-1}]_{jj}}`,
    :math:`R^2 = 1 - \\mathrm{RSS}/\\mathrm{TSS}` and
    :math:`\\bar R^2 = 1 - (1 - R^2)(n-1)/(n-p-1)`.

    References
    ----------
    .. [1] Weisberg, S. (2014). *Applied Linear Regression* (4th ed.), ch. 3. Wiley.

    Examples
    --------
    >>> fit = ols_fit([1.0, 3.0, 2.0, 6.0], [1.0, 2.0, 3.0, 4.0])
    >>> round(fit.coefficients[0], 12), round(fit.intercept, 12), round(fit.r_squared, 12)
    (1.4, -0.5, 0.7)
    """
    y_arr, x_arr = _as_data(y, x, y_name="y", x_name="x")
    y_arr, x_arr = _complete(y_arr, x_arr)
    _check_complete(y_arr, x_arr, y_name="y", x_name="x")
    return _ols_complete(y_arr, x_arr, x_name="x")


def _ols_complete(y_arr: FloatArray, x_arr: FloatArray, *, x_name: str) -> OlsFit:
    """OLS on complete, checked data (see :func:`ols_fit`)."""
    rxx, _ = _correlations(y_arr, x_arr)
    _symmetric_sqrt(rxx, name=x_name)  # refuses perfectly collinear predictors
    n, p = x_arr.shape
    x_mean = x_arr.mean(axis=0)
    y_mean = float(y_arr.mean())
    xc = x_arr - x_mean
    yc = y_arr - y_mean
    q, r = np.linalg.qr(xc)
    beta = np.linalg.solve(r, q.T @ yc)
    residuals = yc - xc @ beta
    rss = float(residuals @ residuals)
    tss = float(yc @ yc)
    df = n - p - 1
    sigma2 = rss / df
    r_inv = np.linalg.inv(r)
    xtx_inv_diag = (r_inv**2).sum(axis=1)
    r_squared = 1.0 - rss / tss
    return OlsFit(
        intercept=float(y_mean - x_mean @ beta),
        coefficients=tuple(float(b) for b in beta),
        standard_errors=tuple(float(s) for s in np.sqrt(sigma2 * xtx_inv_diag)),
        r_squared=r_squared,
        adjusted_r_squared=1.0 - (1.0 - r_squared) * (n - 1) / df,
        residual_variance=sigma2,
        n=n,
        degrees_of_freedom=df,
    )


def _analyse(
    y: FloatArray,
    x: FloatArray,
    *,
    names: Sequence[str],
    y_name: str,
    x_name: str,
    effect_step: float,
    confidence_level: float,
) -> tuple[OlsFit, tuple[FactorDriver, ...]]:
    """Fit OLS and relative weights on complete data and assemble the factor entries."""
    _check_complete(y, x, y_name=y_name, x_name=x_name, names=names)
    fit = _ols_complete(y, x, x_name=x_name)
    weights = _weights_complete(y, x, x_name=x_name)
    t = float(stats.t.ppf(0.5 + confidence_level / 2, fit.degrees_of_freedom))
    drivers = []
    for j, name in enumerate(names):
        b, se = fit.coefficients[j], fit.standard_errors[j]
        drivers.append(
            FactorDriver(
                factor=name,
                coefficient=b,
                standard_error=se,
                coefficient_ci=ConfidenceInterval(low=b - t * se, high=b + t * se),
                effect=effect_step * b,
                effect_ci=ConfidenceInterval(
                    low=effect_step * (b - t * se), high=effect_step * (b + t * se)
                ),
                relative_weight=weights.raw[j],
                rescaled_weight=weights.rescaled[j],
            )
        )
    return fit, tuple(drivers)


def driver_analysis(
    nki: ArrayLike,
    factors: ArrayLike,
    *,
    factor_names: Sequence[str] = FACTORS,
    pooled_nki: ArrayLike | None = None,
    pooled_factors: ArrayLike | None = None,
    min_n: int | None = None,
    effect_step: float = 5.0,
    confidence_level: float = 0.95,
) -> DriverAnalysis:
    """Driver analysis of one group (organisation × area), with a pooled fallback.

    Parameters
    ----------
    nki : array_like, shape (n,)
        Per-answer-set NKI (0–100) of the group; NaN where the answer set has no valid NKI.
    factors : array_like, shape (n, p)
        Per-answer-set factor indices, columns in the order of ``factor_names``; NaN where
        a factor was not answered.
    factor_names : sequence of str, default :data:`FACTORS`
        Name of each column of ``factors``.
    pooled_nki, pooled_factors : array_like, optional
        The pooled comparison set (e.g. every organisation's answer sets in the same area),
        used when the group has fewer than ``min_n`` complete answer sets or its own data
        are degenerate. Give both or neither.
    min_n : int, optional
        Complete answer sets the group needs for its own analysis; default
        :func:`default_min_n` of ``p`` (98 for six factors). ``0`` forces the own analysis.
    effect_step : float, default 5.0
        Rise in factor index (points) that ``effect`` refers to.
    confidence_level : float, default 0.95
        Coverage of the coefficient intervals, strictly between 0 and 1.

    Returns
    -------
    DriverAnalysis
        R², adjusted R², ``n``, one :class:`FactorDriver` per factor, and whether (and why)
        the pooled set was used.

    Raises
    ------
    ValueError
        If an argument is malformed (named in the message), if the group is below
        ``min_n`` and no pooled set is given, or if the data actually analysed are
        degenerate (:class:`DegenerateDataError`: too few complete rows, a constant
        factor or NKI, perfectly collinear factors).

    Notes
    -----
    *Missing values*: listwise deletion; an answer set enters only when its NKI and all
    ``p`` factor indices are present (``n_incomplete`` counts the others). This keeps R²,
    coefficients and relative weights on one common set of rows.

    *Model*: :math:`\\mathrm{NKI}_i = \\beta_0 + \\sum_j \\beta_j F_{ij} + e_i` by OLS
    (:func:`ols_fit`); effect of factor *j* is :math:`\\Delta \\cdot \\hat\\beta_j` with
    :math:`\\Delta` = ``effect_step``; relative importance is Johnson's raw weight
    :math:`\\varepsilon_j` (:func:`relative_weights_from_correlations`), with
    :math:`\\sum_j \\varepsilon_j = R^2`, and the rescaled weight
    :math:`\\varepsilon_j / R^2`.

    *Pooled fallback*: with fewer than ``min_n`` complete answer sets, or degenerate own
    data, the regression runs on the pooled set and ``pooled`` is True with the reason.
    The threshold ``50 + 8p`` is Green's (1991) rule for a regression with ``p`` predictors.

    References
    ----------
    .. [1] Johnson, J. W. (2000). A heuristic method for estimating the relative weight of
       predictor variables in multiple regression. *Multivariate Behavioral Research*,
       35(1), 1–19.
    .. [2] Green, S. B. (1991). How many subjects does it take to do a regression
       analysis? *Multivariate Behavioral Research*, 26(3), 499–510.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(7)
    >>> f = rng.uniform(40, 100, size=(400, 6))
    >>> nki = 5 + f @ np.array([0.3, 0.05, 0.1, 0.1, 0.05, 0.3]) + rng.normal(0, 5, 400)
    >>> result = driver_analysis(nki, f)
    >>> result.pooled, result.n
    (False, 400)
    >>> round(result.driver("effektivitet").effect, 1)  # true effect 5 × 0.3 = 1.5
    1.4
    >>> small = driver_analysis(nki[:40], f[:40], pooled_nki=nki, pooled_factors=f)
    >>> small.pooled, small.own_n, small.n
    (True, 40, 400)
    """
    if not 0 < confidence_level < 1:
        raise ValueError(
            f"confidence_level: must lie strictly between 0 and 1, got {confidence_level}"
        )
    if not np.isfinite(effect_step) or effect_step <= 0:
        raise ValueError(f"effect_step: must be a positive number, got {effect_step}")
    names = tuple(factor_names)
    if len(set(names)) != len(names) or not names:
        raise ValueError("factor_names: must be non-empty and unique")
    y, x = _as_data(nki, factors, y_name="nki", x_name="factors")
    if x.shape[1] != len(names):
        raise ValueError(f"factors: has {x.shape[1]} columns but factor_names has {len(names)}")
    threshold = default_min_n(len(names)) if min_n is None else min_n
    if threshold < 0:
        raise ValueError(f"min_n: must be non-negative, got {min_n}")
    if (pooled_nki is None) != (pooled_factors is None):
        raise ValueError("pooled_nki: give pooled_nki and pooled_factors together")
    y_own, x_own = _complete(y, x)
    own_n = y_own.shape[0]

    reason: str | None = None
    if own_n < threshold:
        reason = f"{own_n} complete answer sets, fewer than min_n = {threshold}"
    else:
        try:
            fit, drivers = _analyse(
                y_own,
                x_own,
                names=names,
                y_name="nki",
                x_name="factors",
                effect_step=effect_step,
                confidence_level=confidence_level,
            )
        except DegenerateDataError as error:
            if pooled_nki is None:
                raise
            reason = f"own data degenerate: {error}"
        else:
            return DriverAnalysis(
                drivers=drivers,
                intercept=fit.intercept,
                r_squared=fit.r_squared,
                adjusted_r_squared=fit.adjusted_r_squared,
                n=own_n,
                n_incomplete=y.shape[0] - own_n,
                own_n=own_n,
                pooled=False,
                pooled_reason=None,
                min_n=threshold,
                effect_step=effect_step,
                confidence_level=confidence_level,
            )
    if pooled_nki is None or pooled_factors is None:
        raise ValueError(f"pooled_nki: needed, the group has {reason}")
    py, px = _as_data(pooled_nki, pooled_factors, y_name="pooled_nki", x_name="pooled_factors")
    if px.shape[1] != len(names):
        raise ValueError(
            f"pooled_factors: has {px.shape[1]} columns but factor_names has {len(names)}"
        )
    py_c, px_c = _complete(py, px)
    fit, drivers = _analyse(
        py_c,
        px_c,
        names=names,
        y_name="pooled_nki",
        x_name="pooled_factors",
        effect_step=effect_step,
        confidence_level=confidence_level,
    )
    return DriverAnalysis(
        drivers=drivers,
        intercept=fit.intercept,
        r_squared=fit.r_squared,
        adjusted_r_squared=fit.adjusted_r_squared,
        n=py_c.shape[0],
        n_incomplete=py.shape[0] - py_c.shape[0],
        own_n=own_n,
        pooled=True,
        pooled_reason=reason,
        min_n=threshold,
        effect_step=effect_step,
        confidence_level=confidence_level,
    )
