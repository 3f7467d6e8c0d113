"""``servicepuls stories person export|erase``: one person's data, for Admin on the server."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from servicepuls.organisations.models import Organisation
from servicepuls.stories.errors import StoriesError
from servicepuls.stories.privacy import person_data_erase, person_data_export


class Command(BaseCommand):
    help = "Export or erase the personal data of one person who shared stories."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="topic", required=True)
        person = subcommands.add_parser("person", help="One person's data (GDPR art. 15 and 17).")
        person.add_argument("action", choices=["export", "erase"])
        person.add_argument(
            "--organisation", required=True, help="Organisation code, e.g. the kommunkod 0136."
        )
        person.add_argument("--email", default="", help="The e-mail address the person gave.")
        person.add_argument("--reference", default="", help="A story's reference number.")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["organisation"]
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise CommandError(f"--organisation: no organisation has the code {code!r}.")
        lookup = {"email": options["email"], "reference": options["reference"]}
        try:
            if options["action"] == "export":
                data = person_data_export(organisation_id=organisation.pk, actor=None, **lookup)
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                references = person_data_erase(
                    organisation_id=organisation.pk, actor=None, **lookup
                )
                self.stdout.write(
                    f"Erased personal data from {len(references)} stories: "
                    + (", ".join(references) or "none")
                )
        except StoriesError as error:
            raise CommandError(error.message) from error
