"""``servicepuls text analyze|evaluate|train`` through Django's call_command."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

LABELLED = [
    {
        "id": "t1",
        "text": "Bygglovet tog åtta månader och ingen svarade på våra mejl. Ring Eva Lund på 070-765 43 21.",
        "area": "bygglov",
        "factors": ["effektivitet", "tillganglighet"],
        "sentiment": "negative",
        "pii": [{"type": "person", "text": "Eva Lund"}, {"type": "phone", "text": "070-765 43 21"}],
    },
    {
        "id": "t2",
        "text": "Livsmedelsinspektören var trevlig och kunnig. Tack för hjälpen!",
        "area": "livsmedel",
        "factors": ["bemotande", "kompetens"],
        "sentiment": "positive",
        "pii": [],
    },
]


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("text", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_text_analyze_prints_one_json_object_per_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in LABELLED), encoding="utf-8"
    )

    out, err = _run("analyze", str(path))

    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["id"] for row in rows] == ["t1", "t2"]
    assert {"id", "area", "factors", "sentiment", "redacted_text", "pii"} <= rows[0].keys()
    assert "070-765 43 21" not in rows[0]["redacted_text"]
    assert rows[0]["area"]["label"] == "bygglov"
    assert 0 <= rows[0]["area"]["confidence"] <= 1
    assert err == ""


def test_text_analyze_reports_broken_lines_and_processes_the_rest(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        '{"id": 1, "text": "Bra bemötande."}',
        "{broken",
        '{"id": 3}',
        "\x00\xff garbage",
        '{"id": 5, "text": "Snabbt beslut."}',
    ]
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n\xff\xfe\n")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="could not be processed"):
        call_command("text", "analyze", str(path), stdout=out, stderr=err)

    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == [1, 5]
    assert f"{path}:2: " in err.getvalue()
    assert f"{path}:3: " in err.getvalue()
    assert f"{path}:4: " in err.getvalue()


def test_text_analyze_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        _run("analyze", str(tmp_path / "missing.jsonl"))


def test_text_evaluate_prints_classification_and_redaction_figures(tmp_path):
    path = tmp_path / "labelled.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in LABELLED), encoding="utf-8"
    )

    out, _ = _run("evaluate", str(path), "--json")

    figures = json.loads(out)
    assert figures["classification"]["records"] == 2
    assert figures["classification"]["area_accuracy"] == 1.0
    assert 0 <= figures["classification"]["factor_micro_f1"] <= 1
    assert figures["redaction"]["types"]["telefon"]["recall"] == 1.0


def test_text_evaluate_prints_a_readable_table(tmp_path):
    path = tmp_path / "labelled.jsonl"
    path.write_text(json.dumps(LABELLED[1], ensure_ascii=False), encoding="utf-8")

    out, _ = _run("evaluate", str(path))

    assert "area accuracy: 1.000" in out
    assert "factor macro-F1" in out
    assert "sentiment accuracy" in out


def test_text_train_names_the_broken_line_of_an_extra_file(tmp_path):
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        json.dumps(LABELLED[0]) + '\n{"text": "x", "area": "månen"}\n', encoding="utf-8"
    )

    with pytest.raises(CommandError, match=r"extra.jsonl:2: "):
        _run("train", "--extra", str(extra), "--out", str(tmp_path / "model"))

    assert not (tmp_path / "model").exists()
