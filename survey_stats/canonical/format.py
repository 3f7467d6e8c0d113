"""Header rules, errors and the columnar table of the canonical answer-set CSV."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from survey_stats.drivers import FACTORS
from survey_stats.indices import (
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
    "YEAR_RANGE",
    "AnswerTable",
    "CanonicalCsvError",
    "canonical_header",
    "item_column",
    "parse_item_column",
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

    __module__ = "survey_stats.canonical"

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
