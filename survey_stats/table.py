"""The NKI results table of ``servicepuls nki compute`` (``DESIGN.md`` §6).

One row per group with the columns: the grouping keys, ``n``, ``nki``, ``nki_ci_low``,
``nki_ci_high``, ``band``, ``suppressed`` and one column per factor index (``information`` …
``effektivitet``). Values are unrounded (Python's shortest round-trip form); a suppressed row
has empty value cells (``null`` in JSON), as has a factor index withheld on its own.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

import numpy as np

from survey_stats.bands import BANDS
from survey_stats.canonical import KEY_COLUMNS, AnswerTable
from survey_stats.drivers import FACTORS
from survey_stats.groups import GroupTable, answer_table_groups

__all__ = [
    "DEFAULT_BY",
    "ResultRow",
    "parse_by",
    "result_columns",
    "result_rows",
    "results_csv",
    "results_json",
]

DEFAULT_BY: tuple[str, ...] = ("organisation", "area", "year")
"""The default grouping of ``nki compute``."""

ResultRow = dict[str, str | int | float | bool | None]


def parse_by(text: str) -> tuple[str, ...]:
    """Read a ``--by`` list such as ``"organisation,year"``.

    Raises
    ------
    ValueError
        For an empty list, an unknown column or a repeated one.

    Examples
    --------
    >>> parse_by("organisation, year")
    ('organisation', 'year')
    """
    names = tuple(part.strip() for part in text.split(","))
    if not any(names):
        raise ValueError(f"--by needs one or more of {', '.join(KEY_COLUMNS)}")
    for name in names:
        if name not in KEY_COLUMNS:
            raise ValueError(
                f"--by: cannot group by {name!r}; expected some of {', '.join(KEY_COLUMNS)}"
            )
    if len(set(names)) != len(names):
        raise ValueError(f"--by: a column is repeated in {text!r}")
    return names


def result_columns(by: Sequence[str]) -> tuple[str, ...]:
    """The output columns for a grouping.

    Examples
    --------
    >>> result_columns(["area"])[:8]
    ('area', 'n', 'nki', 'nki_ci_low', 'nki_ci_high', 'band', 'suppressed', 'information')
    """
    return (*by, "n", "nki", "nki_ci_low", "nki_ci_high", "band", "suppressed", *FACTORS)


def _value(number: np.float64) -> float | None:
    return None if np.isnan(number) else float(number)


def result_rows(groups: GroupTable) -> list[ResultRow]:
    """The output rows of a group table (``None`` for an empty cell)."""
    rows: list[ResultRow] = []
    for g in range(len(groups)):
        row: ResultRow = dict(zip(groups.key_names, groups.labels(g), strict=True))
        suppressed = bool(groups.suppressed[g])
        row["n"] = int(groups.n[g])
        row["nki"] = _value(groups.nki[g])
        row["nki_ci_low"] = _value(groups.ci_low[g])
        row["nki_ci_high"] = _value(groups.ci_high[g])
        row["band"] = None if suppressed else BANDS[int(groups.band[g])].slug
        row["suppressed"] = suppressed
        for k, factor in enumerate(FACTORS):
            row[factor] = _value(groups.factors[g, k])
        rows.append(row)
    return rows


def _cell(value: str | int | float | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def results_csv(table: AnswerTable, by: Sequence[str] = DEFAULT_BY) -> str:
    """The results of an answer table as CSV text (header and one line per group).

    Examples
    --------
    >>> from survey_stats.canonical import canonical_header, read_canonical_csv
    >>> rows = [f"a{i},0136,bygglov,2024,,business,,{'8,' * 6}10,{i},,\\n" for i in range(1, 8)]
    >>> data = read_canonical_csv(io.StringIO(",".join(canonical_header()) + "\\n" + "".join(rows)))
    >>> print(results_csv(data, ["area"]), end="")
    area,n,nki,nki_ci_low,nki_ci_high,band,suppressed,information,tillganglighet,bemotande,kompetens,rattssakerhet,effektivitet
    bygglov,7,66.66666666666666,55.56724910949213,77.76608422384118,godkant,false,77.77777777777779,77.77777777777779,77.77777777777779,77.77777777777779,77.77777777777779,77.77777777777779
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result_columns(by))
    for row in result_rows(answer_table_groups(table, by)):
        writer.writerow([_cell(v) for v in row.values()])
    return buffer.getvalue()


def results_json(table: AnswerTable, by: Sequence[str] = DEFAULT_BY) -> str:
    """The results of an answer table as a JSON array of objects (``null`` for empty)."""
    return json.dumps(result_rows(answer_table_groups(table, by)), ensure_ascii=False, indent=2)
