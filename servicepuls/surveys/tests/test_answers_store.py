from datetime import UTC, datetime

import pytest

from servicepuls.organisations.models import AuthorityArea
from servicepuls.surveys.models import SurveyAnswer
from servicepuls.surveys.services import AnswerSetInput, survey_answers_store
from servicepuls.surveys.signals import answers_stored


@pytest.fixture
def received():
    calls: list[list[int]] = []

    def receiver(sender, answer_ids, **kwargs):
        calls.append(answer_ids)

    answers_stored.connect(receiver, weak=False)
    yield calls
    answers_stored.disconnect(receiver)


def _answer(organisation, external_id, satisfied=8):
    return AnswerSetInput(
        organisation_id=organisation.pk,
        area_id=AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True).pk,
        year=2025,
        respondent="business",
        source="import",
        external_id=external_id,
        items={"nki_satisfied": satisfied, "nki_expectations": 7, "information_1": 4},
        submitted_at=datetime(2025, 3, 1, tzinfo=UTC),
    )


def test_survey_answers_store_is_idempotent_and_signals_changes(
    municipality_a, django_capture_on_commit_callbacks, received
):
    with django_capture_on_commit_callbacks(execute=True):
        first = survey_answers_store(answer_sets=[_answer(municipality_a, "a1")])
    with django_capture_on_commit_callbacks(execute=True):
        again = survey_answers_store(answer_sets=[_answer(municipality_a, "a1")])
    with django_capture_on_commit_callbacks(execute=True):
        changed = survey_answers_store(answer_sets=[_answer(municipality_a, "a1", satisfied=10)])

    answer = SurveyAnswer.objects.get()
    assert (first.created, again.created, again.updated, changed.updated) == (1, 0, 0, 1)
    assert received == [[answer.pk], [answer.pk]]
    assert answer.nki == pytest.approx((100 + 600 / 9) / 2)
    assert answer.information == pytest.approx(300 / 9)
    assert answer.kompetens is None


def test_survey_answers_store_sends_nothing_when_rolled_back(
    municipality_a, django_capture_on_commit_callbacks, received
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        survey_answers_store(answer_sets=[_answer(municipality_a, "a1")])
    assert len(callbacks) == 1
    assert received == []
