"""Two simultaneous submissions of one survey link store exactly one answer set."""

import threading
import time

import pytest
from django.db import connection, connections

from servicepuls.surveys.errors import SurveyAlreadyAnsweredError
from servicepuls.surveys.models import Invitation, SurveyAnswer
from servicepuls.surveys.services import answers as answers_module
from servicepuls.surveys.services.survey import survey_submit
from servicepuls.surveys.tests.helpers import NOW, cases_with_invitations


@pytest.mark.postgres
# serialized_rollback: its flush must not recreate content types under the next such test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_submissions_store_one_answer(municipality_a, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between two connections need PostgreSQL")
    cases_with_invitations(municipality_a, count=1)
    invitation_id = Invitation.objects.get().pk
    Invitation.objects.filter(pk=invitation_id).update(draft={"nki_satisfied": 9, "nki_ideal": 8})
    store = answers_module.survey_answers_store

    def slow_store(**kwargs):
        time.sleep(0.3)  # hold the transaction open so that the two really overlap
        return store(**kwargs)

    monkeypatch.setattr("servicepuls.surveys.services.survey.survey_answers_store", slow_store)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            invitation = Invitation.objects.select_related("questionnaire_version", "case").get(
                pk=invitation_id
            )
            barrier.wait()
            survey_submit(invitation=invitation, now=NOW)
            outcomes.append("stored")
        except SurveyAlreadyAnsweredError:
            outcomes.append("already answered")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["already answered", "stored"]
    assert SurveyAnswer.objects.count() == 1
    assert SurveyAnswer.objects.get().items["nki_satisfied"] == 9
