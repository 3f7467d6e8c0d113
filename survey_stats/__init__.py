"""Statistics core of Servicepuls: NKI indices, intervals, change, rankings and drivers.

A pure package: it imports neither Django nor the Servicepuls apps.
"""

# Driver analysis, priority matrix, outcome adjustment and shrinkage (branch stats-models).
from survey_stats.bands import BANDS, Band, grade_band
from survey_stats.canonical import (
    AnswerTable,
    CanonicalCsvError,
    canonical_header,
    parse_item_column,
    read_canonical_csv,
)
from survey_stats.change import (
    Change,
    ChangeDirection,
    welch_change,
    welch_change_from_stats,
    welch_tests_from_stats,
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
from survey_stats.groups import (
    MIN_GROUP_SIZE,
    GroupResult,
    GroupTable,
    Key,
    group_results,
    group_table,
    summarise,
    summarise_from_stats,
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
from survey_stats.intervals import (
    ConfidenceInterval,
    MeanEstimate,
    SufficientStatistics,
    bca_interval,
    mean_estimate,
    mean_estimate_from_stats,
    t_intervals_from_stats,
)
from survey_stats.priority import PriorityMatrix, Quadrant, priority_matrix
from survey_stats.ranking import (
    Ineligibility,
    RankedGroup,
    Ranking,
    RankMethod,
    bootstrap_rank_intervals,
    competition_ranks,
    rank_groups,
    sampling_rank_intervals,
    total_eligibility,
)
from survey_stats.shrinkage import ShrinkageResult, empirical_bayes_shrinkage
from survey_stats.standardisation import (
    OutcomeAdjustedNki,
    outcome_adjusted_nki,
    reference_outcome_mix,
)
from survey_stats.total import design_counts_in_total, total_table

__all__ = [
    "BANDS",
    "DEFAULT_SCALE",
    "FACTORS",
    "MIN_GROUP_SIZE",
    "NKI_ITEMS",
    "AnswerTable",
    "Band",
    "CanonicalCsvError",
    "Change",
    "ChangeDirection",
    "ConfidenceInterval",
    "DegenerateDataError",
    "DriverAnalysis",
    "FactorDriver",
    "GroupResult",
    "GroupTable",
    "Ineligibility",
    "Key",
    "MeanEstimate",
    "OutcomeAdjustedNki",
    "PriorityMatrix",
    "Quadrant",
    "RankMethod",
    "RankedGroup",
    "Ranking",
    "Scale",
    "ShrinkageResult",
    "SufficientStatistics",
    "answer_set_factor_index",
    "answer_set_nki",
    "bca_interval",
    "bootstrap_rank_intervals",
    "canonical_header",
    "competition_ranks",
    "design_counts_in_total",
    "driver_analysis",
    "empirical_bayes_shrinkage",
    "factor_indices",
    "grade_band",
    "group_results",
    "group_table",
    "item_index",
    "item_indices",
    "mean_estimate",
    "mean_estimate_from_stats",
    "nki_indices",
    "ols_fit",
    "outcome_adjusted_nki",
    "parse_item_column",
    "priority_matrix",
    "rank_groups",
    "read_canonical_csv",
    "reference_outcome_mix",
    "relative_weights",
    "relative_weights_from_correlations",
    "sampling_rank_intervals",
    "summarise",
    "summarise_from_stats",
    "t_intervals_from_stats",
    "total_eligibility",
    "total_table",
    "welch_change",
    "welch_change_from_stats",
    "welch_tests_from_stats",
]
