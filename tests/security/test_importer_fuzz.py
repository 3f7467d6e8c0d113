"""Hypothesis fuzzes every importer: each file is read or refused with a clear error, never crashes.

The results importers (``IMPORTERS``: published NKI and Svenskt Näringsliv) are fuzzed as
parsers with arbitrary bytes and hostile CSV cells, then through the whole import on the
database. The surveys' case import (CSV and Excel, hostile workbooks, damaged zips, seven
encodings), the cases JSON API (with a valid token) and the vendor answer import follow.
Everywhere: no unhandled exception and no 5xx, a message naming the file (and row and
column), all rows or none, and nothing already stored lost. Elsewhere: the canonical CSV
reader in ``survey_stats/tests/test_canonical.py``, the JSON Lines readers in
``swedish_text/tests/test_hostile_text.py`` and ``test_text_command_fuzz.py``, the upload
page in ``servicepuls/surveys/tests/test_importers_fuzz.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicepuls.insights.errors import ExternalResultsImportError
from servicepuls.insights.importers import parse_business_climate, parse_published_results
from servicepuls.insights.services import business_climate_import, published_results_import
from survey_stats.canonical.format import COMMENT_COLUMN, FIXED_COLUMNS
from survey_stats.drivers import FACTORS
from survey_stats.indices import NKI_ITEMS


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


# --- published results and Svenskt Näringsliv: the whole import, on the database ----------

STORE_CELLS = st.one_of(
    CELLS,
    st.sampled_from(["²", "1²", "٣", "³⁴", "\x00", "0136\x00", "2024\x00", "bygglov\x00"]),
)
SERVICES = {
    "published-nki": lambda data: published_results_import(
        name="fuzz.csv", data=data, source="Insikt"
    ),
    "business-climate": lambda data: business_climate_import(name="fuzz.csv", data=data),
}
VALID = {
    "published-nki": b"organisation,year,area,value,n\n0136,2023,bygglov,68,120\n,2023,,75,\n",
    "business-climate": (
        b"organisation,year,summary_rating,n,rank,Kommunens service\n0136,2023,3.4,80,150,3.1\n"
    ),
}


def _results_snapshot() -> list[tuple[Any, ...]]:
    from servicepuls.insights.models import BusinessClimateResult, PublishedResult

    return [
        *PublishedResult.objects.order_by("pk").values_list(),
        *BusinessClimateResult.objects.order_by("pk").values_list(),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda importer: importer.name)
@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(STORE_CELLS, min_size=0, max_size=7), min_size=1, max_size=5),
    separator=st.sampled_from([",", ";"]),
)
def test_results_import_stores_all_rows_or_none_and_keeps_what_is_stored(
    municipality_a: Any, importer: Importer, rows: list[list[str]], separator: str
) -> None:
    SERVICES[importer.name](VALID[importer.name])
    before = _results_snapshot()
    try:
        data = _csv(importer.header, rows, separator)
    except UnicodeEncodeError:
        return
    message = ""
    try:
        with transaction.atomic():
            summary = SERVICES[importer.name](data)
    except importer.error as error:
        message = str(error)
    if message:
        assert message.startswith("fuzz.csv:"), message  # names the file and line
        assert "\n" not in message.strip(), message
        assert _results_snapshot() == before
    else:
        assert summary.created + summary.updated == len(importer.parse("fuzz.csv", data))
        after = {row[0] for row in _results_snapshot()}
        assert {row[0] for row in before} <= after  # updated in place, never deleted


@pytest.mark.parametrize("cell", ["²", "1²", "٣", "³⁴"])
def test_digits_other_than_ascii_are_refused_with_the_line_and_column(cell: str) -> None:
    data = f"organisation,year,area,value,n\n0136,2024,bygglov,50,{cell}\n".encode()

    with pytest.raises(ExternalResultsImportError, match=r"^fuzz\.csv:2: column 'n': .* whole"):
        parse_published_results("fuzz.csv", data)


def test_a_nul_character_is_refused_with_its_line() -> None:
    data = b"organisation,year,area,value,n\n0136,2024,bygglov,50,1\n0192\x00,2024,,50,1\n"

    with pytest.raises(ExternalResultsImportError, match=r"^fuzz\.csv:3: .*NUL character"):
        parse_published_results("fuzz.csv", data)


# --- case and answer imports from Excel: hostile workbooks, on the database ---------------

XLSX_CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(  # Excel has no time zones
        min_value=dt.datetime(1900, 3, 1),  # noqa: DTZ001
        max_value=dt.datetime(2100, 1, 1),  # noqa: DTZ001
    ),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(
        [
            "",
            "=1+1",
            '=HYPERLINK("http://example.com","klicka")',
            "+cmd|' /C calc'!A0",
            "@SUM(A1:A2)",
            "-2+3",
            "bygglov",
            "Bygglov",
            "frisör",
            "företag",
            "privat",
            "business",
            "2026-10-01",
            "2026-02-30",
            "556036-0793",
            "a@example.se",
            "a" * 250 + "@example.se",  # a valid address longer than the database column
            "070-123 45 67",
            "070" + " " * 40 + "1234567",  # a phone number longer than its column
            "1 200,50",
            "x" * 32_000,
            "²",
            "😀",
        ]
    ),
    st.text(max_size=20),
)
XLSX_TEXTS = XLSX_CELLS.map(lambda value: "" if value is None else str(value))
CASE_HEADERS = [
    "Diarienummer",
    "Område",
    "Kundtyp",
    "Beslutsdatum",
    "E-post",
    "Telefon",
    "Orgnr",
    "Avgift",
    "Utfall",
    "\ufeffDiarienummer",
    "okänd kolumn",
    "",
]


def _xlsx(header: list[Any], rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def storable(value: Any) -> Any:  # control characters cannot be written to a workbook
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [header, *rows]:
        sheet.append([storable(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_text(rows: list[list[str]], separator: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _cases_snapshot() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every stored case and contact, field by field."""
    from servicepuls.surveys.models import Case, CaseContact

    return (
        list(Case.objects.order_by("pk").values_list()),
        list(CaseContact.objects.order_by("pk").values_list()),
    )


def _stored_case(organisation: Any) -> None:
    from servicepuls.organisations.models import AuthorityArea
    from servicepuls.surveys.services.cases import CaseInput, cases_store

    area = AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True)
    cases_store(
        organisation=organisation,
        cases=[
            CaseInput(
                external_id="STORED-1",
                area_id=area.pk,
                respondent="business",
                decided_on=dt.date(2026, 10, 1),
                email="stored@example.se",
            )
        ],
        source="import",
    )


def _import_run(organisation: Any, kind: str, filename: str, data: bytes) -> Any:
    """Create and run an import; None when the file is refused at once (with a message)."""
    from servicepuls.surveys.errors import ImportFileError
    from servicepuls.surveys.models import DataImport
    from servicepuls.surveys.services.imports import data_import_create, data_import_run

    try:
        data_import = data_import_create(
            organisation=organisation, kind=kind, filename=filename, data=data
        )
    except ImportFileError as error:
        refused = error.message
    else:
        refused = ""
    if refused:
        assert refused.startswith(filename), refused  # names the file (and row, column)
        return None
    DataImport.objects.filter(pk=data_import.pk).update(status="queued")
    data_import.refresh_from_db()
    return data_import_run(data_import=data_import)


def _assert_all_or_nothing(data_import: Any, before: tuple[list[Any], list[Any]]) -> None:
    if data_import is None or data_import.status == "failed":
        assert _cases_snapshot() == before
        for error in data_import.errors if data_import is not None else []:
            assert isinstance(error["row"], int)
            assert error["row"] >= 1
            assert error["message"]
            assert "column" in error
    else:
        assert data_import.status == "succeeded", data_import.status
        # Cases are updated in place (their contact details replaced), never deleted.
        assert {case[0] for case in before[0]} <= {case[0] for case in _cases_snapshot()[0]}


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.lists(st.sampled_from(CASE_HEADERS), min_size=1, max_size=9, unique=True),
    rows=st.lists(st.lists(XLSX_CELLS, max_size=10), max_size=5),
)
def test_case_import_from_a_hostile_workbook_is_all_or_nothing(
    municipality_a: Any, header: list[str], rows: list[list[Any]]
) -> None:
    _stored_case(municipality_a)
    before = _cases_snapshot()

    data_import = _import_run(municipality_a, "cases", "fuzz.xlsx", _xlsx(header, rows))

    _assert_all_or_nothing(data_import, before)


@pytest.mark.django_db
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(XLSX_CELLS, min_size=4, max_size=4), min_size=1, max_size=4),
    cut=st.integers(0, 10_000),
    flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=4),
)
def test_a_damaged_workbook_is_refused_or_read_never_crashes(
    municipality_a: Any, rows: list[list[Any]], cut: int, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(_xlsx(["Diarienummer", "Område", "Kundtyp", "Beslutsdatum"], rows))
    for position, value in flips:
        data[position % len(data)] = value
    if cut:
        data = data[: cut % len(data)] or data
    _stored_case(municipality_a)
    before = _cases_snapshot()

    data_import = _import_run(municipality_a, "cases", "fuzz.xlsx", bytes(data))

    _assert_all_or_nothing(data_import, before)


ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "mac-roman"]


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    encoding=st.sampled_from(ENCODINGS),
    header=st.lists(st.sampled_from(CASE_HEADERS), min_size=1, max_size=9, unique=True),
    rows=st.lists(st.lists(XLSX_TEXTS, max_size=10), max_size=5),
    separator=st.sampled_from([",", ";", "\t"]),
)
def test_case_import_from_csv_in_any_encoding_is_all_or_nothing(
    municipality_a: Any, encoding: str, header: list[str], rows: list[list[str]], separator: str
) -> None:
    data = _csv_text([header, *rows], separator).encode(encoding, errors="replace")
    _stored_case(municipality_a)
    before = _cases_snapshot()

    data_import = _import_run(municipality_a, "cases", "fuzz.csv", data)

    _assert_all_or_nothing(data_import, before)


VALID_CASE_CELLS: dict[str, list[Any]] = {
    "Diarienummer": ["BN-1", "BN-2", "STORED-1", "x" * 100],
    "Område": ["bygglov", "Livsmedelskontroll", "miljo_halsoskydd"],
    "Kundtyp": ["företag", "privat", "business"],
    "Beslutsdatum": ["2026-10-01", dt.date(2026, 9, 30), "2025-01-31"],
    # Valid addresses and numbers, some longer than a database column.
    "E-post": ["", "a@example.se", "a" * 250 + "@example.se", "ö@exempel.se"],
    "Telefon": ["", "070-123 45 67", "+46 (0)8 123 456 78", "0" + " " * 35 + "812345"],
    "Orgnr": ["", "556036-0793", "165560360793"],
    "Avgift": ["", "1 200,50", "9999999999.99", 12.5],
    "Utfall": ["", "bifall", "avslag", "annat"],
}


@st.composite
def case_rows(draw: Any) -> dict[str, Any]:
    """A valid row with at most one cell replaced by a hostile value: rows get past the parser."""
    row = {name: draw(st.sampled_from(values)) for name, values in VALID_CASE_CELLS.items()}
    spoilt = draw(st.sampled_from([None, *VALID_CASE_CELLS]))
    if spoilt is not None:
        row[spoilt] = draw(XLSX_CELLS)
    return row


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        case_rows(), min_size=1, max_size=4, unique_by=lambda row: str(row["Diarienummer"])
    ),
    as_xlsx=st.booleans(),
)
def test_case_import_of_nearly_valid_rows_is_all_or_nothing(
    municipality_a: Any, rows: list[dict[str, Any]], as_xlsx: bool
) -> None:
    header = list(VALID_CASE_CELLS)
    cells = [[row[name] for name in header] for row in rows]
    if as_xlsx:
        data, filename = _xlsx(header, cells), "fuzz.xlsx"
    else:
        texts = [["" if value is None else str(value) for value in row] for row in cells]
        data, filename = _csv_text([header, *texts], ";").encode("utf-8"), "fuzz.csv"
    _stored_case(municipality_a)
    before = _cases_snapshot()

    data_import = _import_run(municipality_a, "cases", filename, data)

    _assert_all_or_nothing(data_import, before)


# --- the cases JSON API, with a valid token ---------------------------------------------

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["\ud800", "a\x00b", "2026-10-01\x00", "BN-1\u200b"]),
    XLSX_TEXTS,
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def api_cases(draw: Any) -> Any:
    """A valid case with one field spoilt or a junk field added, or any JSON value."""
    case = {
        "external_id": draw(st.sampled_from(["BN-1", "BN-2", "STORED-1"])),
        "area": "bygglov",
        "respondent": "business",
        "email": "a@example.se",
        "phone": "070-123 45 67",
        "decided_on": "2026-10-01",
        "fee": "100.00",
    }
    field = draw(st.sampled_from([None, "junk", *case, "organisation_number", "outcome"]))
    if field is not None:
        case[field] = draw(JSON_VALUES)
    return draw(st.one_of(st.just(case), st.just(case), JSON_VALUES))


@pytest.mark.django_db
@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.one_of(
        st.fixed_dictionaries({"cases": st.lists(api_cases(), max_size=4)}),
        JSON_VALUES.map(lambda value: {"cases": value}),
        JSON_VALUES,
    ),
    raw=st.one_of(st.none(), st.binary(max_size=200)),
)
def test_case_api_answers_a_hostile_body_with_200_or_400_and_is_all_or_nothing(
    client: Any, municipality_a: Any, body: Any, raw: bytes | None
) -> None:
    from django.core.cache import cache

    from servicepuls.surveys.services.api_tokens import case_api_token_create

    cache.clear()  # the API throttle
    _stored_case(municipality_a)
    _token, secret = case_api_token_create(organisation=municipality_a, name="fuzz")
    before = _cases_snapshot()
    payload = raw if raw is not None else json.dumps(body).encode()  # surrogates as escapes

    response = client.post(
        "/api/v1/surveys/cases/",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {secret}",
    )

    assert response.status_code in (200, 400), (response.status_code, response.content[:300])
    if response.status_code == 400:
        assert response.json()["code"], response.content[:300]
        assert _cases_snapshot() == before
    else:
        cases = body["cases"]
        assert sum(response.json().values()) == len(cases)
        assert {case[0] for case in before[0]} <= {case[0] for case in _cases_snapshot()[0]}


# --- vendor answer sets (the canonical CSV) from Excel and other encodings ---------------

ANSWER_COLUMNS = [
    *FIXED_COLUMNS,
    *(f"{factor}_1" for factor in FACTORS),
    *NKI_ITEMS,
    COMMENT_COLUMN,
]
VALID_ANSWER = ["v-1", "0136", "bygglov", "2025", "2025-03-01", "business", "approved"]
VALID_ANSWER += ["8"] * 9 + ["Bra bemötande, tack Karin på 070-123 45 67"]


def _answers_snapshot() -> list[tuple[Any, ...]]:
    from servicepuls.surveys.models import SurveyAnswer

    return list(SurveyAnswer.objects.order_by("pk").values_list())


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    spoilt=st.lists(st.tuples(st.integers(0, 16), XLSX_CELLS), max_size=2),
    dropped=st.sets(st.integers(0, 16), max_size=1),
    extra=st.sampled_from(["", "okänd", "information_2", "=1+1"]),
    form=st.sampled_from(["xlsx", "utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_answer_import_from_hostile_files_is_all_or_nothing(
    municipality_a: Any,
    spoilt: list[tuple[int, Any]],
    dropped: set[int],
    extra: str,
    form: str,
) -> None:
    from servicepuls.surveys.errors import ImportFileError
    from servicepuls.surveys.models import DataImport
    from servicepuls.surveys.services.imports import data_import_create, data_import_run

    row: list[Any] = list(VALID_ANSWER)
    for position, value in spoilt:
        row[position] = value
    header = [name for k, name in enumerate(ANSWER_COLUMNS) if k not in dropped]
    row = [value for k, value in enumerate(row) if k not in dropped]
    if extra:
        header.append(extra)
        row.append("")
    if form == "xlsx":
        data, filename = _xlsx(header, [row]), "svar.xlsx"
    else:
        texts = [["" if value is None else str(value) for value in row]]
        data = _csv_text([header, *texts], ",").encode(form, errors="replace")
        filename = "svar.csv"
    before = _answers_snapshot()

    refused = ""
    try:
        data_import = data_import_create(
            organisation=municipality_a, kind="answers", filename=filename, data=data
        )
    except ImportFileError as error:
        refused = error.message
    if refused:
        assert refused.startswith(filename), refused
        assert _answers_snapshot() == before
        return
    DataImport.objects.filter(pk=data_import.pk).update(status="queued")
    data_import.refresh_from_db()
    data_import = data_import_run(data_import=data_import)
    if data_import.status == "failed":
        assert _answers_snapshot() == before
        assert all(error["message"] and error["row"] >= 1 for error in data_import.errors)
    else:
        assert data_import.status == "succeeded"
        assert {answer[0] for answer in before} <= {answer[0] for answer in _answers_snapshot()}
