from __future__ import annotations

import re
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from servicepuls.accounts.models import User
from servicepuls.stories import public_views, spam
from servicepuls.stories.models import Story, StoryContact
from servicepuls.stories.spam import RATE_LIMIT, form_token_make
from servicepuls.stories.tests.conftest import PII_TEXT
from servicepuls.stories.tests.factories import CampaignFactory

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


def form_data(**overrides):
    data = {
        "submitter": "business",
        "treatment": "Jag blev väl bemött men handläggningen av bygglovet tog lång tid.",
        "not_understood": "",
        "situation": "",
        "do_differently": "Svara snabbare.",
        "contact_choice": "anonymous",
        "notice_read": "on",
        "website": "",
        "form_token": form_token_make(now=time.time() - 30),
    }
    data.update(overrides)
    return data


def submit(client, municipality, **overrides):
    url = reverse("stories:submit_organisation", kwargs={"code": municipality.code})
    return client.post(url, form_data(**overrides), follow=True)


def test_form_page_shows_prompts_notice_and_no_contact_required(client, municipality_a):
    response = client.get(reverse("stories:submit_organisation", kwargs={"code": "0136"}))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Haninge" in page
    assert "allmän handling" in page
    assert 'name="form_token"' in page
    assert 'name="website"' in page
    assert page.count("<textarea") == 4


def test_form_without_organisation_lets_the_submitter_choose_one(client, municipality_a):
    response = client.get(reverse("stories:submit"))
    data = form_data(organisation=municipality_a.pk)
    missing = client.post(reverse("stories:submit"), form_data())
    sent = client.post(reverse("stories:submit"), data)

    assert response.status_code == 200
    assert 'name="organisation"' in response.content.decode()
    assert missing.status_code == 200
    assert sent.status_code == 302
    assert Story.objects.get().organisation == municipality_a


def test_form_is_available_in_english(client, municipality_a):
    client.cookies["servicepuls_language"] = "en"
    response = client.get(reverse("stories:submit_organisation", kwargs={"code": "0136"}))

    assert 'lang="en"' in response.content.decode()
    assert "Share your experience" in response.content.decode()


def test_unknown_or_inactive_organisation_is_404(client, municipality_a, municipality_b):
    assert client.get("/dela-din-erfarenhet/9999/").status_code == 404
    assert client.get("/dela-din-erfarenhet/%20%0A" + "9" * 300 + "/").status_code == 404
    assert client.get("/dela-din-erfarenhet/0192/").status_code == 404  # not using Servicepuls


def test_sending_the_form_stores_the_story_and_shows_a_reference(client, municipality_a):
    response = submit(client, municipality_a)

    story = Story.objects.get()
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("stories:thanks")
    assert story.reference in response.content.decode()
    assert story.organisation == municipality_a
    assert story.channel == "web"
    assert story.submitter == "business"
    assert "Svara snabbare." in story.raw_text
    assert not StoryContact.objects.exists()


def test_form_with_contact_details_stores_them_apart(client, municipality_a):
    submit(
        client,
        municipality_a,
        contact_choice="contact",
        name="Erik Ek",
        email="Erik@Example.se",
        consent_follow_up="on",
    )

    contact = StoryContact.objects.get()
    assert contact.email == "erik@example.se"
    assert contact.consent_follow_up
    assert "Erik Ek" not in contact.story.raw_text


def test_anonymous_choice_discards_typed_contact_details(client, municipality_a):
    submit(client, municipality_a, contact_choice="anonymous", email="x@example.se")

    assert Story.objects.count() == 1
    assert not StoryContact.objects.exists()


def test_contact_choice_without_a_way_to_reach_is_an_error(client, municipality_a):
    response = submit(client, municipality_a, contact_choice="contact", name="Erik")

    assert Story.objects.count() == 0
    assert "e-postadress eller ett telefonnummer" in response.content.decode()


def test_campaign_form_links_the_story_to_the_campaign(client, municipality_a):
    campaign = CampaignFactory(title="Tillsammans gör vi skillnad", slug="varen")
    url = reverse("stories:submit_campaign", kwargs={"code": "0136", "campaign_slug": "varen"})

    page = client.get(url).content.decode()
    client.post(url, form_data())

    assert "Tillsammans gör vi skillnad" in page
    assert Story.objects.get().campaign == campaign


def test_staff_changes_show_on_the_cached_public_form_at_once(client, municipality_a):
    url = reverse("stories:submit_organisation", kwargs={"code": "0136"})
    before = client.get(url).content.decode()  # caches the context and the empty form
    department = municipality_a.departments.create(name="Avdelningen för nya tag")

    CampaignFactory(title="Höstens dialog", slug="hosten")
    after = client.get(url).content.decode()

    assert "Höstens dialog" not in before
    assert "Avdelningen för nya tag" not in before
    assert "Höstens dialog" in after
    assert f'value="{department.pk}"' in after


def _visitor_tokens(page: str) -> tuple[str, str]:
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    form_token = re.search(r'name="form_token" value="([^"]+)"', page)
    assert csrf, "the form lacks its CSRF token"
    assert form_token, "the form lacks its timing token"
    return csrf[1], form_token[1]


def test_the_cached_empty_form_gives_each_visitor_tokens_of_their_own(
    municipality_a, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(spam, "MIN_SECONDS", 0)
    url = reverse("stories:submit_organisation", kwargs={"code": "0136"})
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    first = visitors[0].get(url).content.decode()
    # Each answer makes its own timing token, not the first visitor's again.
    earlier = time.time() - 100
    monkeypatch.setattr(public_views, "form_token_make", lambda: form_token_make(now=earlier))
    with django_assert_num_queries(0):  # the second page comes whole from the page cache
        second = visitors[1].get(url).content.decode()

    tokens = [_visitor_tokens(first), _visitor_tokens(second)]
    answers = [
        visitor.post(url, form_data(csrfmiddlewaretoken=csrf, form_token=form_token))
        for visitor, (csrf, form_token) in zip(visitors, tokens, strict=True)
    ]

    assert tokens[0][0] != tokens[1][0]
    assert tokens[0][1] != tokens[1][1]
    assert not re.search(r"servicepuls[0-9a-f]{24}", first + second)  # no placeholder left
    assert first.replace(tokens[0][0], "").replace(tokens[0][1], "") == second.replace(
        tokens[1][0], ""
    ).replace(tokens[1][1], "")
    assert [answer.status_code for answer in answers] == [302, 302]
    assert Story.objects.count() == 2


def test_a_signed_in_user_never_gets_the_anonymous_cached_form(client, municipality_a, admin_user):
    url = reverse("stories:submit_organisation", kwargs={"code": "0136"})
    anonymous = Client().get(url).content.decode()
    client.force_login(admin_user)

    signed_in = client.get(url).content.decode()

    assert "site-header__org" not in anonymous
    assert "site-header__org" in signed_in


def test_closed_campaign_is_404(client, municipality_a):
    import datetime

    CampaignFactory(
        slug="gammal",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2020, 2, 1),
    )

    assert client.get("/dela-din-erfarenhet/0136/gammal/").status_code == 404


def test_empty_story_is_refused_with_a_message(client, municipality_a):
    response = submit(client, municipality_a, treatment="", do_differently="kort")

    assert Story.objects.count() == 0
    assert 'role="alert"' in response.content.decode()


def test_too_long_answer_is_refused(client, municipality_a):
    response = submit(client, municipality_a, treatment="a" * 4001)

    assert Story.objects.count() == 0
    assert "4000" in response.content.decode()


def test_notice_must_be_confirmed(client, municipality_a):
    data = form_data()
    del data["notice_read"]
    client.post(reverse("stories:submit_organisation", kwargs={"code": "0136"}), data)

    assert Story.objects.count() == 0


def test_honeypot_refuses_the_story(client, municipality_a):
    submit(client, municipality_a, website="http://spam.example")

    assert Story.objects.count() == 0


def test_form_sent_within_seconds_is_refused(client, municipality_a):
    response = submit(client, municipality_a, form_token=form_token_make())

    assert Story.objects.count() == 0
    assert "för snabbt" in response.content.decode()


def test_forged_timing_token_is_refused(client, municipality_a):
    submit(client, municipality_a, form_token="1700000000:forged")

    assert Story.objects.count() == 0


def test_rate_limit_per_address_answers_429(client, municipality_a):
    for _ in range(RATE_LIMIT):
        submit(client, municipality_a)
    url = reverse("stories:submit_organisation", kwargs={"code": "0136"})

    response = client.post(url, form_data())

    assert response.status_code == 429
    assert Story.objects.count() == RATE_LIMIT


def test_form_requires_csrf(municipality_a):
    strict = Client(enforce_csrf_checks=True)
    url = reverse("stories:submit_organisation", kwargs={"code": "0136"})

    response = strict.post(url, form_data())

    assert response.status_code == 403
    assert Story.objects.count() == 0


def test_thanks_page_without_a_submission_redirects_to_the_form(client, db):
    response = client.get(reverse("stories:thanks"))

    assert response.status_code == 302
    assert response["Location"] == reverse("stories:submit")


def test_thanks_page_refuses_a_forged_reference_cookie(client, municipality_a):
    submit(client, municipality_a)
    reference = Story.objects.get().reference
    client.cookies["story_reference"] = "DE-2026-FORGED"  # unsigned: not ours

    response = client.get(reverse("stories:thanks"))

    assert response.status_code == 302
    assert reference not in response.content.decode()


def test_sending_the_form_writes_no_session(client, municipality_a):
    from django.contrib.sessions.models import Session

    submit(client, municipality_a)

    assert Story.objects.count() == 1
    assert Session.objects.count() == 0


def test_the_cached_empty_form_lists_a_new_department_at_once(client, municipality_a):
    from servicepuls.organisations.models import Department

    url = reverse("stories:submit_organisation", kwargs={"code": "0136"})
    before = client.get(url).content.decode()
    Department.objects.create(organisation=municipality_a, name="Nya tillståndsenheten")
    after = client.get(url).content.decode()

    assert "Nya tillståndsenheten" not in before
    assert "Nya tillståndsenheten" in after


def test_a_form_with_errors_is_never_served_from_the_cache(client, municipality_a):
    url = reverse("stories:submit_organisation", kwargs={"code": "0136"})
    client.get(url)  # fills the cache with the empty form

    response = client.post(url, form_data(treatment="kort", do_differently=""))

    page = response.content.decode()
    assert response.status_code == 200
    assert "kort" in page  # the visitor's own text comes back
    assert 'aria-invalid="true"' in page or "errorlist" in page


def test_xss_payload_is_stored_as_text_and_shown_escaped(
    client, municipality_a, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, municipality_a, treatment=XSS + " lång text om bygglov")
    story = Story.objects.get()
    client.force_login(admin_user)

    pages = [
        client.get(reverse("stories:list")).content.decode(),
        client.get(reverse("stories:detail", kwargs={"story_id": story.pk})).content.decode(),
        client.get(
            reverse("stories:personal_data", kwargs={"story_id": story.pk})
        ).content.decode(),
    ]

    assert XSS in story.raw_text
    for page in pages:
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;" in page


def test_personal_data_sent_through_the_form_never_reaches_the_analyst(
    client, municipality_a, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    call_command("demo", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, municipality_a, treatment=PII_TEXT)
    story = Story.objects.get(raw_text__contains="19800101-1234")
    client.force_login(User.objects.get(username="demo-analytiker"))

    pages = [
        client.get(reverse("stories:list")).content.decode(),
        client.get(reverse("stories:list") + "?q=Handläggaren").content.decode(),
        client.get(reverse("stories:detail", kwargs={"story_id": story.pk})).content.decode(),
        client.get(reverse("stories:export_csv")).content.decode("utf-8"),
    ]

    assert story.reference in pages[2]
    for page in pages:
        assert "19800101-1234" not in page
        assert "070-123 45 67" not in page
        assert "anna.berg@example.se" not in page
    assert (
        client.get(reverse("stories:personal_data", kwargs={"story_id": story.pk})).status_code
        == 403
    )


def test_a_municipality_that_stops_collecting_disappears_from_the_cached_form(
    client, municipality_a
):
    url = reverse("stories:submit_organisation", kwargs={"code": "0136"})
    assert client.get(url).status_code == 200  # the context is cached now

    municipality_a.is_active = False
    municipality_a.save()

    assert client.get(url).status_code == 404
