import copy
from unittest import mock

import pytest

from servicepuls.surveys.errors import QuestionnaireInvalidError
from servicepuls.surveys.models import Questionnaire, SurveyAnswer
from servicepuls.surveys.services import questionnaires as service
from servicepuls.surveys.services.questionnaires import (
    questionnaire_default_definition,
    questionnaire_default_ensure,
    questionnaire_pages_validate,
    questionnaire_version_create,
    questionnaire_version_get,
)
from servicepuls.surveys.services.survey import survey_pages, survey_submit
from servicepuls.surveys.tests.helpers import NOW, cases_with_invitations


def test_default_questionnaire_has_every_part_the_issue_asks_for(db):
    version = questionnaire_default_ensure().current_version()
    keys = [item["key"] for page in version.pages for item in page["items"]]

    for factor in (
        "information",
        "tillganglighet",
        "bemotande",
        "kompetens",
        "rattssakerhet",
        "effektivitet",
    ):
        assert 3 <= sum(key.startswith(f"{factor}_") for key in keys) <= 4
    for key in (
        "nki_satisfied",
        "nki_expectations",
        "nki_ideal",
        "outcome",
        "fee_explained",
        "fee_reasonable",
        "industry",
        "company_size",
        "comment",
    ):
        assert key in keys
    assert (version.scale_low, version.scale_high, version.allow_dont_know) == (1, 10, True)
    for page in version.pages:
        for item in page["items"]:
            assert item["text"]["sv"]
            assert item["text"]["en"]


def test_ensuring_the_default_twice_makes_one_version(db):
    questionnaire_default_ensure()
    questionnaire_default_ensure()

    assert Questionnaire.objects.get().versions.count() == 1


def test_a_version_read_once_is_served_from_the_process_cache(db, django_assert_num_queries):
    version = questionnaire_default_ensure().versions.get()

    with django_assert_num_queries(1):
        first = questionnaire_version_get(pk=version.pk)
    with django_assert_num_queries(0):
        again = questionnaire_version_get(pk=version.pk)

    assert first.pages == again.pages == version.pages
    assert again.pk == version.pk


def test_business_only_items_are_left_out_for_private_persons(db):
    version = questionnaire_default_ensure().current_version()
    private = [
        i["key"] for p in survey_pages(version=version, respondent="private") for i in p["items"]
    ]
    business = [
        i["key"] for p in survey_pages(version=version, respondent="business") for i in p["items"]
    ]

    assert "industry" not in private
    assert "industry" in business


def test_changing_the_questionnaire_never_changes_stored_answers(municipality_a):
    cases_with_invitations(municipality_a, count=1)
    from servicepuls.surveys.models import Invitation

    invitation = Invitation.objects.get()
    invitation.draft = {"nki_satisfied": 7, "nki_expectations": 7, "information_1": 5}
    invitation.save()
    answer = survey_submit(invitation=invitation, now=NOW)
    old_version = answer.questionnaire_version
    old_pages = copy.deepcopy(old_version.pages)

    changed = questionnaire_default_definition()
    changed["pages"][1]["items"][0]["text"]["sv"] = "En ny formulering."
    with mock.patch.object(service, "questionnaire_default_definition", return_value=changed):
        questionnaire_default_ensure()

    questionnaire = Questionnaire.objects.get()
    assert questionnaire.versions.count() == 2
    assert (
        questionnaire.current_version().pages[1]["items"][0]["text"]["sv"] == "En ny formulering."
    )
    answer = SurveyAnswer.objects.get()
    assert answer.questionnaire_version == old_version
    old_version.refresh_from_db()
    assert old_version.pages == old_pages
    assert answer.items["nki_satisfied"] == 7
    assert answer.information == pytest.approx(400 / 9)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda pages: pages[1]["items"][0].update(key="weather_1"), "canonical column"),
        (lambda pages: pages[1]["items"][0]["text"].pop("en"), "Swedish and an English"),
        (lambda pages: pages[0]["items"][0].update(choices=[]), "needs choices"),
        (lambda pages: pages[1]["items"].append(dict(pages[1]["items"][0])), "unique key"),
        (lambda pages: pages[7]["items"].pop() and pages[7]["items"].pop(), "two of the NKI"),
    ],
)
def test_questionnaire_pages_are_validated(mutate, message):
    pages = copy.deepcopy(questionnaire_default_definition()["pages"])
    mutate(pages)

    with pytest.raises(QuestionnaireInvalidError, match=message):
        questionnaire_pages_validate(pages)


def test_a_new_version_keeps_its_own_scale(db):
    questionnaire = questionnaire_default_ensure()
    pages = questionnaire_default_definition()["pages"]

    version = questionnaire_version_create(
        questionnaire=questionnaire, pages=pages, scale_low=1, scale_high=5
    )

    assert (version.number, version.scale_high) == (2, 5)
    with pytest.raises(QuestionnaireInvalidError):
        questionnaire_version_create(
            questionnaire=questionnaire, pages=pages, scale_low=5, scale_high=5
        )
