"""Results imported from published sources, shown beside Servicepuls's own measurements.

Values imported here never mix with computed results: every page marks them as imported
and names their source.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from servicepuls.common.models import BaseModel


class PublishedResult(BaseModel):
    """A published NKI value (e.g. SKR's Insikt via the national statistics portal).

    ``organisation`` empty means the national figure; ``area`` empty means the total NKI.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="published_results",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    area = models.ForeignKey(
        "organisations.AuthorityArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_results",
        verbose_name=_("area"),
    )
    value = models.FloatField(_("value"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    n = models.PositiveIntegerField(_("answers"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=120)

    class Meta:
        verbose_name = _("published result")
        verbose_name_plural = _("published results")
        ordering = ["year"]
        constraints = [
            # Empty organisation (national) and empty area (total) count as values here.
            models.UniqueConstraint(
                Coalesce("organisation", Value(0)),
                "year",
                Coalesce("area", Value(0)),
                "source",
                name="published_result_unique",
            ),
        ]
        indexes = [models.Index(fields=["area", "year"])]

    def __str__(self) -> str:
        return f"{self.organisation or _('Sweden')} {self.year} {self.area or _('total')}: {self.value}"


class BusinessClimateResult(BaseModel):
    """Svenskt Näringsliv's local business-climate survey for one municipality and year.

    Answers are on a 1–6 scale; ``factor_means`` maps each question's slug to its mean.
    ``organisation`` empty means the mean over all municipalities.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="business_climate_results",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    summary_rating = models.FloatField(
        _("summary rating (1–6)"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    n = models.PositiveIntegerField(_("answers"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    factor_means = models.JSONField(_("question means"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=120, default="Svenskt Näringsliv")

    class Meta:
        verbose_name = _("business climate result")
        verbose_name_plural = _("business climate results")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                Coalesce("organisation", Value(0)), "year", name="business_climate_unique"
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1),
                name="business_climate_rank_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or _('Sweden')} {self.year}: {self.summary_rating}"


MEASURES: tuple[str, ...] = (
    "nki",
    "information",
    "tillganglighet",
    "bemotande",
    "kompetens",
    "rattssakerhet",
    "effektivitet",
)
"""NKI and the six service factors (survey_stats.drivers.FACTORS), as stored per answer set."""


class AnswerAggregate(BaseModel):
    """Sufficient statistics of the answer sets of one organisation × area × year × group.

    For each measure (NKI and the six factor indices) the row holds the count of valid
    per-answer-set values, their sum and their sum of squares, from which the mean, the
    standard deviation and the Student-t interval follow exactly (``survey_stats.groups``).
    Rows are derived data: ``servicepuls.insights.services.answer_aggregates_refresh`` recomputes
    them from the answers whenever answers are stored, and ``servicepuls insights rebuild``
    recomputes all of them. Pages read these rows, never the answers.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="answer_aggregates"
    )
    area = models.ForeignKey(
        "organisations.AuthorityArea", on_delete=models.CASCADE, related_name="answer_aggregates"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    respondent = models.CharField(_("respondent"), max_length=10)
    outcome = models.CharField(_("outcome"), max_length=10, blank=True)
    answers = models.PositiveIntegerField(_("answer sets"), default=0)
    nki_n = models.PositiveIntegerField(default=0)
    nki_sum = models.FloatField(default=0.0)
    nki_sumsq = models.FloatField(default=0.0)
    information_n = models.PositiveIntegerField(default=0)
    information_sum = models.FloatField(default=0.0)
    information_sumsq = models.FloatField(default=0.0)
    tillganglighet_n = models.PositiveIntegerField(default=0)
    tillganglighet_sum = models.FloatField(default=0.0)
    tillganglighet_sumsq = models.FloatField(default=0.0)
    bemotande_n = models.PositiveIntegerField(default=0)
    bemotande_sum = models.FloatField(default=0.0)
    bemotande_sumsq = models.FloatField(default=0.0)
    kompetens_n = models.PositiveIntegerField(default=0)
    kompetens_sum = models.FloatField(default=0.0)
    kompetens_sumsq = models.FloatField(default=0.0)
    rattssakerhet_n = models.PositiveIntegerField(default=0)
    rattssakerhet_sum = models.FloatField(default=0.0)
    rattssakerhet_sumsq = models.FloatField(default=0.0)
    effektivitet_n = models.PositiveIntegerField(default=0)
    effektivitet_sum = models.FloatField(default=0.0)
    effektivitet_sumsq = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("answer aggregate")
        verbose_name_plural = _("answer aggregates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "area", "year", "respondent", "outcome"],
                name="answer_aggregate_unique_key",
            ),
        ]
        indexes = [models.Index(fields=["year", "area"], name="answer_aggregate_year_area")]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.area_id}/{self.year}/{self.respondent}/{self.outcome}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class SteeringReport(BaseModel):
    """A steering-group report for one organisation and year, generated in the background."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="steering_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    error = models.CharField(_("error"), max_length=300, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/%Y/", blank=True)
    xlsx = models.FileField(_("Excel"), upload_to="reports/%Y/", blank=True)

    class Meta:
        verbose_name = _("steering-group report")
        verbose_name_plural = _("steering-group reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year} ({self.status})"
