"""``servicepuls text analyze|evaluate FILE.jsonl`` and ``servicepuls text train``.

The logic lives in :mod:`swedish_text`; this command reads files, prints and sets the exit
code. A broken line is reported on stderr with its line number; the other lines are still
processed, and the command then exits non-zero.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from servicepuls.stories.selectors import confirmed_examples
from servicepuls.stories.text_analysis import retrained_model_dir, text_training_examples
from swedish_text.analysis import Analyzer
from swedish_text.batch import ClassificationReport, LineError, analyze_lines, labelled_lines
from swedish_text.redaction.evaluate import (
    LabelledRecord,
    evaluate_redaction,
    read_labelled_jsonl,
)
from swedish_text.training import (
    MODEL_DIR,
    CorpusError,
    LabelledText,
    ModelFormatError,
    corpus_examples,
    train,
)
from swedish_text.training import (
    read_labelled_jsonl as read_training_jsonl,
)


class Command(BaseCommand):
    help = "Analyse, evaluate or train the Swedish text analysis (redaction, area, factors, sentiment)."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        analyze = subcommands.add_parser(
            "analyze", help='Print the analysis of each {"id", "text"} line as JSON Lines.'
        )
        analyze.add_argument("file", type=Path)
        analyze.add_argument("--model", type=Path, help="Model directory (default: shipped).")
        evaluate = subcommands.add_parser(
            "evaluate", help="Print accuracy and F1 figures for a labelled JSON Lines file."
        )
        evaluate.add_argument("file", type=Path)
        evaluate.add_argument("--model", type=Path, help="Model directory (default: shipped).")
        evaluate.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        train_parser = subcommands.add_parser(
            "train", help="Train the model on the shipped corpus (and extra labelled files)."
        )
        train_parser.add_argument("--extra", type=Path, action="append", default=[])
        train_parser.add_argument(
            "--out",
            type=Path,
            default=None,
            help="Model directory (default: the shipped model; with --from-confirmed, the "
            "data folder's text-model, which the stories app then loads).",
        )
        train_parser.add_argument(
            "--from-confirmed",
            action="store_true",
            help="Add every story whose tags staff confirmed (redacted text only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "train":
            self._train(options["extra"], options["out"], from_confirmed=options["from_confirmed"])
            return
        path: Path = options["file"]
        text = self._read(path)
        try:
            analyzer = Analyzer.load(options["model"])
        except ModelFormatError as error:
            raise CommandError(str(error)) from error
        if options["subcommand"] == "analyze":
            failures = self._analyze(path, text, analyzer)
        else:
            failures = self._evaluate(path, text, analyzer, as_json=options["json"])
        if failures:
            raise CommandError(f"{path}: {failures} line(s) could not be processed")

    def _read(self, path: Path) -> str:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror})") from error
        return data.decode("utf-8", errors="replace")

    def _report(self, path: Path, error: LineError) -> None:
        self.stderr.write(f"{path}:{error.line}: {error.message}")

    def _analyze(self, path: Path, text: str, analyzer: Analyzer) -> int:
        failures = 0
        for result in analyze_lines(io.StringIO(text), analyzer):
            if isinstance(result, LineError):
                failures += 1
                self._report(path, result)
            else:
                self.stdout.write(json.dumps(result, ensure_ascii=False))
        return failures

    def _evaluate(self, path: Path, text: str, analyzer: Analyzer, *, as_json: bool) -> int:
        report = ClassificationReport()
        failures = 0
        for item in labelled_lines(io.StringIO(text)):
            if isinstance(item, LineError):
                failures += 1
                self._report(path, item)
                continue
            _, example = item
            report.add(example, analyzer.analyze(example.text))
        records = [
            record
            for record in read_labelled_jsonl(io.StringIO(text))
            if isinstance(record, LabelledRecord)
        ]
        has_pii = any('"pii"' in line for line in text.splitlines())
        redaction = evaluate_redaction(records) if has_pii and records else None
        if as_json:
            figures: dict[str, Any] = {"classification": report.to_json()}
            if redaction is not None:
                figures["redaction"] = redaction.to_json()
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report.to_text())
            if redaction is not None:
                self.stdout.write("\nredaction\n" + redaction.to_text())
        return failures

    def _train(self, extra: list[Path], out: Path | None, *, from_confirmed: bool) -> None:
        try:
            examples: list[LabelledText] = corpus_examples()
            for path in extra:
                examples.extend(read_training_jsonl(path))
        except CorpusError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"cannot read a training file ({error})") from error
        if from_confirmed:
            confirmed = [
                (example.text, example.area, example.factors, example.sentiment)
                for example in confirmed_examples()
            ]
            added = text_training_examples(confirmed)
            examples.extend(added)
            self.stdout.write(f"Added {len(added)} staff-confirmed stories.")
            out = out or retrained_model_dir()
        out = out or MODEL_DIR
        model = train(examples)
        model.save(out)
        self.stdout.write(
            f"Trained on {model.n_examples} texts; model {model.version} written to {out}."
        )
