"""Hypothesis fuzzes every importer: each file is read or refused with a clear error, never crashes.

An importer is one row of ``IMPORTERS``: a parse function taking ``(file name, bytes)``,
the error class it promises for bad input, and a header that gets the fuzzer past the first
check. Two strategies run per importer: arbitrary bytes, and CSV built from hostile cells
(numbers with decimal commas, formulas, quotes, separators, Unicode, empty cells).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicepuls.insights.errors import ExternalResultsImportError
from servicepuls.insights.importers import parse_business_climate, parse_published_results


@dataclass(frozen=True)
class Importer:
    name: str
    parse: Callable[[str, bytes], Any]
    error: type[Exception]
    header: str


IMPORTERS = [
    Importer(
        "published-nki",
        parse_published_results,
        ExternalResultsImportError,
        "organisation,year,area,value,n",
    ),
    Importer(
        "business-climate",
        parse_business_climate,
        ExternalResultsImportError,
        "organisation,year,summary_rating,n,rank,Kommunens service",
    ),
]

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "0136",
            "0192",
            "riket",
            "total",
            "bygglov",
            "2023",
            "75",
            "75,5",
            "3,46",
            "-1",
            "101",
            "1e309",
            "nan",
            "inf",
            "=1+1",
            "+cmd|' /C calc'!A0",
            '"',
            '""',
            ";",
            ",",
            "\n",
            "\r",
            "\x00",
            "å",
            "😀",
            "9" * 400,
        ]
    ),
    st.text(max_size=20),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def _csv(header: str, rows: list[list[str]], separator: str) -> bytes:
    lines = [header.replace(",", separator)]
    lines += [separator.join(row) for row in rows]
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


def _check(importer: Importer, data: bytes) -> None:
    try:
        importer.parse("fuzz.csv", data)
    except importer.error as error:
        message = str(error)
        assert message.startswith("fuzz.csv"), message  # names the file (and line, column)
        assert "\n" not in message.strip(), message  # one line


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda importer: importer.name)
@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000))
def test_importer_reads_or_refuses_arbitrary_bytes(importer: Importer, data: bytes) -> None:
    _check(importer, data)


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda importer: importer.name)
@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=8), max_size=6),
    separator=st.sampled_from([",", ";"]),
)
def test_importer_reads_or_refuses_hostile_csv(
    importer: Importer, rows: list[list[str]], separator: str
) -> None:
    try:
        data = _csv(importer.header, rows, separator)
    except UnicodeEncodeError:
        return
    _check(importer, data)
