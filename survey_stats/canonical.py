"""The canonical answer-set CSV of ``DESIGN.md`` §6: header rules, a validating reader.

The format (UTF-8, comma-separated, one header row)::

    answer_id, organisation, area, year, closed_on, respondent, outcome,
    information_1 … information_k, tillganglighet_1 …, bemotande_1 …, kompetens_1 …,
    rattssakerhet_1 …, effektivitet_1 …, nki_satisfied, nki_expectations, nki_ideal, comment

Every fixed column must be present, each factor has one or more item columns
``<factor>_<n>`` (``n`` = 1, 2, …), and any other column is an error. Columns may come in any
order (writers should use :func:`canonical_header`, which gives the order above). Item answers
are whole numbers on the questionnaire's scale, or empty for "not answered".

:func:`read_canonical_csv` reads such a file into an :class:`AnswerTable` of numpy columns.
Anything wrong raises :class:`CanonicalCsvError`, whose message is one line naming the file,
the line and the column, so a person can open the file and fix it.

See ``docs/statistics/indices.md`` for how the answers become indices.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from survey_stats.drivers import FACTORS
from survey_stats.indices import (
    DEFAULT_SCALE,
    NKI_ITEMS,
    Scale,
    factor_indices,
    nki_indices,
)

__all__ = [
    "COMMENT_COLUMN",
    "FIXED_COLUMNS",
    "KEY_COLUMNS",
    "OUTCOMES",
    "RESPONDENTS",
    "AnswerTable",
    "CanonicalCsvError",
    "canonical_header",
    "item_column",
    "parse_item_column",
    "read_canonical_csv",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

FIXED_COLUMNS: tuple[str, ...] = (
    "answer_id",
    "organisation",
    "area",
    "year",
    "closed_on",
    "respondent",
    "outcome",
)
"""The columns before the item columns, in canonical order."""

COMMENT_COLUMN = "comment"
"""The free-text column, last in canonical order (redacted text only)."""

KEY_COLUMNS: tuple[str, ...] = ("organisation", "area", "year", "respondent", "outcome")
"""Columns an answer table can be grouped by."""

RESPONDENTS: tuple[str, ...] = ("business", "private")
"""Valid ``respondent`` values; :attr:`AnswerTable.respondent` holds indices into this."""

OUTCOMES: tuple[str, ...] = ("approved", "rejected", "other")
"""Valid non-empty ``outcome`` values; :attr:`AnswerTable.outcome` holds indices, -1 empty."""

YEAR_RANGE = (1900, 2100)
"""Inclusive range of a plausible survey year."""

_ITEM_PATTERN = re.compile(r"^(" + "|".join(FACTORS) + r")_([1-9][0-9]*)$")
_ORGANISATION_PATTERN = re.compile(r"^[\w.-]{1,20}$")
_AREA_PATTERN = re.compile(r"^[-a-zA-Z0-9_]{1,40}$")
_YEAR_PATTERN = re.compile(r"^[0-9]{4}$")
_DATE_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MAX_ANSWER_ID = 100
_CHUNK_ROWS = 65_536
_INVALID = -np.inf  # marks a cell that failed to parse in the vectorised converters


class CanonicalCsvError(ValueError):
    """The canonical CSV is not valid; ``str()`` is one line naming file, line and column.

    Attributes
    ----------
    file : str
        The file name (or ``<stream>``).
    line : int
        The 1-based physical line where the problem is (the first line of a quoted
        multi-line record).
    column : str
        The column name from the header, or ``#k`` (1-based position) when the header has
        no name for it.
    message : str
        What is wrong.

    Examples
    --------
    >>> str(CanonicalCsvError("svar.csv", 3, "year", "'20x4' is not a year"))
    "svar.csv, line 3, column year: '20x4' is not a year"
    """

    def __init__(self, file: str, line: int, column: str, message: str) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message.replace("\n", " ").replace("\r", " ")
        super().__init__(f"{file}, line {line}, column {column}: {self.message}")


def item_column(factor: str, k: int) -> str:
    """Name of the ``k``-th item column of ``factor`` (1-based).

    Examples
    --------
    >>> item_column("bemotande", 2)
    'bemotande_2'
    """
    if factor not in FACTORS:
        raise ValueError(f"unknown factor {factor!r}; expected one of {', '.join(FACTORS)}")
    if k < 1:
        raise ValueError(f"item numbers start at 1, got {k}")
    return f"{factor}_{k}"


def parse_item_column(name: str) -> tuple[str, int] | None:
    """The ``(factor, k)`` of an item column name, or None when it is not one.

    Examples
    --------
    >>> parse_item_column("effektivitet_3")
    ('effektivitet', 3)
    >>> parse_item_column("nki_ideal") is None, parse_item_column("information_0") is None
    (True, True)
    """
    match = _ITEM_PATTERN.match(name)
    if match is None:
        return None
    return match.group(1), int(match.group(2))


def canonical_header(items_per_factor: int | Mapping[str, int] = 1) -> tuple[str, ...]:
    """The canonical header for a questionnaire with the given number of items per factor.

    Parameters
    ----------
    items_per_factor : int or mapping of str to int
        Items of every factor, or per factor (each of the six factors must be given, ≥ 1).

    Examples
    --------
    >>> canonical_header({"information": 2, "tillganglighet": 1, "bemotande": 1,
    ...                   "kompetens": 1, "rattssakerhet": 1, "effektivitet": 1})[5:10]
    ('respondent', 'outcome', 'information_1', 'information_2', 'tillganglighet_1')
    >>> len(canonical_header(3))
    29
    """
    counts = (
        dict.fromkeys(FACTORS, items_per_factor)
        if isinstance(items_per_factor, int)
        else dict(items_per_factor)
    )
    if set(counts) != set(FACTORS):
        raise ValueError(f"item counts must be given for exactly the factors {', '.join(FACTORS)}")
    items = [item_column(f, k) for f in FACTORS for k in range(1, counts[f] + 1)]
    if any(counts[f] < 1 for f in FACTORS):
        raise ValueError("every factor needs at least one item column")
    return (*FIXED_COLUMNS, *items, *NKI_ITEMS, COMMENT_COLUMN)


@dataclass(frozen=True, eq=False)
class AnswerTable:
    """Answer sets in columns (one row per answer set, file order).

    Categorical columns are integer codes into a tuple of levels: ``organisation`` indexes
    :attr:`organisations`, ``area`` indexes :attr:`areas`, ``respondent`` indexes
    :data:`RESPONDENTS` and ``outcome`` indexes :data:`OUTCOMES` (-1 when empty). Raw answers
    are floats with NaN for "not answered".

    Attributes
    ----------
    source : str
        File name the table was read from.
    scale : Scale
        The answer scale every item was validated against.
    answer_id : ndarray of object (str)
    organisation, area, year, respondent, outcome : ndarray of int64
    organisations, areas : tuple of str
        Levels of the two categorical columns, sorted.
    closed_on : ndarray of datetime64[D]
        NaT where empty.
    nki_items : ndarray of float64, shape (n, 3)
        Raw answers to :data:`~survey_stats.indices.NKI_ITEMS`.
    factor_items : mapping of str to ndarray of float64, shape (n, k)
        Raw answers to each factor's items, in item-number order.
    comment : ndarray of object (str)
    line : ndarray of int64
        First physical line of each record in the file, for messages about a row.
    """

    source: str
    scale: Scale
    answer_id: NDArray[np.object_]
    organisation: IntArray
    organisations: tuple[str, ...]
    area: IntArray
    areas: tuple[str, ...]
    year: IntArray
    closed_on: NDArray[np.datetime64]
    respondent: IntArray
    outcome: IntArray
    nki_items: FloatArray
    factor_items: Mapping[str, FloatArray]
    comment: NDArray[np.object_]
    line: IntArray = field(repr=False)

    def __len__(self) -> int:
        return int(self.year.shape[0])

    def nki(self) -> FloatArray:
        """NKI of every answer set (NaN where fewer than two NKI items are answered)."""
        return nki_indices(self.nki_items, self.scale)

    def factor_index(self, factor: str) -> FloatArray:
        """Index of ``factor`` for every answer set (NaN where none of its items is answered)."""
        return factor_indices(self.factor_items[factor], self.scale)

    def factor_index_table(self) -> FloatArray:
        """All six factor indices, shape (n, 6), columns in :data:`FACTORS` order."""
        if len(self) == 0:
            return np.empty((0, len(FACTORS)))
        return np.column_stack([self.factor_index(f) for f in FACTORS])

    def key_labels(self, column: str) -> tuple[IntArray, tuple[str, ...]]:
        """Integer codes and their labels for a key column (see :data:`KEY_COLUMNS`)."""
        if column == "organisation":
            return self.organisation, self.organisations
        if column == "area":
            return self.area, self.areas
        if column == "respondent":
            return self.respondent, RESPONDENTS
        if column == "outcome":
            # Code -1 (empty) becomes the last label, "".
            codes = np.where(self.outcome < 0, len(OUTCOMES), self.outcome)
            return codes, (*OUTCOMES, "")
        if column == "year":
            years, codes = np.unique(self.year, return_inverse=True)
            return codes.astype(np.int64), tuple(str(int(y)) for y in years)
        raise ValueError(f"cannot group by {column!r}; expected one of {', '.join(KEY_COLUMNS)}")


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    names: tuple[str, ...]
    position: Mapping[str, int]
    factor_items: Mapping[str, tuple[int, ...]]  # column positions in item-number order


def _column_name(layout: _Layout | None, index: int) -> str:
    if layout is not None and index < len(layout.names):
        return layout.names[index]
    return f"#{index + 1}"


def _header_layout(file: str, header: Sequence[str]) -> _Layout:
    names = list(header)
    if names and names[0].startswith("\ufeff"):
        names[0] = names[0][1:]
    position: dict[str, int] = {}
    items: dict[str, list[tuple[int, int]]] = {f: [] for f in FACTORS}
    known = {*FIXED_COLUMNS, *NKI_ITEMS, COMMENT_COLUMN}
    for index, name in enumerate(names):
        label = name if name else f"#{index + 1}"
        if name in position:
            raise CanonicalCsvError(file, 1, label, "duplicate column")
        item = parse_item_column(name)
        if item is None and name not in known:
            raise CanonicalCsvError(
                file, 1, label, f"unknown column {name!r} (see the canonical format, DESIGN §6)"
            )
        position[name] = index
        if item is not None:
            items[item[0]].append((item[1], index))
    for name in (*FIXED_COLUMNS, *NKI_ITEMS, COMMENT_COLUMN):
        if name not in position:
            raise CanonicalCsvError(file, 1, name, "missing column")
    for factor in FACTORS:
        if not items[factor]:
            raise CanonicalCsvError(
                file, 1, f"{factor}_1", f"missing column: {factor} needs at least one item column"
            )
    return _Layout(
        names=tuple(names),
        position=position,
        factor_items={f: tuple(i for _, i in sorted(items[f])) for f in FACTORS},
    )


class _LineSource:
    """Decoded physical lines of the input, remembering where the current record began."""

    def __init__(self, file: str, lines: Iterable[bytes] | Iterable[str]) -> None:
        self.file = file
        self._lines: Iterator[bytes | str] = iter(lines)
        self.number = 0  # physical lines handed out so far
        self.record: list[str] = []  # physical lines of the record being parsed
        self.layout: _Layout | None = None

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        try:
            raw = next(self._lines)
        except UnicodeDecodeError as error:  # a text stream that failed to decode
            raise self._decode_error(error, b"") from None
        self.number += 1
        if isinstance(raw, bytes):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise self._decode_error(error, raw) from None
        else:
            text = str(raw)
        if "\x00" in text:
            prefix = "".join(self.record) + text[: text.index("\x00")]
            column = _column_name(self.layout, _field_index(prefix))
            raise CanonicalCsvError(self.file, self.number, column, "NUL character in the text")
        self.record.append(text)
        return text

    def _decode_error(self, error: UnicodeDecodeError, raw: bytes) -> CanonicalCsvError:
        line = self.number if raw else self.number + 1
        prefix = raw[: error.start].decode("utf-8", errors="replace")
        column = _column_name(self.layout, _field_index("".join(self.record) + prefix))
        return CanonicalCsvError(self.file, line, column, "not UTF-8 text (save the file as UTF-8)")


def _field_index(text: str) -> int:
    """0-based index of the field that ``text`` (a record's beginning) ends in."""
    index, quoted = 0, False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            index += 1
    return index


def _malformed_field(text: str) -> int:
    """0-based index of the first field where strict CSV parsing of ``text`` goes wrong."""
    index, quoted, start, after_quote = 0, False, True, False
    for char in text:
        if char == "\x00":
            return index
        if quoted:
            if char == '"':
                quoted, after_quote = False, True
            continue
        if after_quote and char not in ',"\r\n':
            return index
        after_quote = False
        if char == '"':
            if not start:
                return index
            quoted = True
        elif char == ",":
            index += 1
            start = True
            continue
        start = char in "\r\n"
    return index


@dataclass
class _Columns:
    """Growing per-chunk arrays of the parsed columns."""

    answer_id: list[NDArray[np.object_]] = field(default_factory=list)
    organisation: list[IntArray] = field(default_factory=list)
    area: list[IntArray] = field(default_factory=list)
    year: list[IntArray] = field(default_factory=list)
    closed_on: list[NDArray[np.datetime64]] = field(default_factory=list)
    respondent: list[IntArray] = field(default_factory=list)
    outcome: list[IntArray] = field(default_factory=list)
    items: list[FloatArray] = field(default_factory=list)
    comment: list[NDArray[np.object_]] = field(default_factory=list)
    line: list[IntArray] = field(default_factory=list)


class _Reader:
    def __init__(self, file: str, scale: Scale) -> None:
        self.file = file
        self.scale = scale
        self.organisations: dict[str, int] = {}
        self.areas: dict[str, int] = {}
        self.years: dict[str, int] = {}
        self.dates: dict[str, np.datetime64] = {"": np.datetime64("NaT", "D")}
        self.ids: dict[int, set[str]] = {}
        self.respondents = {name: code for code, name in enumerate(RESPONDENTS)}
        self.outcomes = {"": -1} | {name: code for code, name in enumerate(OUTCOMES)}
        self.answers: dict[str, float] = {"": np.nan} | {
            str(v): float(v) for v in range(scale.low, scale.high + 1)
        }
        self.columns = _Columns()

    def error(self, layout: _Layout, line: int, index: int, message: str) -> CanonicalCsvError:
        return CanonicalCsvError(self.file, line, _column_name(layout, index), message)

    def read(
        self,
        reader: Iterator[list[str]],
        line_number: Callable[[], int],
        source: _LineSource | None,
    ) -> AnswerTable:
        """Parse every record; ``source`` is the line-by-line source of the precise path."""
        try:
            header = self._next_record(reader, source)
            if header is None:
                raise CanonicalCsvError(
                    self.file, 1, FIXED_COLUMNS[0], "empty file: expected a header row"
                )
            layout = _header_layout(self.file, header)
            if source is not None:
                source.layout = layout
            rows: list[list[str]] = []
            lines: list[int] = []
            while True:
                start = line_number() + 1
                row = self._next_record(reader, source)
                if row is None:
                    break
                if not row:  # a blank line
                    continue
                if len(row) != len(layout.names):
                    raise self._width_error(layout, start, row)
                rows.append(row)
                lines.append(start)
                if len(rows) == _CHUNK_ROWS:
                    self._chunk(layout, rows, lines)
                    rows, lines = [], []
            if rows:
                self._chunk(layout, rows, lines)
        except csv.Error as error:
            if source is None:
                raise _RetryPreciselyError from None
            text = "".join(source.record)
            column = _column_name(source.layout, _malformed_field(text))
            line = source.number - len(source.record) + 1
            raise CanonicalCsvError(self.file, line, column, f"malformed CSV ({error})") from None
        return self._table(layout)

    def _next_record(
        self, reader: Iterator[list[str]], source: _LineSource | None
    ) -> list[str] | None:
        if source is not None:
            source.record = []
        return next(reader, None)

    def _width_error(self, layout: _Layout, line: int, row: list[str]) -> CanonicalCsvError:
        expected = len(layout.names)
        index = min(len(row), expected)
        return self.error(
            layout,
            line,
            index,
            f"the row has {len(row)} fields but the header has {expected}",
        )

    def _chunk(self, layout: _Layout, rows: list[list[str]], lines: list[int]) -> None:
        cells = list(zip(*rows, strict=True))
        line = np.asarray(lines, dtype=np.int64)
        errors: list[tuple[int, int, str]] = []  # (row index, column index, message)

        def column(name: str) -> tuple[int, tuple[str, ...]]:
            index = layout.position[name]
            return index, cells[index]

        parsed = {
            name: self._categorical(*column(name), errors, table, check)
            for name, table, check in (
                ("organisation", self.organisations, self._check_organisation),
                ("area", self.areas, self._check_area),
                ("year", self.years, self._check_year),
                ("closed_on", self.dates, self._check_date),
                ("respondent", self.respondents, self._check_respondent),
                ("outcome", self.outcomes, self._check_outcome),
            )
        }
        item_positions = [
            *(i for f in FACTORS for i in layout.factor_items[f]),
            *(layout.position[n] for n in NKI_ITEMS),
        ]
        items = np.empty((len(rows), len(item_positions)), dtype=np.float64)
        for k, index in enumerate(item_positions):
            items[:, k] = self._answers(index, cells[index], errors)
        answer_index, answer_ids = column("answer_id")
        self._check_answer_ids(answer_index, answer_ids, parsed["organisation"], errors)
        if errors:
            row, index, message = min(errors)
            raise self.error(layout, int(line[row]), index, message)
        out = self.columns
        out.answer_id.append(np.asarray(answer_ids, dtype=object))
        out.organisation.append(parsed["organisation"])
        out.area.append(parsed["area"])
        out.year.append(parsed["year"])
        out.closed_on.append(parsed["closed_on"].astype("datetime64[D]"))
        out.respondent.append(parsed["respondent"])
        out.outcome.append(parsed["outcome"])
        out.items.append(items)
        out.comment.append(np.asarray(cells[layout.position[COMMENT_COLUMN]], dtype=object))
        out.line.append(line)

    def _categorical(
        self,
        index: int,
        values: tuple[str, ...],
        errors: list[tuple[int, int, str]],
        table: dict[str, int] | dict[str, np.datetime64],
        check: Callable[[str], int | np.datetime64 | str],
    ) -> NDArray[Any]:
        # Validate each distinct value once; the cache holds only valid values.
        for row, value in enumerate(values):
            if value in table:
                continue
            result = check(value)
            if isinstance(result, str):
                errors.append((row, index, result))
                break
            table[value] = result  # type: ignore[assignment]
        if errors and errors[-1][1] == index:
            return np.zeros(len(values), dtype=np.int64)
        if table is self.dates:
            return np.array([table[v] for v in values], dtype="datetime64[D]")
        return np.fromiter(map(table.__getitem__, values), dtype=np.int64, count=len(values))

    def _check_organisation(self, value: str) -> int | str:
        if not _ORGANISATION_PATTERN.match(value):
            return f"{value!r} is not an organisation code (1–20 letters, digits, '.', '-', '_')"
        return len(self.organisations)

    def _check_area(self, value: str) -> int | str:
        if not _AREA_PATTERN.match(value):
            return f"{value!r} is not an area slug (1–40 letters, digits, '-', '_')"
        return len(self.areas)

    def _check_year(self, value: str) -> int | str:
        low, high = YEAR_RANGE
        if not _YEAR_PATTERN.match(value) or not low <= int(value) <= high:
            return f"{value!r} is not a year ({low}–{high})"
        return int(value)

    def _check_date(self, value: str) -> np.datetime64 | str:
        if _DATE_PATTERN.match(value):
            try:
                return np.datetime64(dt.date.fromisoformat(value), "D")
            except ValueError:
                pass
        return f"{value!r} is not an ISO date (YYYY-MM-DD) or empty"

    def _check_respondent(self, value: str) -> str:
        return f"{value!r} is not a respondent; expected business or private"

    def _check_outcome(self, value: str) -> str:
        return f"{value!r} is not an outcome; expected approved, rejected, other or empty"

    def _answers(
        self, index: int, values: tuple[str, ...], errors: list[tuple[int, int, str]]
    ) -> FloatArray:
        parsed = np.fromiter(
            map(self.answers.get, values, repeat(_INVALID)), dtype=np.float64, count=len(values)
        )
        bad = np.flatnonzero(parsed == _INVALID)
        if bad.size:
            value = values[int(bad[0])]
            errors.append((int(bad[0]), index, self._answer_problem(value)))
        return parsed

    def _answer_problem(self, value: str) -> str:
        if re.fullmatch(r"[+-]?[0-9]+", value.strip()):
            if value.strip() != value:
                return f"{value!r} has spaces around the answer"
            return f"answer {value} is outside the scale {self.scale}"
        return f"{value!r} is not a whole-number answer on the scale {self.scale} or empty"

    def _check_answer_ids(
        self,
        index: int,
        values: tuple[str, ...],
        organisations: IntArray,
        errors: list[tuple[int, int, str]],
    ) -> None:
        for row, (value, organisation) in enumerate(
            zip(values, organisations.tolist(), strict=True)
        ):
            if not value or value.strip() != value or len(value) > _MAX_ANSWER_ID:
                errors.append((row, index, f"{value!r} is not an answer id (1–100 characters)"))
                return
            seen = self.ids.setdefault(organisation, set())
            if value in seen:
                errors.append(
                    (row, index, f"answer id {value!r} occurs twice for this organisation")
                )
                return
            seen.add(value)

    def _table(self, layout: _Layout) -> AnswerTable:
        out = self.columns

        def joined(parts: Sequence[NDArray[Any]], dtype: str | type) -> NDArray[Any]:
            return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)

        organisations, organisation = _sorted_levels(
            self.organisations, joined(out.organisation, np.int64)
        )
        areas, area = _sorted_levels(self.areas, joined(out.area, np.int64))
        width = sum(len(layout.factor_items[f]) for f in FACTORS) + len(NKI_ITEMS)
        items = np.concatenate(out.items) if out.items else np.empty((0, width))
        factor_items: dict[str, FloatArray] = {}
        start = 0
        for factor in FACTORS:
            k = len(layout.factor_items[factor])
            factor_items[factor] = np.ascontiguousarray(items[:, start : start + k])
            start += k
        return AnswerTable(
            source=self.file,
            scale=self.scale,
            answer_id=joined(out.answer_id, object),
            organisation=organisation,
            organisations=organisations,
            area=area,
            areas=areas,
            year=joined(out.year, np.int64),
            closed_on=joined(out.closed_on, "datetime64[D]"),
            respondent=joined(out.respondent, np.int64),
            outcome=joined(out.outcome, np.int64),
            nki_items=np.ascontiguousarray(items[:, start:]),
            factor_items=factor_items,
            comment=joined(out.comment, object),
            line=joined(out.line, np.int64),
        )


def _sorted_levels(
    table: Mapping[str, int], codes: NDArray[np.generic]
) -> tuple[tuple[str, ...], IntArray]:
    """Relabel first-seen codes so that levels are sorted."""
    levels = sorted(table)
    remap = np.empty(len(table), dtype=np.int64)
    for new, level in enumerate(levels):
        remap[table[level]] = new
    return tuple(levels), remap[codes.astype(np.int64)]


def read_canonical_csv(
    source: str | Path | IO[str] | IO[bytes],
    scale: Scale = DEFAULT_SCALE,
    *,
    name: str | None = None,
) -> AnswerTable:
    """Read and validate a canonical answer-set CSV.

    Parameters
    ----------
    source : str, Path or file object
        A path, or an open text or binary stream (the stream is not closed).
    scale : Scale
        The questionnaire's answer scale; an answer off it is an error.
    name : str, optional
        The file name used in error messages (default: the path, or the stream's ``name``).

    Returns
    -------
    AnswerTable
        The answer sets, in file order.

    Raises
    ------
    CanonicalCsvError
        Malformed CSV, non-UTF-8 bytes, an empty file, a missing, unknown or duplicate
        column, a row with the wrong number of fields, an answer off the scale or not a whole
        number, a bad answer id, organisation, area, year, date, respondent or outcome.

    Examples
    --------
    >>> text = ",".join(canonical_header()) + "\\n" + "a1,0136,bygglov,2024,2024-03-01,"
    >>> text += "business,approved," + "8," * 6 + "10,7,,Bra service\\n"
    >>> table = read_canonical_csv(io.StringIO(text))
    >>> len(table), table.organisations, table.nki().tolist()
    (1, ('0136',), [83.33333333333333])
    >>> read_canonical_csv(io.StringIO(text.replace("10,7,", "11,7,")), name="svar.csv")
    Traceback (most recent call last):
    ...
    survey_stats.canonical.CanonicalCsvError: svar.csv, line 2, column nki_satisfied: answer 11 is outside the scale 1-10
    """
    if isinstance(source, str | Path):
        label = name if name is not None else str(source)
        try:
            data: bytes | str = Path(source).read_bytes()
        except OSError as error:
            raise CanonicalCsvError(
                label, 1, FIXED_COLUMNS[0], f"cannot read the file ({error.strerror})"
            ) from None
    else:
        label = name if name is not None else str(getattr(source, "name", "<stream>"))
        # Read a text file's bytes, so that a non-UTF-8 byte is reported on its own line.
        data = source.buffer.read() if isinstance(source, io.TextIOWrapper) else source.read()
    return _read_data(label, scale, data)


class _RetryPreciselyError(Exception):
    """The fast path met malformed CSV; the line-by-line path will say where."""


def _read_data(label: str, scale: Scale, data: bytes | str) -> AnswerTable:
    # Fast path: decode everything at once and let the C parser split the lines. Anything it
    # cannot explain precisely (bad bytes, NUL, malformed quoting) is read again line by line.
    text: str | None
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    else:
        text = data
    if text is not None and "\x00" not in text:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            return _Reader(label, scale).read(reader, lambda: reader.line_num, None)
        except _RetryPreciselyError:
            pass
    lines = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data, newline="")
    source = _LineSource(label, lines)
    precise = csv.reader(source, strict=True)
    return _Reader(label, scale).read(precise, lambda: source.number, source)
