"""Hypothesis fuzzing of ``servicepuls text analyze`` and ``evaluate`` with broken JSON Lines.

Files mix good records with lines that are not JSON, not objects, nested too deeply,
carry escaped lone surrogates, wrong types, unknown labels or undecodable bytes. Each
broken line is reported on stderr as ``FILE:LINE: …``, every other line is processed,
the command exits non-zero (``CommandError``) exactly when a line was broken, and the
output is written to a strict UTF-8 stream as the console script does.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

GOOD = {
    "text": "Handläggaren Karin Lund på bygglov svarade aldrig. Ring 070-123 45 67.",
    "area": "bygglov",
    "factors": ["tillganglighet"],
    "sentiment": "negative",
    "pii": [{"type": "person", "text": "Karin Lund"}, {"type": "phone", "text": "070-123 45 67"}],
}
BROKEN: list[bytes] = [
    b"{",
    b"{broken",
    b"[]",
    b"null",
    b'"text"',
    b'{"id": "x"}',
    b'{"id": "x", "text": 5}',
    b"[" * 50_000,
    b'{"a":' * 50_000,
    b"\xff\xfe\x00 binary \x80\x81",
    b'{"text": "a"} trailing',
    b"1" * 5000,
]
# Valid records for ``analyze`` (a text) but not for ``evaluate`` (no valid labels).
UNLABELLED = [
    b'{"id": "x", "text": "Hej \\ud800 Karin \\udfff Lund"}',
    b'{"id": "x", "text": "\\u0000\\u001b[31m \xf0\x9f\x98\x80 \xd0\x96"}',
    b'{"id": "x", "text": "a", "area": "m\xc3\xa5nen", "factors": [], "sentiment": "?"}',
    b'{"id": "x", "text": "a", "factors": "bemotande"}',
]


def _good(number: int) -> bytes:
    return json.dumps({**GOOD, "id": number}, ensure_ascii=False).encode()


files = st.lists(
    st.one_of(st.none(), st.sampled_from(BROKEN + UNLABELLED)), min_size=1, max_size=10
)


def _run(subcommand: str, data: bytes) -> tuple[int, str, str]:
    """Run the command on ``data``; return (exit code 0/1, stdout, stderr)."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "in.jsonl"
        path.write_bytes(data)
        out_bytes, err = io.BytesIO(), io.StringIO()
        out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict", write_through=True)
        args = [subcommand, str(path)] + (["--json"] if subcommand == "evaluate" else [])
        message = ""
        try:
            call_command("text", *args, stdout=out, stderr=err)
        except CommandError as error:
            message = str(error)
        assert message == "" or message.startswith(f"{path}: "), message
        code = 1 if message else 0
        return code, out_bytes.getvalue().decode("utf-8"), err.getvalue().replace(str(path), "F")


@settings(max_examples=40)
@given(files)
def test_text_analyze_reports_broken_lines_and_analyses_the_rest(
    layout: list[bytes | None],
) -> None:
    lines = [_good(number) if line is None else line for number, line in enumerate(layout, 1)]

    code, out, err = _run("analyze", b"\n".join(lines) + b"\n")

    rows = [json.loads(line) for line in out.splitlines()]
    good = [number for number, line in enumerate(layout, 1) if line is None]
    unlabelled = sum(line in UNLABELLED for line in layout)
    assert [row["id"] for row in rows if row["id"] != "x"] == good
    assert len(rows) == len(good) + unlabelled
    assert all("070-123 45 67" not in row["redacted_text"] for row in rows)
    broken = [number for number, line in enumerate(layout, 1) if line in BROKEN]
    assert [int(line.split(":")[1]) for line in err.splitlines()] == broken
    assert all(line.startswith("F:") for line in err.splitlines())
    assert code == (1 if broken else 0)


@settings(max_examples=25)
@given(files)
def test_text_evaluate_reports_broken_lines_and_counts_the_rest(layout: list[bytes | None]) -> None:
    lines = [_good(number) if line is None else line for number, line in enumerate(layout, 1)]

    code, out, err = _run("evaluate", b"\n".join(lines) + b"\n")

    figures = json.loads(out)
    good = [number for number, line in enumerate(layout, 1) if line is None]
    assert figures["classification"]["records"] == len(good)
    broken = [number for number, line in enumerate(layout, 1) if line is not None]
    assert [int(line.split(":")[1]) for line in err.splitlines()] == broken
    assert code == (1 if broken else 0)


@pytest.mark.parametrize("subcommand", ["analyze", "evaluate"])
def test_an_empty_or_blank_file_is_no_error(subcommand: str) -> None:
    code, _out, err = _run(subcommand, b"\n \n\t\n")

    assert (code, err) == (0, "")
