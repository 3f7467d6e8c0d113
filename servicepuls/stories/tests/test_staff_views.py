from __future__ import annotations

import pytest
from django.urls import reverse

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import UserFactory
from servicepuls.common.models import AuditAction, AuditLogEntry
from servicepuls.organisations.models import AuthorityArea
from servicepuls.stories.choices import StoryStatus
from servicepuls.stories.models import Campaign, DialogueMeeting, Story
from servicepuls.stories.services import story_status_change
from servicepuls.stories.tests.factories import CampaignFactory, DialogueMeetingFactory


def detail_url(story):
    return reverse("stories:detail", kwargs={"story_id": story.pk})


def test_queue_lists_own_stories_with_redacted_text_only(client, staff_user, pii_story):
    client.force_login(staff_user)

    response = client.get(reverse("stories:list"))

    page = response.content.decode()
    assert response.status_code == 200
    assert pii_story.reference in page
    assert "[personnummer]" in page
    assert "19800101-1234" not in page


def test_queue_filters_by_status_factor_channel_campaign_and_search(
    client, staff_user, make_story, admin_user
):
    campaign = CampaignFactory()
    web = make_story(raw_text="Handläggaren var trevlig och hjälpsam i bygglovsärendet.")
    phone = make_story(channel="phone", raw_text="Beslutet om serveringstillstånd var obegripligt.")
    in_campaign = make_story(campaign=campaign, raw_text="Kampanjberättelse om livsmedelskontroll.")
    story_status_change(story=phone, actor=admin_user, status=StoryStatus.REVIEWED)
    Story.objects.filter(pk=web.pk).update(factors=["bemotande"], factors_index=",bemotande,")
    client.force_login(staff_user)

    def references(query):
        page = client.get(reverse("stories:list") + query).content.decode()
        return {story.reference for story in (web, phone, in_campaign) if story.reference in page}

    assert references("") == {web.reference, phone.reference, in_campaign.reference}
    assert references("?status=reviewed") == {phone.reference}
    assert references("?channel=phone") == {phone.reference}
    assert references("?factor=bemotande") == {web.reference}
    assert references(f"?campaign={campaign.pk}") == {in_campaign.reference}
    assert references("?q=obegripligt") == {phone.reference}
    assert references("?since=2000-01-01&until=2000-12-31") == set()


def test_queue_stays_within_a_query_budget(
    client, staff_user, make_story, django_assert_max_num_queries
):
    for _ in range(5):
        make_story()
    client.force_login(staff_user)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("stories:list"))

    assert response.status_code == 200


def test_story_of_another_organisation_is_invisible(client, other_admin, pii_story):
    client.force_login(other_admin)

    assert pii_story.reference not in client.get(reverse("stories:list")).content.decode()
    assert client.get(detail_url(pii_story)).status_code == 404
    assert (
        client.get(reverse("stories:personal_data", kwargs={"story_id": pii_story.pk})).status_code
        == 404
    )
    assert (
        client.post(
            reverse("stories:status", kwargs={"story_id": pii_story.pk}), {"status": "reviewed"}
        ).status_code
        == 404
    )
    pii_story.refresh_from_db()
    assert pii_story.status == StoryStatus.NEW


def test_detail_shows_redacted_text_and_history(client, staff_user, pii_story):
    client.force_login(staff_user)

    page = client.get(detail_url(pii_story)).content.decode()

    assert "[telefon]" in page
    assert "070-123 45 67" not in page
    assert "anna.berg@example.se" not in page
    assert reverse("stories:personal_data", kwargs={"story_id": pii_story.pk}) not in page


def test_analyst_may_not_see_raw_text_or_contact_details(client, staff_user, pii_story):
    client.force_login(staff_user)

    response = client.get(reverse("stories:personal_data", kwargs={"story_id": pii_story.pk}))

    assert response.status_code == 403
    assert not AuditLogEntry.objects.exists()


def test_admin_sees_raw_text_and_contact_and_each_view_is_audited(client, admin_user, pii_story):
    client.force_login(admin_user)

    page = client.get(
        reverse("stories:personal_data", kwargs={"story_id": pii_story.pk})
    ).content.decode()

    assert "19800101-1234" in page
    assert "anna.berg@example.se" in page
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert actions == {AuditAction.RAW_TEXT_VIEWED, AuditAction.CONTACT_VIEWED}
    entry = AuditLogEntry.objects.get(action=AuditAction.RAW_TEXT_VIEWED)
    assert entry.actor == admin_user
    assert entry.object_id == str(pii_story.pk)
    assert entry.organisation_id == pii_story.organisation_id


def test_tagging_through_http_confirms_the_tags(client, staff_user, make_story):
    story = make_story()
    bygglov = AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True)
    client.force_login(staff_user)

    response = client.post(
        reverse("stories:tags", kwargs={"story_id": story.pk}),
        {
            "area": bygglov.pk,
            "factors": ["effektivitet", "information"],
            "sentiment": "negative",
            "change_kind": "kommunikation",
        },
    )

    story.refresh_from_db()
    assert response.status_code == 302
    assert story.tags_confirmed_by == staff_user
    assert story.area == bygglov
    assert story.factors == ["information", "effektivitet"]
    assert story.change_kind == "kommunikation"


def test_tagging_with_an_invalid_sentiment_shows_the_error(client, staff_user, make_story):
    story = make_story()
    client.force_login(staff_user)

    response = client.post(
        reverse("stories:tags", kwargs={"story_id": story.pk}), {"sentiment": "furious"}
    )

    story.refresh_from_db()
    assert response.status_code == 400
    assert not story.tags_confirmed


def test_status_change_through_http_and_refused_transition(client, staff_user, make_story):
    story = make_story()
    client.force_login(staff_user)
    url = reverse("stories:status", kwargs={"story_id": story.pk})

    refused = client.post(url, {"status": "shared"}, follow=True)
    story.refresh_from_db()
    assert story.status == StoryStatus.NEW
    assert story.reference in refused.content.decode()

    client.post(url, {"status": "reviewed"})
    story.refresh_from_db()
    assert story.status == StoryStatus.REVIEWED


def test_bulk_action_changes_only_chosen_visible_stories(
    client, staff_user, make_story, municipality_b
):
    chosen, other = make_story(), make_story()
    foreign = make_story(organisation=municipality_b)
    client.force_login(staff_user)

    response = client.post(reverse("stories:bulk"), {"stories": [chosen.pk], "action": "rejected"})
    refused = client.post(reverse("stories:bulk"), {"stories": [foreign.pk], "action": "rejected"})

    assert response.status_code == 302
    assert refused.status_code == 302
    assert Story.objects.get(pk=chosen.pk).status == StoryStatus.REJECTED
    assert Story.objects.get(pk=other.pk).status == StoryStatus.NEW
    assert Story.objects.get(pk=foreign.pk).status == StoryStatus.NEW


def test_steering_group_sees_only_shared_stories_and_cannot_tag(
    client, steering_user, make_story, admin_user
):
    shared, fresh = make_story(), make_story()
    story_status_change(story=shared, actor=admin_user, status=StoryStatus.REVIEWED)
    story_status_change(story=shared, actor=admin_user, status=StoryStatus.SHARED)
    client.force_login(steering_user)

    page = client.get(reverse("stories:list")).content.decode()

    assert shared.reference in page
    assert fresh.reference not in page
    assert client.get(detail_url(fresh)).status_code == 404
    assert (
        client.post(
            reverse("stories:tags", kwargs={"story_id": shared.pk}), {"sentiment": "negative"}
        ).status_code
        == 403
    )
    assert client.get(reverse("stories:enter")).status_code == 403


def test_department_contact_sees_only_stories_of_the_department_areas(
    client, department_user, make_story, admin_user
):
    bygglov = AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True)
    livsmedel = AuthorityArea.objects.get(slug="livsmedel", organisation__isnull=True)
    department_user.department.areas.set([bygglov])
    own, foreign = make_story(submitted_area=bygglov), make_story(submitted_area=livsmedel)
    for story in (own, foreign):
        story_status_change(story=story, actor=admin_user, status=StoryStatus.REVIEWED)
        story_status_change(story=story, actor=admin_user, status=StoryStatus.SHARED)
    client.force_login(department_user)

    page = client.get(reverse("stories:list")).content.decode()

    assert own.reference in page
    assert foreign.reference not in page


def test_national_analyst_sees_no_stories(client, make_story):
    from servicepuls.accounts.tests.factories import OrganisationFactory

    make_story()
    network = OrganisationFactory(kind="network")
    national = UserFactory(organisation=network, role=Role.NATIONAL)
    client.force_login(national)

    assert client.get(reverse("stories:list")).status_code == 403


def test_anonymous_visitor_is_sent_to_login(client, pii_story):
    response = client.get(detail_url(pii_story))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_staff_entry_from_a_dialogue_meeting_records_channel_and_meeting(
    client, staff_user, django_capture_on_commit_callbacks
):
    meeting = DialogueMeetingFactory()
    client.force_login(staff_user)

    form_page = client.get(reverse("stories:enter") + f"?meeting={meeting.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stories:enter"),
            {
                "channel": "meeting",
                "meeting": meeting.pk,
                "submitter": "business",
                "treatment": "Restaurangägaren tyckte att tillsynen var rättvis och tydlig.",
                "contact_choice": "anonymous",
                "another": "1",
            },
        )

    story = Story.objects.get()
    assert form_page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == reverse("stories:enter") + f"?meeting={meeting.pk}"
    assert story.channel == "meeting"
    assert story.meeting == meeting
    assert story.entered_by == staff_user
    assert story.redacted_text


def test_staff_entry_from_a_meeting_channel_needs_the_meeting(client, staff_user):
    client.force_login(staff_user)

    response = client.post(
        reverse("stories:enter"),
        {
            "channel": "meeting",
            "submitter": "business",
            "treatment": "Text som är tillräckligt lång för att godtas.",
            "contact_choice": "anonymous",
        },
    )

    assert response.status_code == 200
    assert not Story.objects.exists()


def test_campaign_create_and_edit_over_http(client, staff_user):
    client.force_login(staff_user)

    created = client.post(
        reverse("stories:campaign_create"),
        {
            "title": "Tillsammans gör vi skillnad",
            "slug": "varen-2026",
            "intro": "Berätta!",
            "starts_on": "2026-03-01",
            "ends_on": "2026-06-15",
        },
    )
    campaign = Campaign.objects.get()
    duplicate = client.post(
        reverse("stories:campaign_create"),
        {"title": "Igen", "slug": "varen-2026", "starts_on": "2026-03-01", "ends_on": "2026-03-02"},
    )
    edited = client.post(
        reverse("stories:campaign_edit", kwargs={"campaign_id": campaign.pk}),
        {
            "title": "Ny titel",
            "slug": "varen-2026",
            "starts_on": "2026-03-01",
            "ends_on": "2026-02-01",
        },
    )
    listing = client.get(reverse("stories:campaigns")).content.decode()

    assert created.status_code == 302
    assert campaign.organisation == staff_user.organisation
    assert duplicate.status_code == 200
    assert Campaign.objects.count() == 1
    assert edited.status_code == 200  # ends before it starts
    campaign.refresh_from_db()
    assert campaign.title == "Tillsammans gör vi skillnad"
    assert "/dela-din-erfarenhet/0136/varen-2026/" in listing


def test_campaign_of_another_organisation_is_404(client, other_admin):
    campaign = CampaignFactory()
    client.force_login(other_admin)

    url = reverse("stories:campaign_edit", kwargs={"campaign_id": campaign.pk})
    assert client.get(url).status_code == 404


def test_meeting_create_detail_and_isolation(client, staff_user, other_admin):
    client.force_login(staff_user)

    response = client.post(
        reverse("stories:meeting_create"),
        {"held_on": "2026-04-02", "place": "Näringslivsfrukost", "notes": ""},
    )
    meeting = DialogueMeeting.objects.get()
    detail = client.get(reverse("stories:meeting_detail", kwargs={"meeting_id": meeting.pk}))
    listing = client.get(reverse("stories:meetings"))
    client.force_login(other_admin)
    foreign = client.get(reverse("stories:meeting_detail", kwargs={"meeting_id": meeting.pk}))

    assert response.status_code == 302
    assert "Näringslivsfrukost" in detail.content.decode()
    assert "Näringslivsfrukost" in listing.content.decode()
    assert foreign.status_code == 404


@pytest.mark.parametrize("name", ["campaigns", "meetings", "enter"])
def test_steering_group_cannot_manage_campaigns_meetings_or_enter(client, steering_user, name):
    client.force_login(steering_user)

    assert client.get(reverse(f"stories:{name}")).status_code == 403


def test_meeting_edit_over_http(client, staff_user):
    meeting = DialogueMeetingFactory(place="Gammal plats")
    client.force_login(staff_user)
    url = reverse("stories:meeting_detail", kwargs={"meeting_id": meeting.pk})

    response = client.post(url, {"held_on": "2026-05-05", "place": "Ny plats", "notes": "Bra"})
    invalid = client.post(url, {"held_on": "inte ett datum", "place": ""})

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.place == "Ny plats"
    assert invalid.status_code == 200
    assert 'role="alert"' in invalid.content.decode() or "errorlist" in invalid.content.decode()


def test_support_admin_never_shows_raw_text(client, pii_story, django_user_model):
    support = django_user_model.objects.create_superuser("support", "s@example.invalid", "x" * 16)
    client.force_login(support)

    page = client.get(f"/django-admin/stories/story/{pii_story.pk}/change/").content.decode()

    assert pii_story.reference in page
    assert "19800101-1234" not in page
    assert "anna.berg@example.se" not in page


def test_bulk_confirm_suggestions_confirms_analysed_stories(client, staff_user, make_story):
    analysed = make_story()
    waiting = make_story()
    Story.objects.filter(pk=waiting.pk).update(analysis_state="pending", sentiment="")
    client.force_login(staff_user)

    response = client.post(
        reverse("stories:bulk"),
        {"stories": [analysed.pk, waiting.pk], "action": "confirm_suggestions"},
        follow=True,
    )

    analysed.refresh_from_db()
    waiting.refresh_from_db()
    assert analysed.tags_confirmed_by == staff_user
    assert not waiting.tags_confirmed
    assert waiting.reference in response.content.decode()
