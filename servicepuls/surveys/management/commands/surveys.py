"""``servicepuls surveys import-cases | import-answers | export-answers``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from servicepuls.organisations.models import Organisation
from servicepuls.surveys.choices import ImportKind, ImportStatus
from servicepuls.surveys.errors import ImportFileError
from servicepuls.surveys.models import ColumnMapping, DataImport
from servicepuls.surveys.selectors import answers_canonical_csv_write, survey_answer_list
from servicepuls.surveys.services.imports import data_import_create, data_import_run


class Command(BaseCommand):
    help = "Import cases or vendor answer sets, or export stored answers as canonical CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        cases = subcommands.add_parser(
            "import-cases", help="Import closed cases from a CSV or Excel export."
        )
        cases.add_argument("file", type=Path)
        cases.add_argument("--organisation", required=True, help="Organisation code, e.g. 0136.")
        cases.add_argument("--mapping", default="", help="Name of a saved column mapping.")
        answers = subcommands.add_parser(
            "import-answers", help="Import answer sets in the canonical CSV (DESIGN §6)."
        )
        answers.add_argument("file", type=Path)
        answers.add_argument("--organisation", required=True, help="Organisation code.")
        answers.add_argument("--scale", default="1-10", help="Answer scale, e.g. 1-10.")
        export = subcommands.add_parser(
            "export-answers", help="Write stored answers as canonical CSV (to stdout or --out)."
        )
        export.add_argument("--organisation", default="", help="Only this organisation code.")
        export.add_argument("--year", type=int, default=None)
        export.add_argument("--respondent", choices=["business", "private"], default=None)
        export.add_argument("--out", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "export-answers":
            self._export(options)
            return
        organisation = self._organisation(options["organisation"])
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror})") from error
        mapping = None
        if options.get("mapping"):
            mapping = ColumnMapping.objects.filter(
                organisation=organisation, name=options["mapping"]
            ).first()
            if mapping is None:
                raise CommandError(f"No saved column mapping named {options['mapping']!r}.")
        kind = ImportKind.CASES if options["subcommand"] == "import-cases" else ImportKind.ANSWERS
        try:
            data_import = data_import_create(
                organisation=organisation,
                kind=kind,
                filename=str(path),
                data=data,
                mapping=mapping,
                scale=options.get("scale") or "1-10",
            )
        except ImportFileError as error:
            raise CommandError(error.message) from error
        DataImport.objects.filter(pk=data_import.pk).update(status=ImportStatus.QUEUED)
        data_import.refresh_from_db()
        data_import = data_import_run(data_import=data_import, on_progress=self._progress)
        self.stderr.write("")
        if data_import.status != ImportStatus.SUCCEEDED:
            first = data_import.errors[0]
            raise CommandError(
                f"{path}, line {first['row']}, column {first['column']}: {first['message']}"
                f" ({len(data_import.errors)} problem(s) reported; nothing was imported)"
            )
        self.stdout.write(
            f"{data_import.created_count} created, {data_import.updated_count} updated."
        )

    def _progress(self, processed: int, total: int) -> None:
        percent = processed * 100 // total if total else 100
        self.stderr.write(f"\rValidating: {processed}/{total} rows ({percent} %)", ending="")
        self.stderr.flush()

    def _organisation(self, code: str) -> Organisation:
        try:
            return Organisation.objects.get(code=code)
        except Organisation.DoesNotExist:
            raise CommandError(f"No organisation with code {code!r}.") from None

    def _export(self, options: dict[str, Any]) -> None:
        organisation = (
            self._organisation(options["organisation"]) if options["organisation"] else None
        )
        answers = survey_answer_list(
            organisation_ids=[organisation.pk] if organisation else None,
            years=[options["year"]] if options["year"] else None,
            respondent=options["respondent"],
        )
        out: Path | None = options["out"]
        if out is None:
            answers_canonical_csv_write(answers, sys.stdout)
            return
        with out.open("w", encoding="utf-8", newline="") as handle:
            count = answers_canonical_csv_write(answers, handle)
        self.stdout.write(f"{count} answer sets written to {out}.")
