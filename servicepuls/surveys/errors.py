"""Errors of the surveys app; ``message`` is safe to show to the user."""

from __future__ import annotations

from servicepuls.common.errors import ApplicationError


class SurveysError(ApplicationError):
    code = "surveys_error"


class QuestionnaireInvalidError(SurveysError):
    code = "questionnaire_invalid"


class ImportFileError(SurveysError):
    """The file cannot be read at all (format, encoding, size, header)."""

    code = "import_file_invalid"


class ImportRejectedError(SurveysError):
    """Rows failed validation; nothing was imported. ``extra["errors"]`` lists them."""

    code = "import_rejected"


class InvitationTokenError(SurveysError):
    """A survey link that is unknown, expired, opted out or already answered."""

    code = "invitation_token_invalid"

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message, {"reason": reason})
        self.reason = reason


class SurveyAlreadyAnsweredError(InvitationTokenError):
    code = "survey_already_answered"


class SurveyAnswerInvalidError(SurveysError):
    code = "survey_answer_invalid"


class ScheduleInvalidError(SurveysError):
    code = "invitation_schedule_invalid"
