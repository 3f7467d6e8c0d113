"""Stored answer sets (one respondent's answers), from the survey, vendor imports or demo."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from servicepuls.common.models import BaseModel
from servicepuls.organisations.models import AuthorityArea, Organisation
from servicepuls.surveys.choices import AnswerSource, Outcome, Respondent
from servicepuls.surveys.models.cases import Case
from servicepuls.surveys.models.invitations import Invitation
from servicepuls.surveys.models.questionnaires import QuestionnaireVersion


class SurveyAnswer(BaseModel):
    """One answer set, with its derived per-answer-set indices (DESIGN §4).

    ``items`` maps canonical item columns (``information_1`` … ``nki_ideal``) to an integer
    on ``scale_low..scale_high`` or ``None`` ("vet ej" / not answered). The derived columns
    (``nki`` and one per service factor) are ``None`` when missing, never zero; they are
    computed by ``servicepuls.surveys.scoring`` whenever ``items`` is written.
    ``comment`` holds redacted text only. An answer keeps the questionnaire version it
    answered, so changing a questionnaire never changes stored answers.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="survey_answers",
        verbose_name=_("organisation"),
    )
    area = models.ForeignKey(
        AuthorityArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    closed_on = models.DateField(_("case closed"), null=True, blank=True)
    respondent = models.CharField(_("respondent"), max_length=10, choices=Respondent.choices)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, blank=True, default=""
    )
    source = models.CharField(_("source"), max_length=10, choices=AnswerSource.choices)
    external_id = models.CharField(_("answer id"), max_length=100)
    items = models.JSONField(_("item answers"), default=dict)
    scale_low = models.SmallIntegerField(_("scale low end"), default=1)
    scale_high = models.SmallIntegerField(_("scale high end"), default=10)
    nki = models.FloatField(_("NKI"), null=True, blank=True)
    information = models.FloatField(_("information"), null=True, blank=True)
    tillganglighet = models.FloatField(_("accessibility"), null=True, blank=True)
    bemotande = models.FloatField(_("treatment"), null=True, blank=True)
    kompetens = models.FloatField(_("competence"), null=True, blank=True)
    rattssakerhet = models.FloatField(_("legal certainty"), null=True, blank=True)
    effektivitet = models.FloatField(_("efficiency"), null=True, blank=True)
    background = models.JSONField(
        _("background answers"),
        default=dict,
        blank=True,
        help_text=_("Fee explained, fee reasonable, industry and company size."),
    )
    comment = models.TextField(_("comment (redacted)"), blank=True)
    case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
        verbose_name=_("case"),
    )
    invitation = models.OneToOneField(
        Invitation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answer",
        verbose_name=_("invitation"),
    )
    questionnaire_version = models.ForeignKey(
        QuestionnaireVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("questionnaire version"),
    )
    submitted_at = models.DateTimeField(_("submitted"), db_index=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="survey_answer_unique_external_id"
            ),
            models.CheckConstraint(
                condition=models.Q(scale_high__gt=models.F("scale_low")),
                name="survey_answer_scale_ordered",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "area", "year", "respondent"])]

    def __str__(self) -> str:
        return f"{self.external_id} ({self.year})"
