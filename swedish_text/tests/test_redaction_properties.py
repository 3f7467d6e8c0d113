"""Properties that hold for every text, and hostile input."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from swedish_text import redact
from swedish_text.redaction import PII_TYPES, PLACEHOLDERS, RedactionResult

# Pieces that the redactor acts on, mixed with ordinary words and punctuation, so that
# generated texts exercise every detector and the places where they meet.
_PIECES = [
    "Karin",
    "Karin Lindqvist",
    "handläggaren",
    "Per",
    "Bo",
    "Hans",
    "Mvh",
    "Hej",
    "/",
    "Svensson",
    "AB",
    "&",
    "Storgatan",
    "12",
    "B",
    "lgh 1102",
    "070-123 45 67",
    "08-12 34 56",
    "+46",
    "19850612-1234",
    "850612",
    "-",
    "1234",
    "556677-8899",
    "kalle@exempel.se",
    "@",
    "i",
    "Lund",
    "kommun",
    "och",
    "bygglov",
    "på",
    ",",
    ".",
    "!",
    ":",
    "\n",
    " ",
    "ringde",
    "[namn]",
    "🙂",
    "Стокгольм",
    "مرحبا",
]
_texts = st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join) | st.text(max_size=300)


def _rebuild(text: str, result: RedactionResult) -> str:
    pieces, position = [], 0
    for span in result.spans:
        pieces += [text[position : span.start], PLACEHOLDERS[span.type]]
        position = span.end
    return "".join([*pieces, text[position:]])


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_spans_are_well_formed_and_rebuild_the_redacted_text(text: str) -> None:
    result = redact(text)

    previous_end = 0
    for span in result.spans:
        assert span.type in PII_TYPES
        assert previous_end <= span.start < span.end <= len(text)
        previous_end = span.end
    assert _rebuild(text, result) == result.text


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_redacting_twice_changes_nothing(text: str) -> None:
    once = redact(text).text

    assert redact(once).text == once


@given(st.binary(max_size=500))
def test_binary_garbage_does_not_crash(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")

    assert isinstance(redact(text).text, str)


def test_empty_text() -> None:
    assert redact("") == RedactionResult("", ())


def test_emoji_and_mixed_scripts_around_personal_data() -> None:
    text = "🙂 Звоните Karin 🙏 på 070-123 45 67 مرحبا 東京 kalle@exempel.se 🚀"

    result = redact(text)

    assert result.text == "🙂 Звоните [namn] 🙏 på [telefon] مرحبا 東京 [e-post] 🚀"


def test_a_megabyte_of_text_is_redacted_whole() -> None:
    rng = random.Random(4)
    words = ["bygglov", "Karin", "ringde", "070-123 45 67", "och", "Storgatan 5", "väntade", "\n"]
    text = " ".join(rng.choice(words) for _ in range(150_000))[:1_000_000]

    result = redact(text)

    assert len(text) == 1_000_000
    assert "Karin " not in result.text
    assert "070-123" not in result.text
    assert _rebuild(text, result) == result.text


def test_pathological_repetitions_finish() -> None:
    for text in ["0" * 100_000, "0 " * 50_000, "a" * 100_000 + "@", "Aa " * 30_000, "-" * 100_000]:
        assert isinstance(redact(text).text, str)
