from django.db.models import Avg

from servicepuls.common.demo import DemoContext
from servicepuls.surveys.demo import AREAS, seed_demo
from servicepuls.surveys.models import Case, Invitation, SurveyAnswer
from servicepuls.surveys.selectors import response_rates
from servicepuls.surveys.signals import answers_stored


def test_demo_seeds_cases_invitations_and_answers_in_every_area_and_year(
    municipality_a, municipality_b, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, answer_ids, **kwargs):
        received.extend(answer_ids)

    answers_stored.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            seed_demo(DemoContext())
    finally:
        answers_stored.disconnect(receiver)

    assert Case.objects.count() == Invitation.objects.count() > 0
    answers = SurveyAnswer.objects.filter(source="demo")
    assert sorted(received) == sorted(answers.values_list("pk", flat=True))
    combos = set(answers.values_list("organisation__code", "area__slug", "year"))
    assert len(combos) == 2 * len(AREAS) * 8
    national = answers.filter(year=2022).aggregate(nki=Avg("nki"))["nki"]
    bygglov = answers.filter(year=2022, area__slug="bygglov").aggregate(nki=Avg("nki"))["nki"]
    assert 70 < national < 80
    assert bygglov < national - 5
    rates = response_rates([municipality_a.pk], years=[2024])
    assert all(0.3 < rate.rate < 0.7 for rate in rates)
