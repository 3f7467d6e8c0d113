"""``servicepuls results import-published|import-business-climate FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from servicepuls.insights.errors import ExternalResultsImportError
from servicepuls.insights.services import business_climate_import, published_results_import


class Command(BaseCommand):
    help = "Import published results: NKI values (e.g. from the national statistics portal) or Svenskt Näringsliv's survey."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        published = subcommands.add_parser(
            "import-published", help="organisation,year,area,value,n"
        )
        published.add_argument("file", type=Path)
        published.add_argument(
            "--source", default="SKR Insikt", help="Where the figures were published."
        )
        climate = subcommands.add_parser(
            "import-business-climate",
            help="organisation,year,summary_rating,n,rank,<question means…>",
        )
        climate.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror})") from error
        try:
            if options["subcommand"] == "import-published":
                summary = published_results_import(
                    name=str(path), data=data, source=options["source"]
                )
            else:
                summary = business_climate_import(name=str(path), data=data)
        except ExternalResultsImportError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{summary.created} created, {summary.updated} updated.")
