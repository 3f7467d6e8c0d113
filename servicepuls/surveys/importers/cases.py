"""Case-system exports: the column mapping and the validation of every row."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from servicepuls.organisations.models import AuthorityArea, Department, Organisation
from servicepuls.surveys.errors import ImportFileError
from servicepuls.surveys.importers.tabular import Table
from servicepuls.surveys.importers.values import (
    date_parse,
    email_parse,
    fee_parse,
    organisation_number_parse,
    outcome_parse,
    phone_parse,
    respondent_parse,
    shown,
)
from servicepuls.surveys.services.cases import CaseInput

# Case fields a file can provide, with their labels and the headers recognised by default.
CASE_FIELDS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "external_id": (
        gettext_lazy("Case id"),
        ("external_id", "ärende-id", "ärendenummer", "diarienummer", "case_id", "id"),
    ),
    "area": (gettext_lazy("Area"), ("area", "område", "myndighetsområde", "verksamhet")),
    "department": (gettext_lazy("Department"), ("department", "förvaltning")),
    "respondent": (gettext_lazy("Respondent type"), ("respondent", "kundtyp", "sökandetyp", "typ")),
    "organisation_number": (
        gettext_lazy("Organisation number"),
        ("organisation_number", "orgnr", "organisationsnummer"),
    ),
    "email": (gettext_lazy("E-mail"), ("email", "e-post", "epost", "mejl")),
    "phone": (gettext_lazy("Phone"), ("phone", "telefon", "mobil", "telefonnummer")),
    "received_on": (gettext_lazy("Received"), ("received_on", "inkom", "inkommet", "ankomstdatum")),
    "completed_on": (gettext_lazy("Complete"), ("completed_on", "komplett", "komplett ansökan")),
    "decided_on": (gettext_lazy("Decided"), ("decided_on", "beslutsdatum", "beslutat", "avslutat")),
    "outcome": (gettext_lazy("Outcome"), ("outcome", "beslut", "utfall")),
    "fee": (gettext_lazy("Fee"), ("fee", "avgift")),
}
REQUIRED_FIELDS = ("external_id", "area", "respondent", "decided_on")
MAX_REPORTED_ERRORS = 200


def column_mapping_guess(header: list[str]) -> dict[str, str]:
    """Map each case field to the first header that names it (case-insensitive)."""
    by_name = {name.strip().lower(): name for name in header}
    mapping: dict[str, str] = {}
    for field_name, (_label, synonyms) in CASE_FIELDS.items():
        for synonym in synonyms:
            if synonym in by_name:
                mapping[field_name] = by_name[synonym]
                break
    return mapping


def column_mapping_check(*, table: Table, columns: Mapping[str, str]) -> None:
    """Raise ``ImportFileError`` unless every required field maps to a header of the file."""
    unknown = [name for name in columns if name not in CASE_FIELDS]
    if unknown:
        raise ImportFileError(_("Unknown case field: %(field)s.") % {"field": unknown[0]})
    for header in columns.values():
        if header and header not in table.header:
            raise ImportFileError(
                _("%(file)s: the mapped column “%(column)s” is not in the file.")
                % {"file": table.filename, "column": header}
            )
    for field_name in REQUIRED_FIELDS:
        if not columns.get(field_name):
            raise ImportFileError(
                _("%(file)s: no column is mapped to the required field “%(field)s”.")
                % {"file": table.filename, "field": CASE_FIELDS[field_name][0]}
            )


@dataclass
class CaseValidation:
    """The outcome of validating every row: parsed cases, or errors naming row and column."""

    cases: list[CaseInput] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append({"row": row, "column": column, "message": message})


class CaseLookups:
    """Areas and departments an organisation's file may name (by slug or name)."""

    def __init__(self, organisation: Organisation) -> None:
        self.areas: dict[str, int] = {}
        for area in AuthorityArea.objects.filter(
            Q(organisation__isnull=True) | Q(organisation=organisation)
        ):
            for key in (area.slug, area.name, area.name_en):
                if key:
                    self.areas.setdefault(key.strip().lower(), area.pk)
        self.departments: dict[str, int] = {}
        for department in Department.objects.filter(organisation=organisation):
            for key in (department.name, department.short_name):
                if key:
                    self.departments.setdefault(key.strip().lower(), department.pk)

    def area(self, text: str) -> int:
        try:
            return self.areas[text.strip().lower()]
        except KeyError:
            raise ValueError(
                _("“%(value)s” is not a known area.") % {"value": shown(text)}
            ) from None

    def department(self, text: str) -> int:
        try:
            return self.departments[text.strip().lower()]
        except KeyError:
            raise ValueError(
                _("“%(value)s” is not a department of the organisation.") % {"value": shown(text)}
            ) from None


@dataclass
class _RowReader:
    """Parses the cells of one row, recording each problem with its row and column."""

    row: list[str]
    line: int
    index: dict[str, int]
    columns: Mapping[str, str]
    result: CaseValidation
    values: dict[str, Any] = field(default_factory=dict)
    ok: bool = True

    def parse(
        self, field_name: str, parser: Callable[[str], Any], *, optional: bool = True
    ) -> None:
        position = self.index.get(field_name)
        text = self.row[position] if position is not None else ""
        if optional and not text:
            self.values[field_name] = None
            return
        try:
            self.values[field_name] = parser(text)
        except ValueError as error:
            self.ok = False
            self.result.add_error(self.line, self.columns.get(field_name, field_name), str(error))


def case_lookups_for(organisation: Organisation) -> CaseLookups:
    """Areas and departments the organisation's cases may name."""
    return CaseLookups(organisation)


def _required(text: str) -> str:
    if not text:
        raise ValueError(_("The value is missing."))
    if len(text) > 100:
        raise ValueError(_("The value is longer than 100 characters."))
    return text


def cases_validate(
    *,
    organisation: Organisation,
    table: Table,
    columns: Mapping[str, str],
    on_progress: Callable[[int], None] | None = None,
) -> CaseValidation:
    """Parse every row with the mapping; collect every problem with its row and column."""
    column_mapping_check(table=table, columns=columns)
    lookups = case_lookups_for(organisation)
    index = {
        field_name: table.header.index(header) for field_name, header in columns.items() if header
    }
    result = CaseValidation()
    seen: dict[str, int] = {}
    for offset, row in enumerate(table.rows):
        if on_progress is not None and offset % 500 == 0:
            on_progress(offset)
        line = table.first_line_number() + offset
        reader = _RowReader(row=row, line=line, index=index, columns=columns, result=result)
        reader.parse("external_id", _required, optional=False)
        reader.parse("area", lookups.area, optional=False)
        reader.parse("department", lookups.department)
        reader.parse("respondent", respondent_parse, optional=False)
        reader.parse("organisation_number", organisation_number_parse)
        reader.parse("email", email_parse)
        reader.parse("phone", phone_parse)
        reader.parse("received_on", date_parse)
        reader.parse("completed_on", date_parse)
        reader.parse("decided_on", date_parse, optional=False)
        reader.parse("outcome", outcome_parse)
        reader.parse("fee", fee_parse)
        values = reader.values
        rules_ok = _row_rules(result, line, columns, values, seen)
        if not (reader.ok and rules_ok):
            continue
        seen[values["external_id"]] = line
        result.cases.append(
            CaseInput(
                external_id=values["external_id"],
                area_id=values["area"],
                respondent=values["respondent"],
                decided_on=values["decided_on"],
                department_id=values["department"],
                organisation_number=values["organisation_number"] or "",
                email=values["email"] or "",
                phone=values["phone"] or "",
                received_on=values["received_on"],
                completed_on=values["completed_on"],
                outcome=values["outcome"] or "",
                fee=values["fee"],
            )
        )
    return result


def _row_rules(
    result: CaseValidation,
    line: int,
    columns: Mapping[str, str],
    values: dict[str, Any],
    seen: dict[str, int],
) -> bool:
    """Rules across the fields of one row; False (with errors added) when one is broken."""
    problems: list[tuple[str, str]] = []
    if values.get("external_id") in seen:
        problems.append(
            (
                "external_id",
                _("The case id also appears on row %(row)s.")
                % {"row": seen[values["external_id"]]},
            )
        )
    if values.get("organisation_number") and values.get("respondent") == "private":
        problems.append(("organisation_number", _("Only businesses have an organisation number.")))
    decided: date | None = values.get("decided_on")
    for field_name in ("received_on", "completed_on"):
        earlier = values.get(field_name)
        if earlier is not None and decided is not None and earlier > decided:
            problems.append((field_name, _("The date is after the decision date.")))
    if decided is not None and decided > timezone.localdate():
        problems.append(("decided_on", _("The decision date lies in the future.")))
    for field_name, message in problems:
        result.add_error(line, columns.get(field_name, field_name), message)
    return not problems
