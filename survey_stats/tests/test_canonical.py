"""Tests of survey_stats.canonical: header rules and the validating canonical CSV reader."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_stats.canonical import (
    FIXED_COLUMNS,
    OUTCOMES,
    RESPONDENTS,
    CanonicalCsvError,
    canonical_header,
    item_column,
    parse_item_column,
    read_canonical_csv,
)
from survey_stats.drivers import FACTORS
from survey_stats.indices import DEFAULT_SCALE, Scale, answer_set_factor_index, answer_set_nki

HEADER = canonical_header({**dict.fromkeys(FACTORS, 1), "information": 2})
# answer_id … outcome, information_1, information_2, five factors, three NKI items, comment
GOOD_ROWS = [
    "a1,0136,bygglov,2024,2024-03-01,business,approved,8,9,7,6,10,5,4,10,7,,Bra service",
    'a2,0136,bygglov,2024,,private,,,,,,,,,9,,,"Lång väntan, men ""bra"" till slut"',
    "a3,0192,livsmedel,2023,2023-11-30,business,rejected,1,1,1,1,1,1,1,1,1,1,",
]


def _csv(rows: list[str], header: tuple[str, ...] | list[str] = HEADER) -> str:
    return "\n".join([",".join(header), *rows]) + "\n"


def _read(text: str, scale: Scale = DEFAULT_SCALE):  # type: ignore[no-untyped-def]
    return read_canonical_csv(io.StringIO(text), scale, name="svar.csv")


def _error(text: str | bytes, scale: Scale = DEFAULT_SCALE) -> CanonicalCsvError:
    stream: io.StringIO | io.BytesIO = (
        io.BytesIO(text) if isinstance(text, bytes) else io.StringIO(text)
    )
    with pytest.raises(CanonicalCsvError) as info:
        read_canonical_csv(stream, scale, name="svar.csv")
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(f"svar.csv, line {info.value.line}, column ")
    return info.value


def test_header_helpers() -> None:
    assert HEADER[:7] == FIXED_COLUMNS
    assert HEADER[7:9] == ("information_1", "information_2")
    assert HEADER[-4:] == ("nki_satisfied", "nki_expectations", "nki_ideal", "comment")
    assert len(canonical_header(2)) == 7 + 12 + 3 + 1
    assert parse_item_column("kompetens_12") == ("kompetens", 12)
    assert parse_item_column("kompetens_01") is None
    assert parse_item_column("kompetens") is None
    assert parse_item_column("nki_satisfied") is None
    assert item_column("rattssakerhet", 3) == "rattssakerhet_3"
    with pytest.raises(ValueError, match="unknown factor"):
        item_column("service", 1)
    with pytest.raises(ValueError, match="at least one item"):
        canonical_header(0)


def test_reads_a_valid_file_into_columns() -> None:
    table = _read(_csv(GOOD_ROWS))

    assert len(table) == 3
    assert table.answer_id.tolist() == ["a1", "a2", "a3"]
    assert table.organisations == ("0136", "0192")
    assert table.organisation.tolist() == [0, 0, 1]
    assert table.areas == ("bygglov", "livsmedel")
    assert table.area.tolist() == [0, 0, 1]
    assert table.year.tolist() == [2024, 2024, 2023]
    assert str(table.closed_on[0]) == "2024-03-01"
    assert np.isnat(table.closed_on[1])
    assert [RESPONDENTS[c] for c in table.respondent] == ["business", "private", "business"]
    assert table.outcome.tolist() == [OUTCOMES.index("approved"), -1, OUTCOMES.index("rejected")]
    assert table.comment[1] == 'Lång väntan, men "bra" till slut'
    assert table.line.tolist() == [2, 3, 4]
    assert table.factor_items["information"].shape == (3, 2)


def test_indices_from_the_table_match_the_scalar_functions() -> None:
    table = _read(_csv(GOOD_ROWS))

    nki = table.nki()
    assert nki[0] == answer_set_nki([10, 7, None])
    assert math.isnan(nki[1])  # only nki_satisfied answered
    assert nki[2] == 0.0
    factors = table.factor_index_table()
    assert factors[0, 0] == answer_set_factor_index([8, 9])
    assert factors[0, 1:].tolist() == [answer_set_factor_index([v]) for v in (7, 6, 10, 5, 4)]
    assert np.isnan(factors[1]).all()


def test_columns_may_come_in_any_order_and_a_bom_is_accepted() -> None:
    order = [*reversed(range(len(HEADER)))]
    header = [HEADER[i] for i in order]
    rows = [",".join(row.split(",")[i] for i in order) for row in [GOOD_ROWS[0], GOOD_ROWS[2]]]
    text = "\ufeff" + _csv(rows, header)

    table = read_canonical_csv(io.BytesIO(text.encode("utf-8")))

    assert table.answer_id.tolist() == ["a1", "a3"]
    assert table.factor_items["information"][0].tolist() == [8.0, 9.0]


def test_header_only_file_gives_an_empty_table_and_blank_lines_are_skipped() -> None:
    assert len(_read(_csv([]))) == 0
    assert _read(_csv([])).factor_index_table().shape == (0, 6)
    table = _read(_csv([GOOD_ROWS[0], "", GOOD_ROWS[2]]))
    assert table.line.tolist() == [2, 4]


def test_reads_from_a_path_and_a_binary_stream(tmp_path: Path) -> None:
    path = tmp_path / "svar.csv"
    path.write_text(_csv(GOOD_ROWS), encoding="utf-8")

    assert len(read_canonical_csv(path)) == 3
    assert len(read_canonical_csv(str(path))) == 3
    with path.open("rb") as stream:
        assert len(read_canonical_csv(stream)) == 3
    with path.open(encoding="utf-8") as text_stream:
        assert len(read_canonical_csv(text_stream)) == 3


def test_other_scales_are_validated() -> None:
    row = "a1,0136,bygglov,2024,,business,,5,5,5,5,5,5,5,5,5,5,"
    assert _read(_csv([row]), Scale(1, 5)).nki().tolist() == [100.0]
    error = _error(_csv([row.replace(",5,5,5,5,", ",5,6,5,5,", 1)]), Scale(1, 5))
    assert (error.line, error.column) == (2, "information_2")
    assert error.message == "answer 6 is outside the scale 1-5"


@pytest.mark.parametrize(
    ("old", "new", "column", "message"),
    [
        ("8,9,7", "0,9,7", "information_1", "answer 0 is outside the scale 1-10"),
        ("8,9,7", "8,9.0,7", "information_2", "'9.0' is not a whole-number answer"),
        ("8,9,7", "8,x,7", "information_2", "'x' is not a whole-number answer"),
        ("8,9,7", "8, 9,7", "information_2", "' 9' has spaces around the answer"),
        (",2024,", ",20x4,", "year", "'20x4' is not a year"),
        (",2024,", ",1066,", "year", "'1066' is not a year"),
        ("2024-03-01", "2024-02-30", "closed_on", "'2024-02-30' is not an ISO date"),
        ("2024-03-01", "1/3/2024", "closed_on", "is not an ISO date"),
        ("business", "företag", "respondent", "expected business or private"),
        ("business", "", "respondent", "'' is not a respondent"),
        ("approved", "bifall", "outcome", "expected approved, rejected, other or empty"),
        ("0136", "", "organisation", "is not an organisation code"),
        ("bygglov", "bygg lov", "area", "is not an area slug"),
        ("a1,", ",", "answer_id", "'' is not an answer id"),
    ],
)
def test_bad_values_name_line_and_column(old: str, new: str, column: str, message: str) -> None:
    bad = GOOD_ROWS[0].replace(old, new, 1)
    assert bad != GOOD_ROWS[0]

    error = _error(_csv([GOOD_ROWS[2], GOOD_ROWS[1], bad]))

    assert (error.file, error.line, error.column) == ("svar.csv", 4, column)
    assert message in error.message


def test_the_first_problem_in_file_order_is_reported() -> None:
    first = GOOD_ROWS[0].replace("approved", "bifall")
    second = GOOD_ROWS[2].replace(",2023,", ",x,")

    error = _error(_csv([second.replace(",1,1,", ",11,1,", 1), first]))

    assert (error.line, error.column) == (2, "year")


def test_duplicate_answer_id_within_an_organisation() -> None:
    other_org = GOOD_ROWS[2].replace("a3", "a1")
    assert len(_read(_csv([GOOD_ROWS[0], other_org]))) == 2

    error = _error(_csv([GOOD_ROWS[0], GOOD_ROWS[1].replace("a2", "a1")]))

    assert (error.line, error.column) == (3, "answer_id")
    assert "occurs twice" in error.message


def test_header_problems() -> None:
    unknown = _error(_csv([], [*HEADER, "extra"]))
    assert (unknown.line, unknown.column) == (1, "extra")
    assert "unknown column 'extra'" in unknown.message

    missing = _error(_csv([], [c for c in HEADER if c != "outcome"]))
    assert (missing.line, missing.column, missing.message) == (1, "outcome", "missing column")

    no_items = _error(_csv([], [c for c in HEADER if not c.startswith("kompetens_")]))
    assert (no_items.line, no_items.column) == (1, "kompetens_1")

    duplicate = _error(_csv([], [*HEADER[:-1], "year"]))
    assert (duplicate.line, duplicate.column, duplicate.message) == (1, "year", "duplicate column")

    spaced = _error(_csv([], [" answer_id", *HEADER[1:]]))
    assert spaced.column == " answer_id"


def test_empty_file() -> None:
    error = _error("")
    assert (error.line, error.column) == (1, "answer_id")
    assert "empty file" in error.message


def test_rows_with_the_wrong_number_of_fields() -> None:
    short = _error(_csv([GOOD_ROWS[0], GOOD_ROWS[2].rsplit(",", 2)[0]]))
    assert (short.line, short.column) == (3, "nki_ideal")
    assert short.message == f"the row has {len(HEADER) - 2} fields but the header has {len(HEADER)}"

    long = _error(_csv([GOOD_ROWS[0] + ",extra"]))
    assert (long.line, long.column) == (2, f"#{len(HEADER) + 1}")


def test_malformed_csv_names_the_field() -> None:
    stray_quote = _error(_csv([GOOD_ROWS[0].replace(",10,7,", ',10,"7"x,')]))
    assert (stray_quote.line, stray_quote.column) == (2, "nki_expectations")
    assert "malformed CSV" in stray_quote.message

    unterminated = _error(_csv([GOOD_ROWS[0], GOOD_ROWS[2] + '"open']))
    assert (unterminated.line, unterminated.column) == (3, "comment")

    nul = _error(_csv([GOOD_ROWS[0].replace("Bra", "B\x00ra")]))
    assert (nul.line, nul.column) == (2, "comment")


def test_multi_line_quoted_comment_keeps_line_numbers() -> None:
    multi = GOOD_ROWS[0].replace("Bra service", '"rad ett\nrad två"')
    table = _read(_csv([multi, GOOD_ROWS[2]]))
    assert table.comment[0] == "rad ett\nrad två"
    assert table.line.tolist() == [2, 4]

    error = _error(_csv([multi, GOOD_ROWS[2].replace(",2023,", ",x,")]))
    assert error.line == 4


def test_non_utf8_bytes_name_line_and_column(tmp_path: Path) -> None:
    text = _csv([GOOD_ROWS[0], GOOD_ROWS[1], GOOD_ROWS[2]])
    data = text.encode("utf-8").replace("Lång".encode(), "Lång".encode("latin-1"))
    path = tmp_path / "latin1.csv"
    path.write_bytes(data)

    error = _error(data)
    with pytest.raises(CanonicalCsvError) as from_path:
        read_canonical_csv(path)

    assert (error.line, error.column) == (3, "comment")
    assert "not UTF-8" in error.message
    assert str(from_path.value).startswith(f"{path}, line 3, column comment: not UTF-8")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CanonicalCsvError, match="cannot read the file"):
        read_canonical_csv(tmp_path / "saknas.csv")


@settings(max_examples=50)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["0136", "0192", "HALLAND"]),
            st.sampled_from(["bygglov", "livsmedel"]),
            st.integers(2015, 2025),
            st.lists(st.one_of(st.none(), st.integers(1, 6)), min_size=9, max_size=9),
            st.text(
                st.characters(blacklist_characters="\x00\r", blacklist_categories=["Cs"]),
                max_size=20,
            ),
        ),
        max_size=12,
    )
)
def test_written_rows_read_back_unchanged(
    rows: list[tuple[str, str, int, list[int | None], str]],
) -> None:
    header = canonical_header(1)
    buffer = io.StringIO()

    writer = csv.writer(buffer)
    writer.writerow(header)
    for k, (organisation, area, year, answers, comment) in enumerate(rows):
        cells = ["" if a is None else str(a) for a in answers]
        writer.writerow([f"id{k}", organisation, area, year, "", "private", "", *cells, comment])

    table = read_canonical_csv(io.StringIO(buffer.getvalue()), Scale(1, 6))

    assert len(table) == len(rows)
    assert [table.organisations[c] for c in table.organisation] == [r[0] for r in rows]
    assert table.year.tolist() == [r[2] for r in rows]
    assert table.comment.tolist() == [r[4] for r in rows]
    for k, (*_, answers, _comment) in enumerate(rows):
        nki = answer_set_nki(answers[6:9], Scale(1, 6))
        assert (nki is None and math.isnan(table.nki()[k])) or nki == table.nki()[k]


# --- hostile files: read, or refused with one line naming the file, line and column --------

_HOSTILE_CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "8",
            "11",
            "0",
            "-1",
            "+8",
            " 8",
            "8.0",
            "٨",
            "²",
            "1e309",
            "nan",
            "=1+1",
            "+cmd|' /C calc'!A0",
            '"',
            '""',
            ",",
            "\n",
            "\r",
            "\x00",
            "\ufeff",
            "0136",
            "bygglov",
            "2024",
            "2024-02-30",
            "business",
            "approved",
            "x" * 200,
            "😀",
        ]
    ),
    st.text(max_size=12),
)


def _assert_read_or_refused(data: bytes) -> None:
    refused: CanonicalCsvError | None = None
    try:
        table = read_canonical_csv(io.BytesIO(data), name="svar.csv")
    except CanonicalCsvError as error:
        refused = error
    if refused is None:
        assert len(table.answer_id) == len(table.comment)
        return
    message = str(refused)
    assert message.startswith(f"svar.csv, line {refused.line}, column "), message
    assert "\n" not in message, message
    assert 1 <= refused.line <= data.count(b"\n") + data.count(b"\r") + 2, message


@settings(max_examples=200)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_are_read_or_refused_with_line_and_column(data: bytes) -> None:
    _assert_read_or_refused(data)


@settings(max_examples=300)
@given(
    rows=st.lists(st.lists(_HOSTILE_CELLS, min_size=20, max_size=24), max_size=5),
    drop=st.sets(st.integers(0, 22), max_size=2),
    extra=st.sampled_from(["", "okänd", "information_0", "nki_satisfied", "comment"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    terminator=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_hostile_canonical_csv_is_read_or_refused_with_line_and_column(
    rows: list[list[str]], drop: set[int], extra: str, encoding: str, terminator: str
) -> None:
    header = [name for k, name in enumerate(canonical_header(1)) if k not in drop]
    if extra:
        header.append(extra)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=terminator).writerows([header, *rows])

    _assert_read_or_refused(buffer.getvalue().encode(encoding, errors="replace"))


@settings(max_examples=150)
@given(
    cells=st.lists(_HOSTILE_CELLS, min_size=1, max_size=3),
    where=st.lists(st.integers(0, 22), min_size=1, max_size=3),
)
def test_one_spoilt_cell_of_a_valid_file_is_named_by_line_and_column(
    cells: list[str], where: list[int]
) -> None:
    header = canonical_header(1)
    row = ["a1", "0136", "bygglov", "2024", "2024-03-01", "business", "approved"]
    row += ["8"] * 9 + ["Bra"]
    for cell, position in zip(cells, where, strict=False):
        row[position % len(row)] = cell
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, row])

    _assert_read_or_refused(buffer.getvalue().encode("utf-8", errors="surrogatepass"))
