"""``servicepuls nki compute FILE.csv [--by …] [--scale 1-10] [--format csv|json]``.

Reads the canonical answer-set CSV (``DESIGN.md`` §6) and prints one row per group; all the
statistics live in :mod:`survey_stats`. Bad input ends with a one-line error naming the file,
line and column, exit status 1, and nothing printed to standard output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from survey_stats.canonical import CanonicalCsvError, read_canonical_csv
from survey_stats.indices import DEFAULT_SCALE, Scale
from survey_stats.table import DEFAULT_BY, parse_by, results_csv, results_json


class Command(BaseCommand):
    help = "NKI statistics of answer sets in the canonical CSV format."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        compute = subcommands.add_parser(
            "compute", help="n, NKI, 95 % interval, band, suppression and factor indices per group"
        )
        compute.add_argument("file", type=Path, help="canonical answer-set CSV (UTF-8)")
        compute.add_argument(
            "--by",
            default=",".join(DEFAULT_BY),
            help="grouping columns, comma-separated (default: organisation,area,year)",
        )
        compute.add_argument(
            "--scale", default=str(DEFAULT_SCALE), help="answer scale low-high (default: 1-10)"
        )
        compute.add_argument("--format", choices=("csv", "json"), default="csv")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            by = parse_by(options["by"])
            scale = Scale.parse(options["scale"])
        except ValueError as error:
            message = str(error) if str(error).startswith("--") else f"--scale: {error}"
            raise CommandError(message) from error
        try:
            table = read_canonical_csv(options["file"], scale)
        except CanonicalCsvError as error:
            raise CommandError(str(error)) from error
        output = results_json(table, by) if options["format"] == "json" else results_csv(table, by)
        self.stdout.write(output, ending="" if output.endswith("\n") else "\n")
