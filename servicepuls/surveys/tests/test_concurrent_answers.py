"""Respondents answering different invitations of one group at the same time all succeed.

Found by the load test (``python -m proof.load --scenarios survey``): two answers of the same
organisation × area × year made the aggregate refresh of the second fail on the unique key,
and the respondent was told that the survey had already been answered.
"""

import threading

import pytest
from django.db import connection, connections

from servicepuls.insights.models import AnswerAggregate
from servicepuls.insights.services import answer_aggregates_rebuild
from servicepuls.surveys.models import Invitation, SurveyAnswer
from servicepuls.surveys.services.survey import survey_submit
from servicepuls.surveys.signals import answers_stored
from servicepuls.surveys.tests.helpers import NOW, cases_with_invitations

ANSWERS = 4


def _aggregate_rows() -> list[tuple]:
    return sorted(
        AnswerAggregate.objects.values_list(
            "organisation_id", "area_id", "year", "respondent", "outcome", "answers", "nki_sum"
        )
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_answers_of_one_group_are_all_stored_and_aggregated(municipality_a):
    if connection.vendor != "postgresql":
        # SQLite runs one writing transaction at a time, so the race cannot happen there;
        # the PostgreSQL half of `make test` (and CI) runs this test.
        pytest.skip("concurrent transactions need PostgreSQL")
    cases_with_invitations(municipality_a, count=ANSWERS)
    Invitation.objects.update(draft={"nki_satisfied": 9, "nki_ideal": 8, "nki_expectations": 7})
    invitation_ids = list(Invitation.objects.values_list("pk", flat=True))
    barrier = threading.Barrier(ANSWERS)
    failures: list[BaseException] = []

    def submit(invitation_id: int) -> None:
        try:
            invitation = Invitation.objects.select_related("questionnaire_version", "case").get(
                pk=invitation_id
            )
            barrier.wait()
            survey_submit(invitation=invitation, now=NOW)
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(pk,)) for pk in invitation_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    assert SurveyAnswer.objects.count() == ANSWERS
    refreshed = _aggregate_rows()
    answer_aggregates_rebuild()
    assert refreshed == _aggregate_rows()
    assert sum(row[5] for row in refreshed) == ANSWERS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_receiver_never_turns_stored_answers_into_an_error(municipality_a):
    cases_with_invitations(municipality_a, count=1)
    invitation = Invitation.objects.select_related("questionnaire_version", "case").get()
    Invitation.objects.update(draft={"nki_satisfied": 9, "nki_ideal": 8})
    invitation.refresh_from_db()

    def broken(**kwargs):
        raise RuntimeError("aggregates unavailable")

    answers_stored.connect(broken, dispatch_uid="test-broken-receiver")
    try:
        answer = survey_submit(invitation=invitation, now=NOW)
    finally:
        answers_stored.disconnect(dispatch_uid="test-broken-receiver")

    assert answer.items["nki_satisfied"] == 9
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
