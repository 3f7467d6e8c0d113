"""Answer sets for the insights tests, stored through the surveys service (signal included)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from django.test import TestCase

from servicepuls.organisations.models import AuthorityArea, Organisation
from servicepuls.surveys.services.answers import AnswerSetInput, survey_answers_store
from survey_stats.drivers import FACTORS

NKI_ITEMS = ("nki_satisfied", "nki_expectations", "nki_ideal")


def answer_items(rng: random.Random, level: int) -> dict[str, int | None]:
    """Items on 1–10 around ``level``; now and then an item is left empty ("vet ej")."""

    def item() -> int | None:
        if rng.random() < 0.05:
            return None
        return max(1, min(10, level + rng.randint(-3, 2)))

    items = {name: item() for name in NKI_ITEMS}
    for factor in FACTORS:
        for k in (1, 2):
            items[f"{factor}_{k}"] = item()
    return items


def answers_store(
    organisation: Organisation,
    area_slug: str,
    year: int,
    count: int,
    *,
    level: int = 7,
    respondent: str = "business",
    outcome: str = "approved",
    seed: int = 1,
    prefix: str = "",
    comment: str = "",
) -> list[int]:
    """Store ``count`` answer sets; returns their ids."""
    rng = random.Random(f"{seed}-{organisation.code}-{area_slug}-{year}-{respondent}-{outcome}")
    area = AuthorityArea.objects.get(slug=area_slug, organisation__isnull=True)
    tag = prefix or f"{area_slug}-{year}-{respondent}-{outcome}-{seed}"
    # Inside a test's transaction, run the on-commit ``answers_stored`` signal right away.
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = survey_answers_store(
            answer_sets=_inputs(
                organisation, area, year, count, tag, rng, level, respondent, outcome, comment
            )
        )
    return result.answer_ids


def _inputs(organisation, area, year, count, tag, rng, level, respondent, outcome, comment):
    return [
        AnswerSetInput(
            organisation_id=organisation.pk,
            area_id=area.pk,
            year=year,
            respondent=respondent,
            outcome=outcome,
            source="import",
            external_id=f"{tag}-{index}",
            items=answer_items(rng, level),
            submitted_at=datetime(year, 6, 1, 12, tzinfo=UTC),
            comment=comment,
        )
        for index in range(count)
    ]
