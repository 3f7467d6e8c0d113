"""``servicepuls demo [--if-empty]``: load the demo data set (embedded mode only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from servicepuls.common.demo import DEMO_LOGINS, DemoNotAllowedError, demo_is_loaded, demo_load


class Command(BaseCommand):
    help = "Load the demo organisations, users, answers, stories and actions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the demo data is already loaded."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and demo_is_loaded():
            self.stdout.write("Demo data already loaded.")
        else:
            try:
                demo_load()
            except DemoNotAllowedError as error:
                raise CommandError(error.message) from error
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("Demo logins (password = username):")
        for username, description in DEMO_LOGINS:
            self.stdout.write(f"  {username:<18} {description}")
