from __future__ import annotations

from django.apps import AppConfig


class CeilingConfig(AppConfig):
    """The load test's ceiling: the cheapest possible write on the product's stack."""

    name = "proof.ceiling"
    default_auto_field = "django.db.models.BigAutoField"
