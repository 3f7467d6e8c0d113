"""The ``servicepuls`` console script: Django's management commands, from any folder.

Embedded mode (``config.django.local``) is the default; set ``DJANGO_SETTINGS_MODULE`` to
``config.django.production`` on servers.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. ``servicepuls nki compute answers.csv``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["servicepuls", *(sys.argv[1:] if argv is None else argv)])
