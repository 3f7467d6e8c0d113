"""Closed cases (ärenden) and their contact details, which are stored apart."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from servicepuls.common.models import BaseModel
from servicepuls.organisations.models import AuthorityArea, Department, Organisation
from servicepuls.surveys.choices import CaseSource, Outcome, Respondent


class Case(BaseModel):
    """One matter handled for one customer; a decided case may be invited to the survey.

    Contact details live in ``CaseContact`` so that they can be erased after the
    organisation's retention period without touching the case or its answers.
    ``handling_days`` is derived by ``case_handling_days`` when the case is stored.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="cases", verbose_name=_("organisation")
    )
    external_id = models.CharField(_("case id"), max_length=100)
    area = models.ForeignKey(
        AuthorityArea, on_delete=models.PROTECT, related_name="cases", verbose_name=_("area")
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("department"),
    )
    respondent = models.CharField(_("respondent"), max_length=10, choices=Respondent.choices)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        help_text=_("The business's organisation number (businesses only)."),
    )
    received_on = models.DateField(_("received"), null=True, blank=True)
    completed_on = models.DateField(_("complete"), null=True, blank=True)
    decided_on = models.DateField(_("decided"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, blank=True, default=""
    )
    fee = models.DecimalField(
        _("fee (SEK)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    handling_days = models.PositiveIntegerField(
        _("handling time (days)"),
        null=True,
        blank=True,
        help_text=_("Days from a complete application (or receipt) to the decision."),
    )
    source = models.CharField(_("source"), max_length=10, choices=CaseSource.choices)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-decided_on", "external_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="case_unique_external_id"
            ),
            models.CheckConstraint(
                condition=Q(respondent="business") | Q(organisation_number=""),
                name="case_orgnr_only_for_businesses",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "area", "decided_on"])]

    def __str__(self) -> str:
        return self.external_id


class CaseContact(BaseModel):
    """Personal data of a case, kept apart and erased after the retention period."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="contact", verbose_name=_("case")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    erase_after = models.DateField(_("erase after"), db_index=True)

    class Meta:
        verbose_name = _("case contact")
        verbose_name_plural = _("case contacts")

    def __str__(self) -> str:
        return f"contact of case {self.case_id}"


class CaseApiToken(BaseModel):
    """A token with which an organisation's case system pushes closed cases (hash only)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="case_api_tokens",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    prefix = models.CharField(_("token prefix"), max_length=8)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("case API token")
        verbose_name_plural = _("case API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
