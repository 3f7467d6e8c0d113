import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from servicepuls.surveys.errors import SurveyAlreadyAnsweredError
from servicepuls.surveys.models import Invitation, SurveyAnswer, SurveyOptOut
from servicepuls.surveys.services.survey import survey_submit
from servicepuls.surveys.tests.helpers import NOW, cases_with_invitations, page_answers


@pytest.fixture
def links(municipality_a):
    return cases_with_invitations(municipality_a, count=2)


def _answer_all(client, link, invitation):
    pages = page_answers(invitation)
    for number, answers in enumerate(pages, start=1):
        action = "submit" if number == len(pages) else "next"
        response = client.post(f"{link}sida/{number}/", {**answers, "action": action})
    return response


def test_invitation_email_carries_a_single_use_link_and_an_opt_out(links):
    message = mail.outbox[0]
    assert len(mail.outbox) == 2
    assert "Haninge" in message.subject
    assert "/avregistrera/" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    token = links[0].split("/")[2]
    assert len(token) >= 43
    assert not Invitation.objects.filter(token_hash=token).exists()  # only a hash is stored


def test_public_survey_walks_every_page_and_stores_one_redacted_answer(client, links):
    invitation = Invitation.objects.get(case__external_id="BN-0")
    start = client.get(links[0])
    assert start.status_code == 200
    assert "allmän handling" in start.content.decode()

    first = client.get(f"{links[0]}sida/1/")
    assert 'max="9"' in first.content.decode()  # progress: one page per question group

    response = _answer_all(client, links[0], invitation)

    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:survey_thanks")
    answer = SurveyAnswer.objects.get()
    assert answer.source == "survey"
    assert answer.case.external_id == "BN-0"
    assert answer.questionnaire_version == invitation.questionnaire_version
    assert answer.items["nki_satisfied"] == 8
    assert answer.nki == pytest.approx(700 / 9)
    assert answer.background["industry"] == "bygg"
    assert "070" not in answer.comment
    assert "[telefon]" in answer.comment
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    assert invitation.draft == {}


def test_back_and_forward_keep_answers_server_side(client, links):
    invitation = Invitation.objects.get(case__external_id="BN-0")
    pages = page_answers(invitation)
    client.post(f"{links[0]}sida/1/", {**pages[0], "action": "next"})
    client.post(
        f"{links[0]}sida/2/", {"information_1": "3", "information_2": "dk", "action": "back"}
    )

    other_browser = client.__class__()
    page_two = other_browser.get(f"{links[0]}sida/2/").content.decode()

    assert 'value="3" id="id_information_1_2" checked' in page_two or (
        'id="id_information_1_2" checked' in page_two
    )
    invitation.refresh_from_db()
    assert invitation.draft["information_1"] == 3
    assert invitation.draft["information_2"] == "dk"
    assert invitation.draft["outcome"] == "approved"


def test_dont_know_is_stored_as_missing_never_zero(client, links):
    invitation = Invitation.objects.get(case__external_id="BN-0")
    pages = page_answers(invitation)
    pages[1] = dict.fromkeys(pages[1], "dk")
    for number, answers in enumerate(pages, start=1):
        client.post(f"{links[0]}sida/{number}/", {**answers, "action": "next"})
    client.post(f"{links[0]}sida/{len(pages)}/", {**pages[-1], "action": "submit"})

    answer = SurveyAnswer.objects.get()
    assert answer.items["information_1"] is None
    assert answer.information is None


def test_survey_rejects_values_off_the_scale(client, links):
    response = client.post(f"{links[0]}sida/2/", {"information_1": "11", "action": "next"})

    assert response.status_code == 200
    assert "information_1" in response.context["form"].errors


def test_a_used_link_says_it_was_already_answered(client, links):
    invitation = Invitation.objects.get(case__external_id="BN-0")
    _answer_all(client, links[0], invitation)

    again = client.get(links[0])
    resubmit = _answer_all(client.__class__(), links[0], invitation)

    assert again.status_code == 410
    assert "redan besvarats" in again.content.decode()
    assert resubmit.status_code == 410
    assert SurveyAnswer.objects.count() == 1


def test_second_submission_of_the_same_invitation_stores_nothing(links):
    invitation = Invitation.objects.get(case__external_id="BN-0")
    stale_copy = Invitation.objects.get(pk=invitation.pk)
    survey_submit(invitation=invitation, now=NOW)

    with pytest.raises(SurveyAlreadyAnsweredError):
        survey_submit(invitation=stale_copy, now=NOW)

    assert SurveyAnswer.objects.count() == 1


def test_expired_and_unknown_links_get_a_clear_page(client, links):
    Invitation.objects.filter(case__external_id="BN-0").update(expires_at=NOW - timedelta(days=1))

    expired = client.get(links[0])
    unknown = client.get("/enkat/" + "x" * 43 + "/")
    page = client.get("/enkat/" + "x" * 43 + "/sida/1/")

    assert expired.status_code == 410
    assert "gått ut" in expired.content.decode()
    assert unknown.status_code == 404
    assert "inte giltig" in unknown.content.decode()
    assert page.status_code == 404


def test_opt_out_stops_reminders_and_future_invitations(client, links, municipality_a):
    client.post(f"{links[0]}avregistrera/")

    invitation = Invitation.objects.get(case__external_id="BN-0")
    assert invitation.opted_out_at is not None
    assert SurveyOptOut.objects.filter(person_key=invitation.person_key).exists()
    assert client.get(links[0]).status_code == 410


def test_survey_is_offered_in_english(client, links):
    client.get(f"{links[0]}?lang=en")
    page = client.get(f"{links[0]}sida/2/").content.decode()

    assert "It was easy to find information" in page
    assert "Don&#x27;t know" in page or "Don't know" in page


def test_email_links_carry_the_language_of_their_section(links):
    body = mail.outbox[0].body
    swedish, english = body.split("-----")
    assert f"{links[0]}?lang=sv" in swedish
    assert f"{links[0]}?lang=en" in english
    assert "How did Haninge handle your case?" not in swedish


def test_cached_empty_pages_never_hide_a_respondents_own_answers(client, links):
    first, second = links
    invitation = Invitation.objects.get(case__external_id="BN-0")
    answers = page_answers(invitation)[0]
    empty = client.get(f"{second}sida/1/").content.decode()  # caches the empty page
    client.post(f"{first}sida/1/", {**answers, "action": "next"})

    back = client.get(f"{first}sida/1/").content.decode()
    again = client.get(f"{second}sida/1/").content.decode()

    key, value = next((k, v) for k, v in answers.items() if k != "action")
    assert f'value="{value}"' in back
    chosen = f'name="{key}" value="{value}" id="id_{key}_'
    assert chosen in back
    assert back.split(chosen, 1)[1].split(">", 1)[0].count("checked") == 1
    assert empty.count("checked") == again.count("checked") == 0


def test_an_empty_page_is_shared_but_each_respondent_keeps_their_own_link_and_tokens(
    client, links, django_assert_max_num_queries
):
    first, second = links
    other = Client(enforce_csrf_checks=True)
    mine = client.get(f"{first}sida/2/").content.decode()
    with django_assert_max_num_queries(1):  # the link's invitation; the page is cached
        theirs = other.get(f"{second}sida/2/").content.decode()

    # The language form returns each respondent to their own page, never to another's link.
    assert f'name="next" type="hidden" value="{first}sida/2/"' in mine
    assert f'name="next" type="hidden" value="{second}sida/2/"' in theirs
    assert second not in mine
    assert first not in theirs
    csrf = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1] for page in (mine, theirs)
    ]
    assert csrf[0] != csrf[1]
    assert not re.search(r"servicepuls[0-9a-f]{24}", mine + theirs)  # no placeholder left
    # Both pages post back: each respondent's CSRF token matches their own cookie.
    invitation = Invitation.objects.get(case__external_id="BN-1")
    answers = page_answers(invitation)[1]
    posted = other.post(
        f"{second}sida/2/", {**answers, "action": "next", "csrfmiddlewaretoken": csrf[1]}
    )
    assert posted.status_code == 302
