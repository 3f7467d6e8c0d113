"""Writes of the insights domain: published results, answer aggregates and reports."""

from servicepuls.insights.services.aggregates import (
    answer_aggregates_rebuild,
    answer_aggregates_refresh,
)
from servicepuls.insights.services.external import (
    ImportSummary,
    business_climate_import,
    published_results_import,
)
from servicepuls.insights.services.reports import (
    steering_report_generate,
    steering_report_request,
)

__all__ = [
    "ImportSummary",
    "answer_aggregates_rebuild",
    "answer_aggregates_refresh",
    "business_climate_import",
    "published_results_import",
    "steering_report_generate",
    "steering_report_request",
]
