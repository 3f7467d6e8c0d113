from __future__ import annotations

import io
import math

import pytest
from django.core.management import CommandError, call_command

from servicepuls.insights.models import MEASURES, AnswerAggregate
from servicepuls.insights.services import answer_aggregates_rebuild, answer_aggregates_refresh
from servicepuls.insights.tests.helpers import answers_store
from servicepuls.surveys.models import SurveyAnswer

FIELDS = [f"{m}_{part}" for m in MEASURES for part in ("n", "sum", "sumsq")]


def _snapshot() -> dict[tuple, tuple]:
    return {
        (r.organisation_id, r.area_id, r.year, r.respondent, r.outcome): tuple(
            [r.answers] + [round(getattr(r, f), 6) for f in FIELDS]
        )
        for r in AnswerAggregate.objects.all()
    }


@pytest.mark.django_db
def test_answers_stored_signal_keeps_aggregates_equal_to_the_answers(municipality_a):
    answers_store(municipality_a, "bygglov", 2024, 12)

    row = AnswerAggregate.objects.get()
    answers = list(SurveyAnswer.objects.all())
    nki = [a.nki for a in answers if a.nki is not None]
    assert (row.year, row.respondent, row.outcome, row.answers) == (
        2024,
        "business",
        "approved",
        12,
    )
    assert row.nki_n == len(nki)
    assert math.isclose(row.nki_sum, sum(nki))
    assert math.isclose(row.nki_sumsq, sum(v * v for v in nki))
    info = [a.information for a in answers if a.information is not None]
    assert row.information_n == len(info)
    assert math.isclose(row.information_sum, sum(info))


@pytest.mark.django_db
def test_refresh_moves_an_answer_whose_outcome_changed_out_of_its_old_row(municipality_a):
    ids = answers_store(municipality_a, "bygglov", 2024, 8)
    SurveyAnswer.objects.filter(pk=ids[0]).update(outcome="rejected")

    answer_aggregates_refresh(answer_ids=[ids[0]])

    counts = dict(AnswerAggregate.objects.values_list("outcome", "answers"))
    assert counts == {"approved": 7, "rejected": 1}


@pytest.mark.django_db
def test_refresh_and_rebuild_are_idempotent_and_agree(municipality_a, municipality_b):
    answers_store(municipality_a, "bygglov", 2023, 9)
    answers_store(municipality_a, "livsmedel", 2024, 10, respondent="private", outcome="")
    answers_store(municipality_b, "bygglov", 2024, 11, outcome="rejected")
    incremental = _snapshot()

    answer_aggregates_rebuild()
    answer_aggregates_rebuild()
    answer_aggregates_refresh(answer_ids=SurveyAnswer.objects.values_list("pk", flat=True))

    assert len(incremental) == 3
    assert _snapshot() == incremental


@pytest.mark.django_db
def test_rebuild_command_limits_to_one_organisation_and_rejects_unknown_codes(
    municipality_a, municipality_b
):
    answers_store(municipality_a, "bygglov", 2024, 7)
    answers_store(municipality_b, "bygglov", 2024, 7)
    AnswerAggregate.objects.all().delete()

    call_command("insights", "rebuild", "--organisation", "0136", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(AnswerAggregate.objects.values_list("organisation__code", flat=True)) == ["0136"]
    with pytest.raises(CommandError, match="unknown organisation '9999'"):
        call_command("insights", "rebuild", "--organisation", "9999")


@pytest.mark.django_db
def test_generate_command_inserts_invented_answers_and_their_aggregates(municipality_a):
    out = io.StringIO()

    call_command("insights", "generate", "--answers", "500", "--organisations", "3", stdout=out)

    assert "500 answer sets for 3 organisations" in out.getvalue()
    assert SurveyAnswer.objects.filter(source="demo").count() == 500
    assert sum(AnswerAggregate.objects.values_list("answers", flat=True)) == 500
    answer = SurveyAnswer.objects.filter(nki__isnull=False).first()
    assert 0 <= answer.nki <= 100
    assert set(answer.items) >= {"nki_satisfied", "effektivitet_2"}
    with pytest.raises(CommandError, match="--years"):
        call_command("insights", "generate", "--answers", "5", "--years", "2020")
