"""Staff accounts. Members of the public never have an account."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from servicepuls.accounts.choices import Role
from servicepuls.common.models import BaseModel
from servicepuls.organisations.choices import OrganisationKind


class User(AbstractUser):
    """A member of staff of exactly one organisation, with one role there.

    Superusers (support staff) may have no organisation: they use Django's admin only and
    see no staff pages. Single sign-on attaches identities through ``ExternalIdentity``,
    so adding OIDC or SAML later needs no change to this model.
    """

    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    department = models.ForeignKey(
        "organisations.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("department"),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True, role="")
                | Q(organisation__isnull=False) & ~Q(role=""),
                name="user_role_iff_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.DEPARTMENT) | Q(department__isnull=False),
                name="user_department_contact_has_department",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.department is not None and self.department.organisation_id != self.organisation_id:
            raise ValidationError(
                {"department": _("The department belongs to another organisation.")}
            )
        if (
            self.role == Role.NATIONAL
            and self.organisation
            and self.organisation.kind != OrganisationKind.NETWORK
        ):
            raise ValidationError({"role": _("National analysts belong to a network.")})

    @property
    def is_organisation_staff(self) -> bool:
        """Whether the user works in an organisation (and so may use the staff pages)."""
        return self.is_active and self.organisation_id is not None and bool(self.role)


class ExternalIdentity(BaseModel):
    """A login identity from an external provider (OIDC ``sub`` or SAML NameID)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    provider = models.CharField(_("provider"), max_length=60)
    subject = models.CharField(_("subject"), max_length=255)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="external_identity_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject}"
