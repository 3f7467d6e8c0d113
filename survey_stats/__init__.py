"""Statistics core of Servicepuls: NKI indices, intervals, change, rankings and drivers.

A pure package: it imports neither Django nor the Servicepuls apps.
"""

# Driver analysis, priority matrix, outcome adjustment and shrinkage (branch stats-models).
from survey_stats.canonical import (
    AnswerTable,
    CanonicalCsvError,
    canonical_header,
    parse_item_column,
    read_canonical_csv,
)
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
from survey_stats.indices import (
    DEFAULT_SCALE,
    NKI_ITEMS,
    Scale,
    answer_set_factor_index,
    answer_set_nki,
    factor_indices,
    item_index,
    item_indices,
    nki_indices,
)
from survey_stats.priority import PriorityMatrix, Quadrant, priority_matrix
from survey_stats.shrinkage import ShrinkageResult, empirical_bayes_shrinkage
from survey_stats.standardisation import (
    OutcomeAdjustedNki,
    outcome_adjusted_nki,
    reference_outcome_mix,
)

__all__ = [
    "DEFAULT_SCALE",
    "FACTORS",
    "NKI_ITEMS",
    "AnswerTable",
    "CanonicalCsvError",
    "DegenerateDataError",
    "DriverAnalysis",
    "FactorDriver",
    "OutcomeAdjustedNki",
    "PriorityMatrix",
    "Quadrant",
    "Scale",
    "ShrinkageResult",
    "answer_set_factor_index",
    "answer_set_nki",
    "canonical_header",
    "driver_analysis",
    "empirical_bayes_shrinkage",
    "factor_indices",
    "item_index",
    "item_indices",
    "nki_indices",
    "ols_fit",
    "outcome_adjusted_nki",
    "parse_item_column",
    "priority_matrix",
    "read_canonical_csv",
    "reference_outcome_mix",
    "relative_weights",
    "relative_weights_from_correlations",
]
