"""Measure the personal-data redactor on a labelled JSON Lines file.

Usage: python scripts/eval_redaction.py FILE.jsonl [--verbose] [--json]

Prints per-type recall, precision and leaks, and the share of other words kept; with
--verbose also every missed span and every span redacted outside the labels.
Broken lines are reported on stderr and skipped.
"""

import argparse
import json
import sys
from pathlib import Path

from swedish_text.redaction.evaluate import (
    LabelledRecord,
    RecordError,
    evaluate_redaction,
    read_labelled_jsonl,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--verbose", action="store_true", help="list misses and extra spans")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args()
    if not arguments.file.is_file():
        print(f"{arguments.file}: no such file", file=sys.stderr)
        return 2
    records: list[LabelledRecord] = []
    for item in read_labelled_jsonl(arguments.file):
        if isinstance(item, RecordError):
            print(f"{arguments.file}: {item}", file=sys.stderr)
        else:
            records.append(item)
    report = evaluate_redaction(records)
    print(json.dumps(report.to_json(), indent=2) if arguments.json else report.to_text())
    if arguments.verbose:
        print("\nmissed:", *report.misses, sep="\n  ")
        print("\nredacted outside the labels:", *report.false_positives, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
