"""Vendor answer sets in the canonical CSV of DESIGN §6: header rules and row validation."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from servicepuls.organisations.models import AuthorityArea, Organisation
from servicepuls.surveys.errors import ImportFileError
from servicepuls.surveys.importers.tabular import Table
from servicepuls.surveys.importers.values import date_parse, shown
from servicepuls.surveys.scoring import NKI_ITEMS, item_column_parse
from survey_stats.canonical import CanonicalCsvError, read_canonical_csv
from survey_stats.drivers import FACTORS
from survey_stats.indices import Scale

FIXED_COLUMNS = ("answer_id", "organisation", "area", "year", "closed_on", "respondent", "outcome")
COMMENT_COLUMN = "comment"
MAX_REPORTED_ERRORS = 200
MAX_COMMENT_CHARS = 10_000


def canonical_check(*, filename: str, data: bytes, scale: Scale) -> None:
    """Validate the whole file exactly as ``servicepuls nki compute`` reads it.

    Raises ``ImportFileError`` whose message is the reader's one line naming file, line and
    column (``CanonicalCsvError``); its ``extra`` carries the line and column.
    """
    try:
        read_canonical_csv(io.BytesIO(data), scale, name=filename)
    except CanonicalCsvError as error:
        raise ImportFileError(
            str(error), {"row": error.line, "column": error.column, "message": error.message}
        ) from error


def scale_parse(text: str) -> Scale:
    """``"1-10"`` → ``Scale(1, 10)``; ``ImportFileError`` for anything else."""
    try:
        return Scale.parse(text)
    except ValueError as error:
        raise ImportFileError(
            _("“%(value)s” is not a scale such as 1-10.") % {"value": shown(text)}
        ) from error


@dataclass(frozen=True, slots=True)
class CanonicalRow:
    """One validated answer set of the canonical CSV."""

    answer_id: str
    organisation_id: int
    area_id: int
    year: int
    closed_on: date | None
    respondent: str
    outcome: str
    items: dict[str, int | None]
    comment: str


@dataclass
class AnswerValidation:
    rows: list[CanonicalRow] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append({"row": row, "column": column, "message": message})


def canonical_header_check(table: Table) -> list[str]:
    """Check the header against DESIGN §6; return the item columns in file order."""
    items: list[str] = []
    for name in table.header:
        if name in FIXED_COLUMNS or name == COMMENT_COLUMN:
            continue
        if name in NKI_ITEMS or item_column_parse(name) is not None:
            items.append(name)
            continue
        raise ImportFileError(
            _("%(file)s, line 1, column %(column)s: unknown column.")
            % {"file": table.filename, "column": name}
        )
    missing = [name for name in (*FIXED_COLUMNS, *NKI_ITEMS) if name not in table.header]
    missing += [
        f"{factor}_1"
        for factor in FACTORS
        if not any((item_column_parse(name) or ("",))[0] == factor for name in items)
    ]
    if missing:
        raise ImportFileError(
            _("%(file)s, line 1, column %(column)s: the column is missing.")
            % {"file": table.filename, "column": missing[0]}
        )
    return items


class _Lookups:
    def __init__(self, organisation: Organisation | None) -> None:
        organisations = (
            Organisation.objects.filter(pk=organisation.pk)
            if organisation
            else Organisation.objects.all()
        )
        self.organisations = dict(organisations.values_list("code", "pk"))
        self.restricted_to = organisation
        self.areas: dict[tuple[int | None, str], int] = {}
        for area_id, slug, owner_id in AuthorityArea.objects.filter(
            Q(organisation__isnull=True) | Q(organisation__in=self.organisations.values())
        ).values_list("pk", "slug", "organisation_id"):
            self.areas[(owner_id, slug)] = area_id

    def organisation(self, text: str) -> int:
        try:
            return self.organisations[text]
        except KeyError:
            if self.restricted_to is not None:
                message = _("“%(value)s” is not this organisation's code (%(code)s).") % {
                    "value": shown(text),
                    "code": self.restricted_to.code,
                }
            else:
                message = _("“%(value)s” is not a known organisation code.") % {
                    "value": shown(text)
                }
            raise ValueError(message) from None

    def area(self, organisation_id: int, text: str) -> int:
        area_id = self.areas.get((None, text)) or self.areas.get((organisation_id, text))
        if area_id is None:
            raise ValueError(_("“%(value)s” is not a known area slug.") % {"value": shown(text)})
        return area_id


def _year_parse(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise ValueError(_("“%(value)s” is not a year.") % {"value": shown(text)})
    return int(text)


def _respondent_parse(text: str) -> str:
    if text not in ("business", "private"):
        raise ValueError(_("“%(value)s” is not business or private.") % {"value": shown(text)})
    return text


def _outcome_parse(text: str) -> str:
    if text not in ("", "approved", "rejected", "other"):
        raise ValueError(
            _("“%(value)s” is not approved, rejected, other or empty.") % {"value": shown(text)}
        )
    return text


def _item_parser(scale: Scale) -> Callable[[str], int | None]:
    def parse(text: str) -> int | None:
        if text == "":
            return None
        if not re.fullmatch(r"-?[0-9]+", text):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": shown(text)})
        value = int(text)
        if not scale.low <= value <= scale.high:
            raise ValueError(
                _("%(value)s is outside the scale %(scale)s.") % {"value": value, "scale": scale}
            )
        return value

    return parse


@dataclass(frozen=True, slots=True)
class _Cells:
    row: list[str]
    line: int
    position: dict[str, int]
    result: AnswerValidation

    def text(self, name: str) -> str:
        return self.row[self.position[name]] if name in self.position else ""

    def parsed(self, name: str, parser: Callable[[str], Any]) -> Any:
        try:
            return parser(self.text(name))
        except ValueError as error:
            self.result.add_error(self.line, name, str(error))
            return None


def answers_validate(
    *,
    table: Table,
    scale: Scale,
    organisation: Organisation | None,
    on_progress: Callable[[int], None] | None = None,
) -> AnswerValidation:
    """Validate every row of a canonical CSV; ``organisation`` restricts the rows to one."""
    item_columns = canonical_header_check(table)
    position = {name: table.header.index(name) for name in table.header}
    lookups = _Lookups(organisation)
    parse_item = _item_parser(scale)
    result = AnswerValidation()
    seen: dict[tuple[int, str], int] = {}
    for offset, row in enumerate(table.rows):
        if on_progress is not None and offset % 500 == 0:
            on_progress(offset)
        line = table.first_line_number() + offset
        errors_before = result.error_count
        cells = _Cells(row=row, line=line, position=position, result=result)
        cell = cells.text
        parsed = cells.parsed
        answer_id = cell("answer_id")
        if not answer_id or len(answer_id) > 100:
            result.add_error(line, "answer_id", _("An answer id of 1–100 characters is needed."))
        organisation_id = parsed("organisation", lookups.organisation)
        area_id = None
        if organisation_id is not None:
            area_id = parsed("area", partial(lookups.area, organisation_id))
        year = parsed("year", _year_parse)
        closed_on = parsed("closed_on", lambda text: date_parse(text) if text else None)
        respondent = parsed("respondent", _respondent_parse)
        outcome = parsed("outcome", _outcome_parse)
        items = {name: parsed(name, parse_item) for name in item_columns}
        comment = cell(COMMENT_COLUMN)
        if len(comment) > MAX_COMMENT_CHARS:
            result.add_error(line, COMMENT_COLUMN, _("The comment is too long."))
        if organisation_id is not None and answer_id:
            key = (organisation_id, answer_id)
            if key in seen:
                result.add_error(
                    line,
                    "answer_id",
                    _("The answer id also appears on line %(row)s.") % {"row": seen[key]},
                )
            seen.setdefault(key, line)
        if result.error_count == errors_before:
            result.rows.append(
                CanonicalRow(
                    answer_id=answer_id,
                    organisation_id=organisation_id,
                    area_id=area_id,  # type: ignore[arg-type]
                    year=year,
                    closed_on=closed_on,
                    respondent=respondent,
                    outcome=outcome,
                    items=items,
                    comment=comment,
                )
            )
    return result
