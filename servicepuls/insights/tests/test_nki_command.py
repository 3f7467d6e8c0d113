"""Tests of ``servicepuls nki compute`` through call_command and the real console script."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from survey_stats.canonical import canonical_header
from survey_stats.drivers import FACTORS
from survey_stats.groups import summarise
from survey_stats.indices import answer_set_nki

SCRIPT = Path(sys.executable).with_name("servicepuls")
COLUMNS = [
    "organisation",
    "area",
    "year",
    "n",
    "nki",
    "nki_ci_low",
    "nki_ci_high",
    "band",
    "suppressed",
    *FACTORS,
]


def _answers(k: int) -> list[int | None]:
    """Six factor answers and three NKI answers, varied by k; every fifth ideal missing."""
    nki = [6 + k % 5, 5 + k % 4, None if k % 5 == 0 else 7]
    return [4 + k % 7, 8, 9, 7, 6, 5 + k % 3, *nki]


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "svar.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(canonical_header())
        for k in range(12):  # 0136 bygglov 2024: 12 answer sets
            cells = ["" if a is None else a for a in _answers(k)]
            writer.writerow([f"a{k}", "0136", "bygglov", 2024, "", "business", "", *cells, ""])
        for k in range(3):  # 0192 bygglov 2024: 3 answer sets, suppressed
            cells = ["" if a is None else a for a in _answers(k)]
            writer.writerow([f"b{k}", "0192", "bygglov", 2024, "", "private", "", *cells, "Bra"])
    return path


def _run(*args: str) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("nki", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_compute_prints_exactly_the_design_columns_unrounded(answers_file: Path) -> None:
    output, _ = _run("compute", str(answers_file))

    rows = list(csv.DictReader(io.StringIO(output)))
    assert list(rows[0]) == COLUMNS
    haninge, nynashamn = rows
    expected = summarise([answer_set_nki(_answers(k)[6:]) for k in range(12)])
    assert (haninge["organisation"], haninge["area"], haninge["year"]) == (
        "0136",
        "bygglov",
        "2024",
    )
    assert int(haninge["n"]) == 12
    assert float(haninge["nki"]) == expected.nki  # the full float, not a rounded one
    assert expected.nki_ci is not None
    assert float(haninge["nki_ci_low"]) == expected.nki_ci.low
    assert haninge["band"] == expected.band.slug  # type: ignore[union-attr]
    assert haninge["suppressed"] == "false"
    assert float(haninge["bemotande"]) == pytest.approx(800 / 9, abs=1e-12)
    assert nynashamn["n"] == "3"
    assert nynashamn["suppressed"] == "true"
    assert [nynashamn[c] for c in COLUMNS[4:8]] == ["", "", "", ""]
    assert all(nynashamn[f] == "" for f in FACTORS)


def test_compute_json_with_another_grouping(answers_file: Path) -> None:
    output, _ = _run("compute", str(answers_file), "--by", "respondent", "--format", "json")

    rows = json.loads(output)
    assert [r["respondent"] for r in rows] == ["business", "private"]
    assert list(rows[0]) == ["respondent", *COLUMNS[3:]]
    assert rows[0]["suppressed"] is False
    assert isinstance(rows[0]["nki"], float)
    assert rows[1]["nki"] is None
    assert rows[1]["band"] is None


def test_compute_with_another_scale(tmp_path: Path) -> None:
    path = tmp_path / "femgradig.csv"
    header = ",".join(canonical_header())
    rows = [f"x{k},0136,livsmedel,2023,,business,,{'5,' * 6}5,4,3," for k in range(7)]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")

    output, _ = _run("compute", str(path), "--scale", "1-5", "--by", "area")

    row = next(csv.DictReader(io.StringIO(output)))
    assert float(row["nki"]) == 75.0
    assert float(row["information"]) == 100.0
    assert math.isclose(float(row["nki_ci_low"]), 75.0)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--scale", "tio"], "--scale: scale must be written low-high"),
        (["--by", "organisation,kommun"], "--by: cannot group by 'kommun'"),
        (["--by", "year,year"], "--by: a column is repeated"),
    ],
)
def test_bad_options_are_clear_errors(
    answers_file: Path, arguments: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        _run("compute", str(answers_file), *arguments)


def test_bad_file_names_file_line_and_column(answers_file: Path) -> None:
    text = answers_file.read_text(encoding="utf-8").replace(
        "a5,0136,bygglov,2024", "a5,0136,bygglov,20x4"
    )
    answers_file.write_text(text, encoding="utf-8")

    with pytest.raises(CommandError) as error:
        _run("compute", str(answers_file))

    assert (
        str(error.value) == f"{answers_file}, line 7, column year: '20x4' is not a year (1900–2100)"
    )


def _script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the project's own console script
        [str(SCRIPT), "nki", "compute", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.django.test"},
    )


def test_console_script_prints_results(answers_file: Path) -> None:
    result = _script(str(answers_file), "--by", "organisation")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(["organisation", *COLUMNS[3:]])
    assert lines[1].startswith("0136,12,")
    assert lines[2] == "0192,3,,,,,true,,,,,,"


def _broken(answers_file: Path, problem: str) -> Path:
    lines = answers_file.read_bytes().split(b"\n")
    if problem == "empty":
        content = b""
    elif problem == "header":
        content = b"answer_id,organisation\n"
    elif problem == "outside":
        cells = lines[2].split(b",")
        cells[canonical_header().index("nki_satisfied")] = b"11"
        lines[2] = b",".join(cells)
        content = b"\n".join(lines)
    elif problem == "encoding":
        content = b"\n".join([*lines[:1], lines[1] + "Lång".encode("latin-1"), *lines[2:]])
    elif problem == "width":
        content = b"\n".join([*lines[:3], lines[3] + b",extra", *lines[4:]])
    else:
        content = b"\n".join(
            [*lines[:1], lines[1].replace(b"business,,", b"business,bifall,"), *lines[2:]]
        )
    path = answers_file.with_name(f"{problem}.csv")
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        ("empty", "line 1, column answer_id: empty file: expected a header row"),
        ("header", "line 1, column area: missing column"),
        ("outside", "line 3, column nki_satisfied: answer 11 is outside the scale 1-10"),
        ("encoding", "line 2, column comment: not UTF-8 text (save the file as UTF-8)"),
        ("width", "line 4, column #18: the row has 18 fields but the header has 17"),
        ("outcome", "line 2, column outcome: 'bifall' is not an outcome"),
    ],
)
def test_bad_input_is_one_line_naming_file_line_and_column(
    answers_file: Path, problem: str, expected: str
) -> None:
    path = _broken(answers_file, problem)
    stdout = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("nki", "compute", str(path), stdout=stdout)

    assert str(error.value).startswith(f"{path}, {expected}")
    assert "\n" not in str(error.value)
    assert stdout.getvalue() == ""  # nothing half-written


@pytest.mark.parametrize("problem", ["outside", "encoding"])
def test_console_script_bad_input_exits_non_zero_with_one_line(
    answers_file: Path, problem: str
) -> None:
    path = _broken(answers_file, problem)

    result = _script(str(path))

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"CommandError: {path}, line ")
