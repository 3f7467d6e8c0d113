"""A synthetic answer-set generator for benchmarks: many organisations, years and areas.

Answers are invented (``source="demo"``) and realistic in shape: each organisation has a
level, each area an offset (bygglov weakest, DESIGN §9), each year a small national rise;
items are integers on 1–10 with about 5 % left empty; NKI and the factor indices are derived
by ``survey_stats.indices`` exactly as for real answers. On PostgreSQL the rows go in with
``COPY``; elsewhere with ``bulk_create``. Aggregates are rebuilt at the end.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from django.db import connection, transaction

from servicepuls.insights.services.aggregates import answer_aggregates_rebuild
from servicepuls.organisations.choices import IndexKind, OrganisationKind
from servicepuls.organisations.models import AuthorityArea, Organisation
from servicepuls.surveys.models import SurveyAnswer
from survey_stats.drivers import FACTORS
from survey_stats.indices import factor_indices, nki_indices

NKI_ITEMS = ("nki_satisfied", "nki_expectations", "nki_ideal")
ITEMS_PER_FACTOR = 2
AREA_OFFSETS = {"bygglov": -0.9, "miljo_halsoskydd": 0.0, "livsmedel": 0.3}
COLUMNS = (
    "created_at", "updated_at", "organisation_id", "area_id", "year", "respondent", "outcome",
    "source", "external_id", "items", "scale_low", "scale_high", "nki", *FACTORS, "background",
    "comment", "submitted_at",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class GenerateSummary:
    answers: int
    organisations: int
    aggregate_rows: int


def _organisations(count: int) -> list[Organisation]:
    """Municipalities first; beyond the 290 of them, generated associations."""
    organisations = list(Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)[:count])
    for index in range(len(organisations), count):
        organisation, _ = Organisation.objects.get_or_create(
            code=f"GEN{index:04d}",
            defaults={
                "kind": OrganisationKind.ASSOCIATION,
                "name": f"Genererad organisation {index} (demo)",
            },
        )
        organisations.append(organisation)
    Organisation.objects.filter(pk__in=[o.pk for o in organisations]).update(is_active=True)
    return organisations


def _chunk(rng: np.random.Generator, size: int, level: np.ndarray) -> tuple[np.ndarray, ...]:
    """Item answers (float, NaN = empty) for ``size`` answer sets around ``level``."""
    items = len(NKI_ITEMS) + ITEMS_PER_FACTOR * len(FACTORS)
    factor_effect = rng.normal(0, 1.0, size=(size, len(FACTORS)))
    base = level[:, None] + rng.normal(0, 1.3, size=(size, 1))
    factor_items = np.repeat(base + factor_effect, ITEMS_PER_FACTOR, axis=1)
    nki_items = np.repeat(base + 0.5 * factor_effect.mean(axis=1, keepdims=True), 3, axis=1)
    values = np.hstack([nki_items, factor_items]) + rng.normal(0, 0.8, size=(size, items))
    answers = np.clip(np.rint(values), 1, 10)
    answers[rng.random(answers.shape) < 0.05] = np.nan
    return answers[:, :3], answers[:, 3:]


def answers_generate(
    *, answers: int, organisations: int, years: tuple[int, int] = (2019, 2026), seed: int = 7
) -> GenerateSummary:
    """Insert ``answers`` invented answer sets spread over organisations × areas × years."""
    rng = np.random.default_rng(seed)
    orgs = _organisations(organisations)
    areas = list(
        AuthorityArea.objects.filter(organisation__isnull=True)
        .exclude(index_kind=IndexKind.NONE)
        .order_by("sort_order")
    )
    year_values = np.arange(years[0], years[1] + 1)
    org_level = rng.normal(7.2, 0.5, size=len(orgs))
    area_offset = np.array([AREA_OFFSETS.get(a.slug, 0.2) for a in areas])
    # Bigger organisations get more answers (a log-normal spread of volume).
    org_weight = rng.lognormal(0, 0.8, size=len(orgs))
    org_of = rng.choice(len(orgs), size=answers, p=org_weight / org_weight.sum())
    area_of = rng.integers(0, len(areas), size=answers)
    year_of = rng.integers(0, len(year_values), size=answers)
    level = org_level[org_of] + area_offset[area_of] + 0.08 * year_of
    now = datetime.now(tz=UTC)
    with transaction.atomic():
        for start in range(0, answers, 50_000):
            stop = min(answers, start + 50_000)
            nki_items, factor_items = _chunk(rng, stop - start, level[start:stop])
            _insert(
                start,
                seed,
                nki_items,
                factor_items,
                org_ids=[orgs[i].pk for i in org_of[start:stop]],
                area_ids=[areas[i].pk for i in area_of[start:stop]],
                year_list=year_values[year_of[start:stop]].tolist(),
                respondent_codes=rng.random(stop - start),
                outcome_codes=rng.random(stop - start),
                now=now,
            )
        rows = answer_aggregates_rebuild()
    return GenerateSummary(answers=answers, organisations=len(orgs), aggregate_rows=rows)


def _insert(
    start: int,
    seed: int,
    nki_items: np.ndarray,
    factor_items: np.ndarray,
    *,
    org_ids: list[int],
    area_ids: list[int],
    year_list: list[int],
    respondent_codes: np.ndarray,
    outcome_codes: np.ndarray,
    now: datetime,
) -> None:
    nki = nki_indices(nki_items)
    factor_values = [
        factor_indices(factor_items[:, k * ITEMS_PER_FACTOR : (k + 1) * ITEMS_PER_FACTOR])
        for k in range(len(FACTORS))
    ]
    names = [*NKI_ITEMS, *(f"{f}_{k + 1}" for f in FACTORS for k in range(ITEMS_PER_FACTOR))]
    all_items = np.hstack([nki_items, factor_items])
    records: list[tuple[object, ...]] = []
    for row in range(len(org_ids)):
        items = {
            name: (None if np.isnan(v) else int(v))
            for name, v in zip(names, all_items[row], strict=True)
        }
        outcome = outcome_codes[row]
        records.append(
            (
                now, now, org_ids[row], area_ids[row], year_list[row],
                "business" if respondent_codes[row] < 0.7 else "private",
                "approved" if outcome < 0.8 else ("rejected" if outcome < 0.92 else "other"),
                "demo", f"gen{seed}-{start + row}", items, 1, 10,
                None if np.isnan(nki[row]) else float(nki[row]),
                *(None if np.isnan(f[row]) else float(f[row]) for f in factor_values),
                {}, "", datetime(year_list[row], 6, 1, 12, tzinfo=UTC),
            )
        )  # fmt: skip
    if connection.vendor == "postgresql":
        _copy(records)
    else:
        SurveyAnswer.objects.bulk_create(
            [SurveyAnswer(**dict(zip(COLUMNS, record, strict=True))) for record in records],
            batch_size=2000,
        )


def _copy(records: list[tuple[object, ...]]) -> None:
    """PostgreSQL ``COPY … FROM STDIN`` (psycopg 3), the fastest bulk load."""
    table = SurveyAnswer._meta.db_table
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for record in records:
                copy.write_row([json.dumps(v) if isinstance(v, dict) else v for v in record])


__all__ = ["GenerateSummary", "answers_generate"]
