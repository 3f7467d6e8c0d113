"""Models of the surveys app, one module per concept, re-exported here."""

from servicepuls.surveys.models.answers import SurveyAnswer
from servicepuls.surveys.models.cases import Case, CaseApiToken, CaseContact
from servicepuls.surveys.models.imports import ColumnMapping, DataImport
from servicepuls.surveys.models.invitations import Invitation, InvitationSchedule, SurveyOptOut
from servicepuls.surveys.models.questionnaires import Questionnaire, QuestionnaireVersion

__all__ = [
    "Case",
    "CaseApiToken",
    "CaseContact",
    "ColumnMapping",
    "DataImport",
    "Invitation",
    "InvitationSchedule",
    "Questionnaire",
    "QuestionnaireVersion",
    "SurveyAnswer",
    "SurveyOptOut",
]
