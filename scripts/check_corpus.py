"""Validate the labelled story corpus files (swedish_text/data/corpus/*.jsonl).

Usage: python scripts/check_corpus.py [FILE.jsonl ...]
(default: every corpus<N>-<area>.jsonl under swedish_text/data/corpus/)

Checks, per record: valid JSON object with exactly the record keys; labels in the taxonomy of
shared/data/README.md; factors non-empty, at most three, sorted and unique; the area matches the
file name; id of the form c<N>-<area>-NNN (N the file's corpus number) and unique; text length 20-150 words; every pii entry has a
known type and its text occurs in the story, entries are listed in order of appearance with one
entry per occurrence. Across all records: no near-duplicate texts (word-trigram Jaccard >= 0.5).
Prints the counts per area, factor, sentiment, submitter and channel; exits 1 on any error.
"""

import json
import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

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
ID_PATTERN = re.compile(r"^c(?P<corpus>\d+)-(?P<area>[a-z_]+)-\d{3}$")
DUPLICATE_THRESHOLD = 0.5
CORPUS_DIR = Path(__file__).resolve().parent.parent / "swedish_text" / "data" / "corpus"


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _pii_errors(text: str, pii: object) -> list[str]:
    if not isinstance(pii, list):
        return ["pii is not a list"]
    errors = []
    cursor = 0
    for entry in pii:
        if not isinstance(entry, dict) or set(entry) != {"type", "text"}:
            errors.append(f"pii entry {entry!r} must have exactly the keys type and text")
            continue
        if entry["type"] not in PII_TYPES:
            errors.append(f"unknown pii type {entry['type']!r}")
        span = entry["text"]
        if not span or span not in text:
            errors.append(f"pii text {span!r} does not occur in the story")
            continue
        position = text.find(span, cursor)
        if position < 0:
            errors.append(f"pii text {span!r} is listed out of order or more often than it occurs")
            continue
        cursor = position + len(span)
    spans = {entry["text"] for entry in pii if isinstance(entry, dict) and entry.get("text")}
    for span in spans:
        listed = sum(1 for entry in pii if isinstance(entry, dict) and entry.get("text") == span)
        # An occurrence inside a longer listed span ("Mikael" in "Mikael Strand") is covered.
        longer = [
            match.span()
            for other in spans
            if span in other and other != span
            for match in re.finditer(re.escape(other), text)
        ]
        occurring = sum(
            1
            for match in re.finditer(r"(?<!\w)" + re.escape(span) + r"(?!\w)", text)
            if not any(start <= match.start() and match.end() <= end for start, end in longer)
        )
        if occurring > listed:
            errors.append(f"pii text {span!r} occurs {occurring} times but is listed {listed}")
    return errors


def _record_errors(record: object, file_area: str | None, corpus: str = "") -> list[str]:
    if not isinstance(record, dict):
        return ["not a JSON object"]
    if set(record) != KEYS:
        return [f"keys {sorted(record)} differ from {sorted(KEYS)}"]
    errors = []
    match = ID_PATTERN.match(str(record["id"]))
    if not match or match["area"] != record["area"] or (corpus and match["corpus"] != corpus):
        errors.append(
            f"id {record['id']!r} is not c{corpus or 'N'}-<area>-NNN for area {record['area']!r}"
        )
    if record["area"] not in AREAS:
        errors.append(f"unknown area {record['area']!r}")
    if file_area is not None and record["area"] != file_area:
        errors.append(f"area {record['area']!r} in the file for {file_area!r}")
    factors = record["factors"]
    if not isinstance(factors, list) or not 1 <= len(factors) <= 3:
        errors.append("factors must be a list of one to three factors")
    else:
        if factors != sorted(set(factors)):
            errors.append(f"factors {factors} are not sorted and unique")
        errors.extend(f"unknown factor {factor!r}" for factor in factors if factor not in FACTORS)
    for key, allowed in (
        ("sentiment", SENTIMENTS),
        ("submitter", SUBMITTERS),
        ("channel", CHANNELS),
    ):
        if record[key] not in allowed:
            errors.append(f"unknown {key} {record[key]!r}")
    text = record["text"]
    if not isinstance(text, str):
        return [*errors, "text is not a string"]
    words = len(text.split())
    if not 20 <= words <= 150:
        errors.append(f"text has {words} words (20-150 allowed)")
    return errors + _pii_errors(text, record["pii"])


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or sorted(CORPUS_DIR.glob("corpus[0-9]*-*.jsonl"))
    records = []
    errors = []
    for path in paths:
        file_area = path.stem.split("-", 1)[1] if "-" in path.stem else None
        corpus_match = re.fullmatch(r"corpus(\d+)", path.stem.split("-", 1)[0])
        corpus = corpus_match[1] if corpus_match else ""
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                errors.append(f"{where}: invalid JSON ({error})")
                continue
            errors.extend(
                f"{where}: {message}" for message in _record_errors(record, file_area, corpus)
            )
            if isinstance(record, dict):
                records.append((where, record))
    ids = Counter(record.get("id") for _, record in records)
    errors.extend(f"duplicate id {key!r}" for key, count in ids.items() if count > 1)
    grams = [(where, _trigrams(str(record.get("text", "")))) for where, record in records]
    for (where_a, a), (where_b, b) in combinations(grams, 2):
        if a and b and len(a & b) / len(a | b) >= DUPLICATE_THRESHOLD:
            errors.append(f"{where_a} and {where_b}: near-duplicate texts")
    for message in errors:
        print(message)
    print(f"{len(records)} records in {len(paths)} files, {len(errors)} errors")
    valid = [record for _, record in records if set(record) == KEYS]
    for key in ("area", "sentiment", "submitter", "channel"):
        print(f"{key}: {dict(sorted(Counter(record[key] for record in valid).items()))}")
    factors = Counter(factor for record in valid for factor in record["factors"])
    print(f"factors: {dict(sorted(factors.items()))}")
    print(f"with pii: {sum(1 for record in valid if record['pii'])}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
