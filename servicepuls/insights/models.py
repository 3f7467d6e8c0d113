"""Results imported from published sources, shown beside Servicepuls's own measurements.

Values imported here never mix with computed results: every page marks them as imported
and names their source.
"""

from __future__ import annotations

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
