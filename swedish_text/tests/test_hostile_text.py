"""Hypothesis fuzzing of redaction and the classifier with hostile text.

Arbitrary Unicode (control characters, emoji, mixed scripts, combining marks, bidi
overrides), binary garbage decoded with ``errors="replace"``, lone surrogates and very long
texts: nothing raises, the time stays bounded, and the results keep their contract (DESIGN
§5) — spans inside the text, ordered and non-overlapping, each replaced by a well-formed
placeholder, confidences in [0, 1], known labels, reasons taken from the redacted text, and
the same output for the same text. ``test_redaction_properties`` covers the redactor with
Swedish-looking text; this module adds what hostile input brings.
"""

from __future__ import annotations

import io
import json
import math
import random
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from swedish_text import Analyzer, redact
from swedish_text.analysis import MAX_ANALYSIS_CHARS, TextAnalysis
from swedish_text.batch import LineError, analyze_lines, labelled_lines
from swedish_text.normalize import tokenize
from swedish_text.redaction import PII_TYPES, PLACEHOLDERS, RedactionResult
from swedish_text.redaction.evaluate import RecordError, read_labelled_jsonl
from swedish_text.training import CorpusError
from swedish_text.training import read_labelled_jsonl as read_training_jsonl

PLACEHOLDER = re.compile(r"\[[a-z-]+\]")

# Personal data and Swedish words, so that hostile characters land next to, and inside,
# the things the detectors look for.
_PIECES = [
    "Karin Lindqvist",
    "handläggaren Per",
    "Lisa på bygglov",
    "070-123 45 67",
    "+46 8 12 34 56",
    "19850612-1234",
    "850612+1234",
    "556677-8899",
    "kalle@exempel.se",
    "Storgatan 12 B",
    "bygglov",
    "miljöförvaltningen",
    "svarade aldrig",
    "tack",
    "[namn]",
    "[",
    "]",
]
_HOSTILE = [
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\u0085",
    "\u00a0",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\ufffd",
    "\u0301",
    "😀",
    "👩🏽‍💼",
    "🇸🇪",
    "Смешанный",
    "مرحبا",
    "東京",
    "עברית",
    "ｆｕｌｌｗｉｄｔｈ",
    "𝔉𝔯𝔞𝔨𝔱𝔲𝔯",
    "١٢٣",
    "\t",
    "\r\n",
]
_alphabet = st.characters()  # every code point but lone surrogates
hostile_texts = st.one_of(
    st.text(_alphabet, max_size=400),
    st.lists(
        st.one_of(st.sampled_from(_PIECES + _HOSTILE), st.text(_alphabet, max_size=8)),
        max_size=60,
    ).map("".join),
    st.lists(st.sampled_from(_PIECES + _HOSTILE), max_size=40).map(" ".join),
    st.binary(max_size=1500).map(lambda data: data.decode("utf-8", errors="replace")),
)
# What a JSON "\ud800" escape yields: a str with a lone surrogate.
texts_with_surrogates = st.text(
    st.characters(min_codepoint=0xD7F0, max_codepoint=0xE010, exclude_categories=())
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load()


def _assert_redaction_contract(text: str, result: RedactionResult) -> None:
    rebuilt, position = [], 0
    for span in result.spans:
        assert span.type in PII_TYPES
        assert position <= span.start < span.end <= len(text), (span, len(text))
        rebuilt += [text[position : span.start], PLACEHOLDERS[span.type]]
        position = span.end
    rebuilt.append(text[position:])
    assert "".join(rebuilt) == result.text


def test_every_placeholder_is_a_bracketed_lower_case_label() -> None:
    assert set(PLACEHOLDERS) == set(PII_TYPES)
    assert all(PLACEHOLDER.fullmatch(placeholder) for placeholder in PLACEHOLDERS.values())


@settings(max_examples=300)
@given(hostile_texts)
def test_redaction_of_hostile_text_keeps_its_contract_and_is_deterministic(text: str) -> None:
    result = redact(text)

    _assert_redaction_contract(text, result)
    assert redact(text) == result


@settings(max_examples=100)
@given(texts_with_surrogates)
def test_lone_surrogates_do_not_break_redaction(text: str) -> None:
    _assert_redaction_contract(text, redact(text))


def _assert_analysis_contract(analyzer: Analyzer, text: str, result: TextAnalysis) -> None:
    model = analyzer.model
    analysed = text[:MAX_ANALYSIS_CHARS]
    _assert_redaction_contract(analysed, RedactionResult(result.redacted_text, result.pii))
    assert result.area.label in model.areas
    assert result.sentiment.label in model.sentiments
    labels = [factor.label for factor in result.factors]
    assert labels
    assert len(set(labels)) == len(labels)
    assert set(labels) <= set(model.factors)
    words = {token.text for token in tokenize(result.redacted_text)}
    for tag in (result.area, result.sentiment, *result.factors):
        assert isinstance(tag.confidence, float)
        assert math.isfinite(tag.confidence), tag
        assert 0.0 <= tag.confidence <= 1.0, tag
        assert set(tag.reasons) <= words, (tag.reasons, result.redacted_text)
    assert result.language in {"sv", "en", "und"}


@settings(max_examples=300)
@given(hostile_texts)
def test_analysis_of_hostile_text_keeps_its_contract_and_is_deterministic(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)

    _assert_analysis_contract(analyzer, text, result)
    assert analyzer.analyze(text) == result
    # The output of ``servicepuls text analyze`` can be written as UTF-8.
    json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8")


def _megabyte(seed: int) -> str:
    """1 MB of decoded binary garbage, hostile characters and personal data, mixed."""
    rng = random.Random(seed)
    garbage = rng.randbytes(400_000).decode("utf-8", errors="replace")
    chunks = [garbage[i : i + rng.randint(1, 400)] for i in range(0, len(garbage), 200)]
    parts, size = [], 0
    while size < 1_000_000:
        part = rng.choice([rng.choice(chunks), rng.choice(_PIECES), rng.choice(_HOSTILE)])
        parts += [part, " "]
        size += len(part) + 1
    return "".join(parts)[:1_000_000]


def test_a_megabyte_of_hostile_text_is_redacted_within_a_time_budget() -> None:
    text = _megabyte(1)

    started = time.perf_counter()
    result = redact(text)
    elapsed = time.perf_counter() - started

    _assert_redaction_contract(text, result)
    assert "070-123 45 67" not in result.text
    # Linear in the text; a few seconds on a laptop. The budget catches a quadratic path.
    assert elapsed < 60, f"redacting 1 MB took {elapsed:.1f} s"


def test_a_megabyte_of_hostile_text_is_analysed_within_a_time_budget(
    analyzer: Analyzer,
) -> None:
    text = _megabyte(2)

    started = time.perf_counter()
    result = analyzer.analyze(text)
    elapsed = time.perf_counter() - started

    _assert_analysis_contract(analyzer, text, result)  # of the first MAX_ANALYSIS_CHARS only
    assert elapsed < 20, f"analysing 1 MB took {elapsed:.1f} s"


# --- JSON Lines: one broken line never stops a batch ----------------------------------------

_GOOD = '{"id": %d, "text": "Handläggaren Karin svarade snabbt. Tack!"}'
_LABELLED = (
    '{"id": "%d", "text": "Bygglovet tog för lång tid.", "area": "bygglov", '
    '"factors": ["effektivitet"], "sentiment": "negative", "pii": []}'
)
broken_lines = st.one_of(
    st.sampled_from(
        [
            "{",
            "{broken",
            "[]",
            "null",
            "42",
            '"text"',
            '{"id": 1}',
            '{"text": 5}',
            '{"text": null}',
            '{"text": ["a"]}',
            '{"text": "a", "area": "månen", "factors": ["x"], "sentiment": "?"}',
            '{"text": "a", "pii": [{"type": ["unhashable"], "text": "a"}]}',
            '{"text": "a", "pii": [{"type": "person", "text": "saknas"}]}',
            '{"text": "a", "pii": "x"}',
            "[" * 50_000,
            '{"a":' * 50_000,
            "\ufffd\ufffd binary",
            '{"text": "a"} trailing',
            "NaN",
            "1" * 5000,
        ]
    ),
    st.text(st.characters(codec="utf-8", exclude_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85"))
    .filter(lambda line: line.strip() != "")
    .filter(lambda line: not line.lstrip().startswith(("{", "["))),
)


def _has_text(line: str) -> bool:
    """Whether ``line`` is a record ``analyze`` can use: a JSON object with a string text."""
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and isinstance(data.get("text"), str)


@settings(max_examples=150)
@given(st.lists(st.one_of(st.none(), broken_lines), min_size=1, max_size=12))
def test_analyze_lines_reports_each_broken_line_and_processes_the_rest(
    analyzer: Analyzer, layout: list[str | None]
) -> None:
    lines = [_GOOD % number if line is None else line for number, line in enumerate(layout, 1)]

    results = list(analyze_lines(lines, analyzer))

    good = [number for number, line in enumerate(layout, 1) if line is None]
    analysed = [result for result in results if not isinstance(result, LineError)]
    assert [result["id"] for result in analysed if isinstance(result["id"], int)] == good
    assert len(analysed) == sum(map(_has_text, lines))
    errors = [result for result in results if isinstance(result, LineError)]
    broken = {number for number, line in enumerate(lines, 1) if not _has_text(line)}
    assert {error.line for error in errors} == broken
    assert all(str(error).startswith(f"line {error.line}: ") for error in errors)


@settings(max_examples=100)
@given(st.lists(st.one_of(st.none(), broken_lines), min_size=1, max_size=12))
def test_labelled_readers_report_each_broken_line_and_read_the_rest(
    layout: list[str | None],
) -> None:
    lines = [_LABELLED % number if line is None else line for number, line in enumerate(layout, 1)]
    good = [number for number, line in enumerate(layout, 1) if line is None]

    items = list(labelled_lines(lines))
    assert [item[0] for item in items if not isinstance(item, LineError)] == good

    records = list(read_labelled_jsonl(io.StringIO("".join(line + "\n" for line in lines))))
    kept = [record.id for record in records if not isinstance(record, RecordError)]
    assert [int(identifier) for identifier in kept if identifier.isdigit()] == good
    assert all(error.line >= 1 for error in records if isinstance(error, RecordError))


def test_an_escaped_lone_surrogate_becomes_a_replacement_character(analyzer: Analyzer) -> None:
    (result,) = analyze_lines(['{"id": "\\udc80", "text": "Hej \\ud800 Karin Lund"}'], analyzer)

    assert not isinstance(result, LineError)
    assert result["id"] == "\ufffd"
    assert result["redacted_text"].startswith("Hej \ufffd ")
    json.dumps(result, ensure_ascii=False).encode("utf-8")


def test_training_files_name_a_line_nested_too_deeply(tmp_path: Path) -> None:
    path = tmp_path / "extra.jsonl"
    path.write_text(_LABELLED % 1 + "\n" + "[" * 100_000 + "\n", encoding="utf-8")

    with pytest.raises(CorpusError, match=r"extra\.jsonl.*2.*nested too deeply"):
        read_training_jsonl(path)
