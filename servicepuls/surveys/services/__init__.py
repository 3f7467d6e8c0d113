"""Every write of the surveys app, one module per concept, re-exported here."""

from servicepuls.surveys.services.answers import (
    AnswerSetInput,
    StoreResult,
    survey_answer_build,
    survey_answers_store,
)

__all__ = [
    "AnswerSetInput",
    "StoreResult",
    "survey_answer_build",
    "survey_answers_store",
]
