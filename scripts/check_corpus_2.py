"""Validate the labelled story corpus in swedish_text/data/corpus/*.jsonl and print its counts.

Usage: python scripts/check_corpus_2.py [FILE.jsonl ...]
(without arguments every corpus file is checked). Checks per record: valid JSON, exactly the
expected keys, labels in the taxonomy of /work/shared/data/README.md (area, 1–3 sorted unique
factors, sentiment, submitter, channel), the area in the id and file name, 20–150 words, every
pii text an exact substring in order of appearance with one entry per occurrence; across
records: unique ids and no near-duplicate texts. Exits 1 on any problem.
"""

import json
import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent.parent / "swedish_text" / "data" / "corpus"
KEYS = {"id", "text", "submitter", "channel", "area", "factors", "sentiment", "pii"}
AREAS = {
    "bygglov",
    "miljo_halsoskydd",
    "livsmedel",
    "brandtillsyn",
    "serveringstillstand",
    "markupplatelse",
    "ovrigt",
}
FACTORS = {
    "information",
    "tillganglighet",
    "bemotande",
    "kompetens",
    "rattssakerhet",
    "effektivitet",
}
SENTIMENTS = {"positive", "negative", "mixed", "neutral"}
SUBMITTERS = {"business", "private"}
CHANNELS = {"web", "phone", "meeting", "email"}
PII_TYPES = {"person", "personnummer", "phone", "email", "address", "orgnr"}
MIN_WORDS, MAX_WORDS = 20, 150
NEAR_DUPLICATE = 0.5  # Jaccard similarity of word trigrams above which two texts clash


def pii_problems(text: str, pii: list[object]) -> list[str]:
    """Check that the pii entries are substrings, in order, one per occurrence."""
    problems: list[str] = []
    cursor = 0
    for entry in pii:
        if not isinstance(entry, dict) or set(entry) != {"type", "text"}:
            problems.append(f"pii entry {entry!r} must have exactly the keys type and text")
            continue
        if entry["type"] not in PII_TYPES:
            problems.append(f"pii type {entry['type']!r} is not one of {sorted(PII_TYPES)}")
        span = entry["text"]
        if not isinstance(span, str) or not span or span not in text:
            problems.append(f"pii text {span!r} is not a substring of the text")
            continue
        position = text.find(span, cursor)
        if position < 0:
            problems.append(f"pii text {span!r} is out of order of appearance")
            continue
        cursor = position + len(span)
    for span, listed in Counter(e["text"] for e in pii if isinstance(e, dict)).items():
        if not isinstance(span, str) or not span:
            continue
        occurrences = len(re.findall(rf"(?<!\w){re.escape(span)}(?!\w)", text))
        longer = [
            e["text"]
            for e in pii
            if isinstance(e, dict) and e["text"] != span and span in e["text"]
        ]
        inside = sum(text.count(other) for other in set(longer))
        if occurrences - inside > listed:
            problems.append(f"pii text {span!r} occurs more often than it is listed")
    return problems


def record_problems(record: object, area_of_file: str | None) -> list[str]:
    if not isinstance(record, dict):
        return ["not a JSON object"]
    problems: list[str] = []
    if set(record) != KEYS:
        problems.append(f"keys {sorted(record)} differ from {sorted(KEYS)}")
        return problems
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        return ["text is empty"]
    if text != text.strip():
        problems.append("text has leading or trailing whitespace")
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        problems.append(f"text has {words} words, not {MIN_WORDS}–{MAX_WORDS}")
    if record["area"] not in AREAS:
        problems.append(f"area {record['area']!r} unknown")
    elif area_of_file and record["area"] != area_of_file:
        problems.append(f"area {record['area']!r} in a file for {area_of_file!r}")
    if not str(record["id"]).startswith(f"c2-{record['area']}-"):
        problems.append(f"id {record['id']!r} does not name its area")
    factors = record["factors"]
    if not isinstance(factors, list) or not 1 <= len(factors) <= 3:
        problems.append("factors must be a list of 1–3 factors")
    elif factors != sorted(set(factors)) or not set(factors) <= FACTORS:
        problems.append(f"factors {factors} must be sorted, unique and among {sorted(FACTORS)}")
    for key, allowed in (
        ("sentiment", SENTIMENTS),
        ("submitter", SUBMITTERS),
        ("channel", CHANNELS),
    ):
        if record[key] not in allowed:
            problems.append(f"{key} {record[key]!r} is not one of {sorted(allowed)}")
    if not isinstance(record["pii"], list):
        problems.append("pii must be a list")
    else:
        problems.extend(pii_problems(text, record["pii"]))
    return problems


def trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def main(paths: list[Path]) -> int:
    failures = 0
    records: list[dict[str, object]] = []
    for path in paths:
        match = re.fullmatch(r"corpus2-(\w+)\.jsonl", path.name)
        area_of_file = match.group(1) if match else None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                print(f"{where}: invalid JSON ({error})")
                failures += 1
                continue
            for problem in record_problems(record, area_of_file):
                print(f"{where} ({record.get('id', '?')}): {problem}")
                failures += 1
            if isinstance(record, dict) and "text" in record:
                records.append(record)
    for record_id, count in Counter(str(r.get("id")) for r in records).items():
        if count > 1:
            print(f"id {record_id} is used {count} times")
            failures += 1
    shingles = [(r.get("id"), trigrams(str(r["text"]))) for r in records]
    for (id_a, grams_a), (id_b, grams_b) in combinations(shingles, 2):
        if grams_a and grams_b:
            similarity = len(grams_a & grams_b) / len(grams_a | grams_b)
            if similarity > NEAR_DUPLICATE:
                print(f"{id_a} and {id_b} are near-duplicates ({similarity:.2f})")
                failures += 1
    print(f"{len(records)} records, {failures} problems")
    for key in ("area", "sentiment", "submitter", "channel"):
        print(f"{key}: {dict(Counter(str(r[key]) for r in records).most_common())}")
    factor_counts = Counter(f for r in records for f in r.get("factors", []))
    print(f"factors: {dict(factor_counts.most_common())}")
    print(f"with pii: {sum(1 for r in records if r.get('pii'))}")
    for area in sorted({str(r["area"]) for r in records}):
        subset = [r for r in records if r["area"] == area]
        sentiments = Counter(str(r["sentiment"]) for r in subset)
        factors = Counter(f for r in subset for f in r.get("factors", []))
        print(f"  {area} ({len(subset)}): {dict(sentiments)} {dict(factors)}")
    return 1 if failures else 0


if __name__ == "__main__":
    arguments = [Path(a) for a in sys.argv[1:]] or sorted(CORPUS_DIR.glob("corpus2-*.jsonl"))
    sys.exit(main(arguments))
