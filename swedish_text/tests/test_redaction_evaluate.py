"""The redaction figures over labelled JSON Lines."""

import io
import json

from swedish_text.redaction.evaluate import (
    LabelledRecord,
    RecordError,
    evaluate_redaction,
    read_labelled_jsonl,
)


def _line(text: str, pii: list[dict[str, str]]) -> str:
    return json.dumps({"id": "t", "text": text, "pii": pii}, ensure_ascii=False)


def test_broken_lines_are_reported_and_the_rest_is_read() -> None:
    stream = io.StringIO(
        "\n".join(
            [
                _line("Ring 08-12 34 56.", [{"type": "phone", "text": "08-12 34 56"}]),
                "{not json",
                _line("Hej", [{"type": "phone", "text": "saknas"}]),
                _line("Mejla a@b.se", [{"type": "email", "text": "a@b.se"}]),
            ]
        )
    )

    items = list(read_labelled_jsonl(stream))

    assert [type(item) for item in items] == [
        LabelledRecord,
        RecordError,
        RecordError,
        LabelledRecord,
    ]
    assert str(items[1]).startswith("line 2: ")
    assert "not a substring" in str(items[2])


def test_figures_count_found_leaked_and_kept_words() -> None:
    lines = [
        _line(
            "Ring 08-12 34 56 eller mejla mig.",
            [{"type": "phone", "text": "08-12 34 56"}],
        ),
        # A phone number written in a way no detector knows leaks.
        _line("Nummer: åtta noll åtta.", [{"type": "phone", "text": "åtta noll åtta"}]),
    ]
    records = [
        r
        for r in read_labelled_jsonl(io.StringIO("\n".join(lines)))
        if isinstance(r, LabelledRecord)
    ]

    report = evaluate_redaction(records)

    phone = report.per_type["telefon"]
    assert (phone.labelled, phone.found, phone.leaked) == (2, 1, 1)
    assert phone.recall == 0.5
    assert phone.precision == 1.0
    assert report.other_words_kept_share == 1.0
    assert "telefon" in report.to_text()
    assert report.to_json()["records"] == 2


def test_over_redaction_lowers_the_share_of_other_words_kept() -> None:
    record = LabelledRecord("x", "Storgatan 5 är fin", ())

    report = evaluate_redaction([record])

    assert report.other_words == 4
    assert report.other_words_kept == 2
    assert report.false_positives == ["x adress: 'Storgatan 5'"]
