from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of DESIGN §1; the public has no account."""

    ADMIN = "admin", _("Administrator (business development unit)")
    ANALYST = "analyst", _("Analyst")
    STEERING = "steering", _("Steering group member")
    DEPARTMENT = "department", _("Department contact")
    NATIONAL = "national", _("National analyst")
