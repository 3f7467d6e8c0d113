from servicepuls.common.errors import ApplicationError


class InsightsError(ApplicationError):
    code = "insights_error"


class ExternalResultsImportError(InsightsError):
    """A published-results file is not valid; the message names file, line and column."""

    code = "external_results_invalid"
