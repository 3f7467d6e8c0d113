"""Read a CSV or Excel file into a header and rows of strings."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils.translation import gettext as _

from servicepuls.surveys.errors import ImportFileError

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200


@dataclass(frozen=True, slots=True)
class Table:
    """A file's header and its data rows (each padded or cut to the header's width)."""

    filename: str
    header: list[str]
    rows: list[list[str]]

    def first_line_number(self) -> int:
        """The file row of ``rows[0]`` (the header is row 1)."""
        return 2


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_check(filename: str, header: list[str]) -> list[str]:
    header = [name.strip().lstrip("\ufeff") for name in header]
    if not any(header):
        raise ImportFileError(
            _("%(file)s: the first row must name the columns.") % {"file": filename}
        )
    if len(header) > MAX_COLUMNS:
        raise ImportFileError(
            _("%(file)s: more than %(max)s columns.") % {"file": filename, "max": MAX_COLUMNS}
        )
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            raise ImportFileError(
                _("%(file)s, row 1, column %(position)s: the column has no name.")
                % {"file": filename, "position": position}
            )
        if name in seen:
            raise ImportFileError(
                _("%(file)s, row 1, column %(column)s: the column name appears twice.")
                % {"file": filename, "column": name}
            )
        seen.add(name)
    return header


def _decode(filename: str, data: bytes) -> str:
    if b"\x00" in data:
        raise ImportFileError(_("%(file)s: this is not a text (CSV) file.") % {"file": filename})
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Excel versions on Windows save CSV in Windows-1252.
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """Semicolon where the header has more of them than commas (Swedish Excel), else comma."""
    first_line = text.split("\n", 1)[0]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _csv_read(filename: str, data: bytes) -> Table:
    text = _decode(filename, data)
    delimiter = _delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        lines = iter(reader)
        header = _header_check(filename, next(lines, []))
        rows: list[list[str]] = []
        for line in lines:
            if not any(cell.strip() for cell in line):
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(
                    _("%(file)s: more than %(max)s rows.") % {"file": filename, "max": MAX_ROWS}
                )
            rows.append(_fit([cell.strip() for cell in line], len(header)))
    except csv.Error as error:
        raise ImportFileError(
            _("%(file)s, row %(row)s: the CSV is malformed (%(error)s).")
            % {"file": filename, "row": reader.line_num, "error": error}
        ) from error
    return Table(filename=filename, header=header, rows=rows)


def _fit(cells: list[str], width: int) -> list[str]:
    return (cells + [""] * width)[:width] if len(cells) != width else cells


def _xlsx_read(filename: str, data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(
            _("%(file)s: the Excel file cannot be read.") % {"file": filename}
        ) from error
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = _header_check(filename, [_cell_text(v) for v in next(lines, ())])
        rows: list[list[str]] = []
        for line in lines:
            cells = [_cell_text(value) for value in line]
            if not any(cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(
                    _("%(file)s: more than %(max)s rows.") % {"file": filename, "max": MAX_ROWS}
                )
            rows.append(_fit(cells, len(header)))
    except ImportFileError:
        raise
    except Exception as error:
        raise ImportFileError(
            _("%(file)s: the Excel file cannot be read.") % {"file": filename}
        ) from error
    finally:
        workbook.close()
    return Table(filename=filename, header=header, rows=rows)


def table_read(*, filename: str, data: bytes) -> Table:
    """Read CSV (UTF-8 or Windows-1252, comma or semicolon) or Excel (.xlsx) by content."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("%(file)s: the file is larger than %(max)s MB.")
            % {"file": filename, "max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise ImportFileError(_("%(file)s: the file is empty.") % {"file": filename})
    if data[:4] == b"PK\x03\x04" and zipfile.is_zipfile(io.BytesIO(data)):
        return _xlsx_read(filename, data)
    return _csv_read(filename, data)


def csv_canonical(*, filename: str, data: bytes) -> bytes:
    """A CSV file as UTF-8 with commas, line for line, for readers of the canonical form.

    A file that already is so is returned as it is; one saved by a Swedish Excel
    (semicolons, Windows-1252) is written out again, every line kept in place, so that a
    problem is still reported at the line and column of the file the user sent.
    """
    text = _decode(filename, data)
    delimiter = _delimiter(text)
    if delimiter == "," and not _is_cp1252(data):
        return data
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for line in reader:
            writer.writerow(line)
    except csv.Error as error:
        raise ImportFileError(
            _("%(file)s, row %(row)s: the CSV is malformed (%(error)s).")
            % {"file": filename, "row": reader.line_num, "error": error}
        ) from error
    return buffer.getvalue().encode("utf-8")


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return True
    return False
