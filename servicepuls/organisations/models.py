"""Organisations that own data, their departments, and the authority areas they measure."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from servicepuls.common.models import BaseModel
from servicepuls.organisations.choices import IndexKind, OrganisationKind


class Organisation(BaseModel):
    """A municipality, an association of municipalities (kommunalförbund) or a network.

    Municipalities carry their four-digit kommunkod as ``code``; other organisations get a
    code of their own (letters allowed). Every organisation-owned row points here.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    county = models.CharField(_("county"), max_length=60, blank=True)
    is_active = models.BooleanField(
        _("uses Servicepuls"),
        default=False,
        help_text=_("Whether the organisation runs its own surveys and stories in Servicepuls."),
    )
    retention_days = models.PositiveIntegerField(
        _("retention of contact details (days)"),
        default=365,
        help_text=_("Contact details of stories and cases are erased this many days after use."),
    )
    members = models.ManyToManyField(
        "self",
        through="Membership",
        through_fields=("parent", "member"),
        symmetrical=False,
        related_name="memberships_of",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=OrganisationKind.MUNICIPALITY) | Q(code__regex=r"^[0-9]{4}$"),
                name="organisation_municipality_code_is_kommunkod",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_municipality(self) -> bool:
        return self.kind == OrganisationKind.MUNICIPALITY


class Membership(BaseModel):
    """A municipality's membership of an association or network, optionally time-boxed.

    For an association, ``areas`` are the authority areas it handles on behalf of the
    member (for example fire safety); its results count for the member in those areas.
    """

    parent = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="member_links",
        verbose_name=_("association or network"),
    )
    member = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="parent_links",
        verbose_name=_("member"),
    )
    valid_from_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    valid_to_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    areas: models.ManyToManyField[AuthorityArea, Membership] = models.ManyToManyField(
        "AuthorityArea", blank=True, verbose_name=_("areas handled")
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["parent", "member"], name="membership_unique_pair"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("member")), name="membership_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.parent}"


class AuthorityArea(BaseModel):
    """A myndighetsområde such as bygglov; national areas have no organisation.

    An organisation may add optional areas of its own (``organisation`` set). Whether an
    area counts in the total NKI is data (``AreaTotalRule``), not code.
    """

    slug = models.SlugField(_("slug"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    index_kind = models.CharField(
        _("index"), max_length=10, choices=IndexKind.choices, default=IndexKind.NKI
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_areas",
        verbose_name=_("organisation (optional areas only)"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("authority area")
        verbose_name_plural = _("authority areas")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(organisation__isnull=True),
                name="area_national_slug_unique",
            ),
            models.UniqueConstraint(fields=["organisation", "slug"], name="area_org_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def counts_in_total(self, year: int) -> bool:
        """Whether answers in this area count in the total NKI of ``year``."""
        return any(rule.covers(year) for rule in self.total_rules.all())


class AreaTotalRule(BaseModel):
    """The years in which an area counts in the total NKI (open ends are unbounded)."""

    area = models.ForeignKey(AuthorityArea, on_delete=models.CASCADE, related_name="total_rules")
    valid_from_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    valid_to_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)

    class Meta:
        verbose_name = _("total NKI rule")
        verbose_name_plural = _("total NKI rules")

    def __str__(self) -> str:
        return f"{self.area}: {self.valid_from_year or '…'}–{self.valid_to_year or '…'}"

    def covers(self, year: int) -> bool:
        return (self.valid_from_year is None or year >= self.valid_from_year) and (
            self.valid_to_year is None or year <= self.valid_to_year
        )


class Department(BaseModel):
    """A förvaltning of an organisation; it owns areas and improvement actions."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    areas = models.ManyToManyField(
        AuthorityArea, blank=True, related_name="departments", verbose_name=_("areas")
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="department_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
