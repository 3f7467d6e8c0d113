"""Speed and memory of the personal-data redactor (``swedish_text.redaction.redact``).

Measures, in one run: the load time of the name lists; redaction throughput over the
project's own labelled corpus (``swedish_text/data/corpus``), normalised to ~80-word
stories, against a baseline that only splits the same texts into words; one 1 MB text;
and the peak memory of the redactor's data and work (tracemalloc).
"""

import json
import platform
import re
import time
import tracemalloc
from importlib import resources


def _corpus() -> list[str]:
    texts = []
    folder = resources.files("swedish_text") / "data" / "corpus"
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(json.loads(line)["text"])
    return texts


def _timed(function, texts, rounds):
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            function(text)
    return time.perf_counter() - start


def main() -> None:
    start = time.perf_counter()
    from swedish_text.redaction import redact
    from swedish_text.redaction.names import NameLexicon

    NameLexicon.default()
    load_seconds = time.perf_counter() - start

    texts = _corpus()
    words = sum(len(text.split()) for text in texts) / len(texts)
    for text in texts:
        redact(text)  # warm the caches
    rounds = 5
    redact_seconds = _timed(redact, texts, rounds)
    word_re = re.compile(r"\w+")
    baseline_seconds = _timed(word_re.findall, texts, rounds)
    per_text_ms = redact_seconds / (rounds * len(texts)) * 1000
    per_80_words_ms = per_text_ms * 80 / words

    big = (" ".join(texts) * 10)[:1_000_000]
    start = time.perf_counter()
    result = redact(big)
    big_seconds = time.perf_counter() - start

    # Memory in a separate pass: tracing slows Python down several times.
    NameLexicon.default.cache_clear()
    tracemalloc.start()
    NameLexicon.default()
    redact(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(
        f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}"
    )
    print(f"name lists loaded in {load_seconds * 1000:.0f} ms")
    print(f"{len(texts)} corpus texts, {words:.0f} words on average, {rounds} rounds")
    print(f"redact: {per_text_ms:.3f} ms per text, {per_80_words_ms:.3f} ms per 80 words")
    print(f"redact: {rounds * len(texts) / redact_seconds:.0f} texts/s on one core")
    print(f"ratio to splitting the same texts into words: {redact_seconds / baseline_seconds:.1f}x")
    print(f"1 MB text: {big_seconds:.2f} s, {len(result.spans)} spans")
    print(f"peak traced memory (name lists + redacting 1 MB): {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
