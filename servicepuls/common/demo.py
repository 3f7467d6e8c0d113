"""The demo data set, assembled from each app's ``demo.py``.

Each app may define ``seed_demo(context: DemoContext) -> None`` in a ``demo`` module. They
run in ``INSTALLED_APPS`` order (lower layers first) and share the context, so a higher app
finds the organisations and users that lower apps created. Demo data is clearly marked as
such and is refused under production settings.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction

from servicepuls.common.errors import ApplicationError
from servicepuls.common.models import DemoDataLoad

# Printed by ``make run`` and the demo command; each password equals the username.
DEMO_LOGINS: tuple[tuple[str, str], ...] = (
    ("demo-admin", "Admin (näringslivsenhet), Haninge"),
    ("demo-analytiker", "Analytiker, Haninge"),
    ("demo-styrgrupp", "Styrgruppsmedlem, Haninge"),
    ("demo-forvaltning", "Förvaltningskontakt (Samhällsbyggnadsförvaltningen), Haninge"),
    ("demo-nationell", "Nationell analytiker (nätverket Södertörnskommunerna)"),
)


class DemoNotAllowedError(ApplicationError):
    code = "demo_not_allowed"


@dataclass
class DemoContext:
    """What the apps' demo seeders share: created objects by key, and a seeded random source."""

    objects: dict[str, Any] = field(default_factory=dict)
    seed: int = 2026


def demo_seeders() -> list[Callable[[DemoContext], None]]:
    """Every app's ``seed_demo`` in INSTALLED_APPS order."""
    seeders = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        if config.name.startswith("servicepuls.") and importlib.util.find_spec(module_name):
            module = importlib.import_module(module_name)
            if hasattr(module, "seed_demo"):
                seeders.append(module.seed_demo)
    return seeders


def demo_is_loaded() -> bool:
    return DemoDataLoad.objects.exists()


@transaction.atomic
def demo_load() -> DemoContext:
    """Create the demo data set; refuse unless the settings allow demo data."""
    if not getattr(settings, "SERVICEPULS_DEMO_ALLOWED", False):
        raise DemoNotAllowedError("Demo data is refused under these settings (production).")
    context = DemoContext()
    for seed in demo_seeders():
        seed(context)
    DemoDataLoad.objects.create()
    return context
