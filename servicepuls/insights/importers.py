"""Parsing and validation of published results files (no database writes here).

Two formats, both CSV with a header row, comma or semicolon separated, decimal point or
decimal comma (as Swedish spreadsheet exports write them):

* published NKI: ``organisation, year, area, value, n`` — organisation is a kommunkod or an
  organisation code (empty or ``riket`` for the national figure), area an area slug (empty or
  ``total`` for the total NKI), value 0–100, n optional;
* Svenskt Näringsliv: ``organisation, year, summary_rating, n, rank`` and any number of further
  columns, each the mean (1–6) of one question, named by the question.

Every problem is reported as one line naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from servicepuls.insights.errors import ExternalResultsImportError

PUBLISHED_COLUMNS = ("organisation", "year", "area", "value", "n")
BUSINESS_CLIMATE_COLUMNS = ("organisation", "year", "summary_rating", "n", "rank")
NATIONAL = {"", "riket", "sverige", "national"}
TOTAL = {"", "total", "totalt"}
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PublishedRow:
    line: int
    organisation_code: str | None
    year: int
    area_slug: str | None
    value: float
    n: int | None


@dataclass(frozen=True, slots=True)
class BusinessClimateRow:
    line: int
    organisation_code: str | None
    year: int
    summary_rating: float
    n: int | None
    rank: int | None
    factor_means: dict[str, float]


class _Reader:
    def __init__(
        self, name: str, data: bytes, required: tuple[str, ...], *, extra_allowed: bool
    ) -> None:
        self.name = name
        if len(data) > MAX_BYTES:
            self.fail(1, None, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.fail(line, None, "the file is not UTF-8 text")
        if not text.strip():
            self.fail(1, None, "the file is empty")
        if "\x00" in text:  # PostgreSQL cannot store it; no spreadsheet writes it
            line = text.count("\n", 0, text.index("\x00")) + 1
            self.fail(line, None, "a NUL character: this is not a text (CSV) file")
        first_line = text.splitlines()[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        self.rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            header = [column.strip().lower() for column in next(self.rows)]
        except csv.Error as error:
            self.fail(1, None, f"malformed CSV ({error})")
        missing = [column for column in required if column not in header]
        if missing:
            self.fail(1, missing[0], "required column is missing")
        if not extra_allowed:
            unknown = [column for column in header if column not in required]
            if unknown:
                self.fail(1, unknown[0], "unknown column")
        if len(set(header)) != len(header):
            self.fail(1, None, "a column name appears twice")
        self.header = header

    def fail(self, line: int, column: str | None, message: str) -> None:
        where = f"{self.name}:{line}" + (f": column '{column}'" if column else "")
        raise ExternalResultsImportError(f"{where}: {message}", {"line": line, "column": column})

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        line = 1
        try:
            for values in self.rows:
                line = self.rows.line_num
                if not any(value.strip() for value in values):
                    continue
                if len(values) != len(self.header):
                    self.fail(
                        line, None, f"expected {len(self.header)} values, found {len(values)}"
                    )
                yield (
                    line,
                    {
                        column: value.strip()
                        for column, value in zip(self.header, values, strict=True)
                    },
                )
        except csv.Error as error:
            self.fail(line + 1, None, f"malformed CSV ({error})")

    def number(self, line: int, column: str, raw: str, low: float, high: float) -> float:
        try:
            value = float(raw.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        except ValueError:
            self.fail(line, column, f"{raw!r} is not a number")
        if not low <= value <= high:
            self.fail(line, column, f"{raw} is outside {low:g}–{high:g}")
        return value

    def optional_integer(self, line: int, column: str, raw: str, low: int, high: int) -> int | None:
        return self.integer(line, column, raw, low, high) if raw else None

    def integer(self, line: int, column: str, raw: str, low: int, high: int) -> int:
        # isdigit() alone lets "²" through, which int() refuses.
        if not (raw.isascii() and raw.isdigit()):
            self.fail(line, column, f"{raw!r} is not a whole number")
        value = int(raw)
        if not low <= value <= high:
            self.fail(line, column, f"{value} is outside {low}–{high}")
        return value


def _organisation(raw: str) -> str | None:
    return None if raw.lower() in NATIONAL else raw


def parse_published_results(name: str, data: bytes) -> list[PublishedRow]:
    """Validate a published-NKI file and return its rows; raise on the first problem."""
    reader = _Reader(name, data, PUBLISHED_COLUMNS, extra_allowed=False)
    rows: list[PublishedRow] = []
    seen: dict[tuple[str | None, int, str | None], int] = {}
    for line, record in reader.records():
        year = reader.integer(line, "year", record["year"], 2000, 2100)
        row = PublishedRow(
            line=line,
            organisation_code=_organisation(record["organisation"]),
            year=year,
            area_slug=None if record["area"].lower() in TOTAL else record["area"].lower(),
            value=reader.number(line, "value", record["value"], 0, 100),
            n=reader.optional_integer(line, "n", record["n"], 0, 10_000_000),
        )
        key = (row.organisation_code, row.year, row.area_slug)
        if key in seen:
            reader.fail(line, None, f"the same organisation, year and area as line {seen[key]}")
        seen[key] = line
        rows.append(row)
    if not rows:
        reader.fail(1, None, "the file has a header but no rows")
    return rows


def parse_business_climate(name: str, data: bytes) -> list[BusinessClimateRow]:
    """Validate a Svenskt Näringsliv file and return its rows; raise on the first problem."""
    reader = _Reader(name, data, BUSINESS_CLIMATE_COLUMNS, extra_allowed=True)
    question_columns = [
        column for column in reader.header if column not in BUSINESS_CLIMATE_COLUMNS
    ]
    rows: list[BusinessClimateRow] = []
    seen: dict[tuple[str | None, int], int] = {}
    for line, record in reader.records():
        year = reader.integer(line, "year", record["year"], 2000, 2100)
        row = BusinessClimateRow(
            line=line,
            organisation_code=_organisation(record["organisation"]),
            year=year,
            summary_rating=reader.number(line, "summary_rating", record["summary_rating"], 1, 6),
            n=reader.optional_integer(line, "n", record["n"], 0, 10_000_000),
            rank=reader.optional_integer(line, "rank", record["rank"], 1, 290),
            factor_means={
                column: reader.number(line, column, record[column], 1, 6)
                for column in question_columns
                if record[column]
            },
        )
        key = (row.organisation_code, row.year)
        if key in seen:
            reader.fail(line, None, f"the same organisation and year as line {seen[key]}")
        seen[key] = line
        rows.append(row)
    if not rows:
        reader.fail(1, None, "the file has a header but no rows")
    return rows
