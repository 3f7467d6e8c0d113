"""``servicepuls nki compute`` on an export gives the numbers the product computes from the DB."""

import io
import json
import random
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db.models import Avg, Count, F, Sum

from servicepuls.organisations.models import AuthorityArea
from servicepuls.surveys.models import SurveyAnswer
from servicepuls.surveys.services.answers import AnswerSetInput, survey_answers_store
from survey_stats.drivers import FACTORS
from survey_stats.groups import summarise_from_stats
from survey_stats.intervals import SufficientStatistics


def _answers(organisations, rng):
    areas = list(AuthorityArea.objects.filter(slug__in=["bygglov", "livsmedel"]))
    sets = []
    for organisation in organisations:
        for area in areas:
            for year in (2024, 2025):
                size = 5 if (area.slug, year) == ("livsmedel", 2024) else rng.randint(9, 20)
                for number in range(size):
                    items = {
                        f"{factor}_{k}": rng.choice([None, *range(1, 11)])
                        for factor in FACTORS
                        for k in (1, 2)
                    }
                    items |= {
                        name: rng.choice([None, *range(3, 11)])
                        for name in ("nki_satisfied", "nki_expectations", "nki_ideal")
                    }
                    sets.append(
                        AnswerSetInput(
                            organisation_id=organisation.pk,
                            area_id=area.pk,
                            year=year,
                            respondent=rng.choice(["business", "private"]),
                            source="import",
                            external_id=f"{area.slug}-{year}-{number}",
                            items=items,
                            submitted_at=datetime(year, 6, 1, tzinfo=UTC),
                        )
                    )
    survey_answers_store(answer_sets=sets)


def _product_numbers():
    """What the product computes: database aggregates through survey_stats."""
    groups = (
        SurveyAnswer.objects.filter(nki__isnull=False)
        .values(organisation_code=F("organisation__code"), area_slug=F("area__slug"))
        .annotate(
            year_=F("year"), n=Count("pk"), total=Sum("nki"), squares=Sum(F("nki") * F("nki"))
        )
    )
    numbers = {}
    for group in groups:
        key = (group["organisation_code"], group["area_slug"], group["year_"])
        in_group = SurveyAnswer.objects.filter(
            organisation__code=key[0], area__slug=key[1], year=key[2]
        )
        factor_stats = {}
        for factor in FACTORS:
            answered = in_group.filter(**{f"{factor}__isnull": False})
            factor_stats[factor] = SufficientStatistics(
                answered.count(), answered.aggregate(total=Sum(factor))["total"] or 0.0, 0.0
            )
        numbers[key] = summarise_from_stats(
            SufficientStatistics(group["n"], group["total"], group["squares"]),
            factor_stats,
        )
    return numbers


def test_nki_compute_on_an_export_gives_the_products_numbers(
    municipality_a, municipality_b, tmp_path
):
    _answers([municipality_a, municipality_b], random.Random(4))
    export = tmp_path / "answers.csv"
    call_command("surveys", "export-answers", "--out", str(export))
    out = io.StringIO()

    call_command("nki", "compute", str(export), "--format", "json", stdout=out)

    computed = {
        (r["organisation"], r["area"], int(r["year"])): r for r in json.loads(out.getvalue())
    }
    product = _product_numbers()
    assert set(computed) == set(product)
    assert any(row["suppressed"] for row in computed.values())
    for key, expected in product.items():
        row = computed[key]
        assert row["n"] == expected.n
        assert row["suppressed"] == expected.suppressed
        if expected.suppressed:
            assert row["nki"] is None
            continue
        assert row["nki"] == pytest.approx(expected.nki, rel=1e-12)
        assert row["nki_ci_low"] == pytest.approx(expected.nki_ci.low, rel=1e-9)
        assert row["nki_ci_high"] == pytest.approx(expected.nki_ci.high, rel=1e-9)
        for factor, value in zip(FACTORS, expected.factors, strict=True):
            assert row[factor] == pytest.approx(value, rel=1e-12)
    assert SurveyAnswer.objects.aggregate(mean=Avg("nki"))["mean"] is not None
