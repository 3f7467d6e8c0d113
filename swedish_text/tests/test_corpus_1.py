"""The corpus-1 training stories are valid, and the checker rejects what it should."""

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "swedish_text" / "data" / "corpus"


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_corpus", ROOT / "scripts" / "check_corpus.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _record(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "c1-bygglov-001",
        "text": "Handläggaren Anna Berg ringde upp samma dag och förklarade tydligt vad som "
        "saknades i vår ansökan om bygglov för garaget. Bra service, tack!",
        "submitter": "private",
        "channel": "web",
        "area": "bygglov",
        "factors": ["effektivitet", "kompetens"],
        "sentiment": "positive",
        "pii": [{"type": "person", "text": "Anna Berg"}],
    }
    record.update(changes)
    return record


def _write(tmp_path: Path, *records: dict[str, Any]) -> Path:
    path = tmp_path / "corpus1-bygglov.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def test_corpus_1_files_are_valid(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(CORPUS_DIR.glob("corpus1-*.jsonl"))
    assert {path.stem for path in files} >= {
        "corpus1-bygglov",
        "corpus1-livsmedel",
        "corpus1-miljo_halsoskydd",
    }
    assert _checker().main([str(path) for path in files]) == 0, capsys.readouterr().out


def test_a_valid_record_passes(tmp_path: Path) -> None:
    assert _checker().main([str(_write(tmp_path, _record()))]) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"factors": ["kompetens", "effektivitet"]}, "not sorted and unique"),
        ({"factors": []}, "one to three factors"),
        ({"sentiment": "angry"}, "unknown sentiment 'angry'"),
        ({"area": "skola"}, "unknown area 'skola'"),
        ({"pii": [{"type": "person", "text": "Anna Bergman"}]}, "does not occur in the story"),
        ({"pii": [{"type": "name", "text": "Anna Berg"}]}, "unknown pii type 'name'"),
        (
            {
                "pii": [
                    {"type": "person", "text": "Anna Berg"},
                    {"type": "person", "text": "Anna Berg"},
                ]
            },
            "more often than it occurs",
        ),
        ({"text": "För kort text."}, "text has 3 words"),
    ],
)
def test_an_invalid_record_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, Any], message: str
) -> None:
    assert _checker().main([str(_write(tmp_path, _record(**changes)))]) == 1
    assert message in capsys.readouterr().out


def test_duplicate_ids_and_near_duplicate_texts_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _record()
    second = _record(text=first["text"].replace("garaget", "carporten"))
    assert _checker().main([str(_write(tmp_path, first, second))]) == 1
    out = capsys.readouterr().out
    assert "duplicate id 'c1-bygglov-001'" in out
    assert "near-duplicate texts" in out


def test_a_name_inside_a_listed_full_name_needs_no_entry_of_its_own(tmp_path: Path) -> None:
    record = _record(
        text="Handläggaren Anna Berg ringde upp samma dag. Anna förklarade tydligt vad som "
        "saknades i vår ansökan om bygglov för garaget. Bra service, tack!",
        pii=[{"type": "person", "text": "Anna Berg"}, {"type": "person", "text": "Anna"}],
    )
    assert _checker().main([str(_write(tmp_path, record))]) == 0


def test_an_unlisted_second_occurrence_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _record(
        text="Handläggaren Anna Berg ringde upp samma dag. Anna förklarade tydligt vad som "
        "saknades i vår ansökan om bygglov för garaget. Bra service, tack Anna!",
        pii=[{"type": "person", "text": "Anna Berg"}, {"type": "person", "text": "Anna"}],
    )
    assert _checker().main([str(_write(tmp_path, record))]) == 1
    assert "'Anna' occurs 2 times but is listed 1" in capsys.readouterr().out
