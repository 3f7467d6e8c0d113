"""Case and vendor-answer imports at scale: rows per second and peak memory.

Runs against a throw-away SQLite database in a temporary folder (or the PostgreSQL database
in ``DATABASE_URL``, which must be empty of the generated ids). Generates a 50 000-row case
export (CSV and the same in Excel) and a 20 000-row canonical answer file, imports each all
or nothing through the same services as the web page and the command, and reports the time
next to a baseline measured in the same run: reading the CSV with the standard ``csv``
module. Target: a 50 000-row case file in under a minute of CPU, memory under 1 GB.
The machines are shared, so CPU time (``time.process_time``) is reported beside wall time.
"""

from __future__ import annotations

import csv
import io
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.test")

CASES = 50_000
ANSWERS = 20_000


def case_csv(rng: random.Random) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        ["Diarienummer", "Område", "Kundtyp", "E-post", "Inkom", "Beslutsdatum", "Beslut", "Avgift"]
    )
    areas = ["bygglov", "livsmedel", "miljo_halsoskydd", "serveringstillstand"]
    for number in range(CASES):
        writer.writerow(
            [
                f"BENCH-{number:06d}",
                rng.choice(areas),
                rng.choice(["företag", "privat"]),
                f"person{number}@example.se",
                "2026-03-01",
                f"2026-{rng.randint(4, 10):02d}-{rng.randint(1, 28):02d}",
                rng.choice(["bifall", "avslag", ""]),
                str(rng.randint(0, 20000)),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def case_xlsx(data: bytes) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";"):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def answer_csv(rng: random.Random) -> bytes:
    from survey_stats.canonical import canonical_header

    header = canonical_header(3)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for number in range(ANSWERS):
        items = [rng.choice(["", *map(str, range(1, 11))]) for _ in range(len(header) - 8)]
        writer.writerow(
            [
                f"v{number}",
                "0136",
                "bygglov",
                "2025",
                "",
                rng.choice(["business", "private"]),
                "",
                *items,
                "",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_import(kind: str, filename: str, data: bytes) -> tuple[float, float, object]:
    from servicepuls.organisations.models import Organisation
    from servicepuls.surveys.choices import ImportStatus
    from servicepuls.surveys.models import DataImport
    from servicepuls.surveys.services.imports import data_import_create, data_import_run

    organisation = Organisation.objects.get(code="0136")
    started = time.perf_counter()
    cpu = time.process_time()
    data_import = data_import_create(
        organisation=organisation, kind=kind, filename=filename, data=data
    )
    DataImport.objects.filter(pk=data_import.pk).update(status=ImportStatus.QUEUED)
    data_import.refresh_from_db()
    data_import = data_import_run(data_import=data_import)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if data_import.status != ImportStatus.SUCCEEDED:
        raise SystemExit(f"{filename}: import failed: {data_import.errors[:3]}")
    return elapsed, cpu, data_import


def main() -> int:
    folder = tempfile.mkdtemp(prefix="bench_surveys_")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    cases = case_csv(rng)
    started = time.process_time()
    rows = sum(1 for _ in csv.reader(io.StringIO(cases.decode("utf-8")), delimiter=";"))
    baseline = time.process_time() - started
    print(f"baseline: csv.reader over {rows - 1} case rows: {baseline:.2f} s CPU")

    elapsed, cpu, result = run_import("cases", "cases.csv", cases)
    print(
        f"case import, CSV, {CASES} new rows: {elapsed:.1f} s wall, {cpu:.1f} s CPU "
        f"({cpu / baseline:.0f}× the baseline); created {result.created_count}"
    )
    elapsed, cpu, result = run_import("cases", "cases.xlsx", case_xlsx(cases))
    print(
        f"case import, Excel, the same {CASES} rows again: {elapsed:.1f} s wall, {cpu:.1f} s CPU;"
        f" updated {result.updated_count}"
    )
    answers = answer_csv(rng)
    elapsed, cpu, result = run_import("answers", "answers.csv", answers)
    print(
        f"vendor answer import, {ANSWERS} rows: {elapsed:.1f} s wall, {cpu:.1f} s CPU; "
        f"created {result.created_count}"
    )
    print(f"peak memory (max RSS): {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
