"""Statistics core of Servicepuls: NKI indices, intervals, change, rankings and drivers.

A pure package: it imports neither Django nor the Servicepuls apps.
"""

# Driver analysis, priority matrix, outcome adjustment and shrinkage (branch stats-models).
from survey_stats.drivers import (
    FACTORS,
    DegenerateDataError,
    DriverAnalysis,
    FactorDriver,
    driver_analysis,
    ols_fit,
    relative_weights,
    relative_weights_from_correlations,
)
from survey_stats.priority import PriorityMatrix, Quadrant, priority_matrix
from survey_stats.shrinkage import ShrinkageResult, empirical_bayes_shrinkage
from survey_stats.standardisation import (
    OutcomeAdjustedNki,
    outcome_adjusted_nki,
    reference_outcome_mix,
)

__all__ = [
    "FACTORS",
    "DegenerateDataError",
    "DriverAnalysis",
    "FactorDriver",
    "OutcomeAdjustedNki",
    "PriorityMatrix",
    "Quadrant",
    "ShrinkageResult",
    "driver_analysis",
    "empirical_bayes_shrinkage",
    "ols_fit",
    "outcome_adjusted_nki",
    "priority_matrix",
    "reference_outcome_mix",
    "relative_weights",
    "relative_weights_from_correlations",
]
