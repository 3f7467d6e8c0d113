from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    ASSOCIATION = "association", _("Association of municipalities")
    NETWORK = "network", _("Network")


class IndexKind(models.TextChoices):
    NKI = "nki", _("NKI (customer satisfaction index)")
    NUI = "nui", _("NUI (procurement satisfaction index)")
    NONE = "none", _("No index (stories only)")
