"""``servicepuls insights rebuild`` – recompute the answer aggregates from the answers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from servicepuls.insights.services import answer_aggregates_rebuild
from servicepuls.organisations.models import Organisation


class Command(BaseCommand):
    help = "Maintain the insights aggregates: rebuild them from the stored answers."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        rebuild = subcommands.add_parser("rebuild", help="Recompute the answer aggregates.")
        rebuild.add_argument(
            "--organisation",
            action="append",
            default=[],
            metavar="CODE",
            help="Only this organisation (kommunkod or code); repeatable.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "rebuild":
            self._rebuild(options["organisation"])

    def _rebuild(self, codes: list[str]) -> None:
        ids = None
        if codes:
            found = dict(Organisation.objects.filter(code__in=codes).values_list("code", "id"))
            missing = [code for code in codes if code not in found]
            if missing:
                raise CommandError(f"--organisation: unknown organisation {missing[0]!r}")
            ids = list(found.values())
        rows = answer_aggregates_rebuild(organisation_ids=ids)
        self.stdout.write(f"{rows} aggregate rows written.")
