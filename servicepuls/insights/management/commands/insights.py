"""``servicepuls insights rebuild|generate`` – maintain aggregates; generate benchmark data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from servicepuls.insights.services import answer_aggregates_rebuild
from servicepuls.insights.services.generate import answers_generate
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

        generate = subcommands.add_parser(
            "generate", help="Insert invented answer sets (source demo) for benchmarks."
        )
        generate.add_argument("--answers", type=int, default=1_000_000)
        generate.add_argument("--organisations", type=int, default=300)
        generate.add_argument(
            "--years", default="2019-2026", help="First and last year, e.g. 2019-2026."
        )
        generate.add_argument("--seed", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "rebuild":
            self._rebuild(options["organisation"])
        elif options["subcommand"] == "generate":
            self._generate(options)

    def _generate(self, options: dict[str, Any]) -> None:
        if not getattr(settings, "SERVICEPULS_DEMO_ALLOWED", False):
            raise CommandError("generate: invented answers are refused under these settings")
        first, _, last = str(options["years"]).partition("-")
        if not (first.isdigit() and last.isdigit() and 2000 <= int(first) <= int(last) <= 2100):
            raise CommandError(
                f"--years: expected FIRST-LAST such as 2019-2026, got {options['years']!r}"
            )
        if options["answers"] < 1 or not 1 <= options["organisations"] <= 10_000:
            raise CommandError("--answers must be ≥ 1 and --organisations between 1 and 10000")
        summary = answers_generate(
            answers=options["answers"],
            organisations=options["organisations"],
            years=(int(first), int(last)),
            seed=options["seed"],
        )
        self.stdout.write(
            f"{summary.answers} answer sets for {summary.organisations} organisations; "
            f"{summary.aggregate_rows} aggregate rows."
        )

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
