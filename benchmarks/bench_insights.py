"""Insights pages at scale: p95 of the dashboard, benchmarking and public results; a full PDF.

Needs PostgreSQL holding generated answers (the targets are for 1 000 000 answer sets from
300 organisations), e.g.::

    createdb -h 127.0.0.1 -U postgres servicepuls_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/servicepuls_bench
    DJANGO_SETTINGS_MODULE=config.django.test .venv/bin/servicepuls migrate
    DJANGO_SETTINGS_MODULE=config.django.test .venv/bin/servicepuls insights generate \\
        --answers 1000000 --organisations 300
    .venv/bin/python benchmarks/bench_insights.py

Without ``DATABASE_URL`` the script says so and exits 0 (``make bench`` stays usable).
Pages are requested through Django's test client in-process (no network), each 40 times
after one warm-up request; the figure is the 95th percentile of the wall-clock times.
Targets: p95 ≤ 300 ms per page, PDF ≤ 10 s.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.test")

REQUESTS = 40
PAGE_TARGET_MS = 300.0
PDF_TARGET_S = 10.0


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("bench_insights: set DATABASE_URL to a PostgreSQL database with generated answers.")
        return 0
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from servicepuls.accounts.choices import Role
    from servicepuls.accounts.models import User
    from servicepuls.insights.models import AnswerAggregate
    from servicepuls.insights.reports.data import steering_report_data_get
    from servicepuls.insights.reports.pdf import steering_report_pdf
    from servicepuls.organisations.models import Organisation
    from servicepuls.surveys.models import SurveyAnswer

    setup_test_environment()  # allows the test client's host and context capture
    answers = SurveyAnswer.objects.count()
    organisations = AnswerAggregate.objects.values("organisation").distinct().count()
    if answers == 0:
        print("bench_insights: no answers; run `servicepuls insights generate` first.")
        return 1
    biggest = (
        SurveyAnswer.objects.values("organisation_id")
        .annotate(n=django.db.models.Count("id"))
        .order_by("-n")
        .first()
    )
    organisation = Organisation.objects.get(pk=biggest["organisation_id"])
    user, _ = User.objects.get_or_create(
        username="bench-analyst",
        defaults={"organisation": organisation, "role": Role.ANALYST},
    )
    client = Client()
    client.force_login(user)
    pages = {
        "dashboard": "/staff/resultat/",
        "benchmarking (total)": "/staff/resultat/jamforelse/",
        "benchmarking (bygglov)": "/staff/resultat/jamforelse/?area=bygglov",
        "public results": f"/resultat/{organisation.code}/",
    }
    print(
        f"{answers} answer sets, {organisations} organisations, "
        f"{AnswerAggregate.objects.count()} aggregate rows; {connection.vendor}; "
        f"organisation {organisation.code} with {biggest['n']} answers"
    )
    failed = False
    for name, url in pages.items():
        status = client.get(url).status_code  # warm-up: fills the analysis cache
        samples = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                print(f"{url}: HTTP {response.status_code}")
                return 1
        worst = p95(samples)
        failed |= worst > PAGE_TARGET_MS or status != 200
        print(
            f"{name:24s} p95 {worst:7.1f} ms  median {statistics.median(samples):7.1f} ms"
            f"  (target ≤ {PAGE_TARGET_MS:.0f} ms)"
        )
    start = time.perf_counter()
    pdf = steering_report_pdf(steering_report_data_get(user=user, year=None))
    seconds = time.perf_counter() - start
    failed |= seconds > PDF_TARGET_S
    print(
        f"{'full PDF report':24s} {seconds:7.2f} s  {len(pdf) // 1024} KiB  (target ≤ {PDF_TARGET_S:.0f} s)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
