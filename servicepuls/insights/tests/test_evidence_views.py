from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import timezone

from servicepuls.accounts.choices import Role
from servicepuls.accounts.tests.factories import OrganisationFactory, UserFactory
from servicepuls.insights.selectors import evidence
from servicepuls.insights.tests.helpers import answers_store
from servicepuls.organisations.models import AuthorityArea, Membership
from servicepuls.stories.choices import Channel, StoryStatus, Submitter
from servicepuls.stories.services import story_create, story_status_change, story_tags_confirm
from servicepuls.surveys.models import SurveyAnswer

URL = "/staff/resultat/bygglov/effektivitet/"
COMMENTS = [
    "Handläggningstiden var alldeles för lång, vi väntade i månader på bygglovet.",
    "Lång handläggningstid och ingen återkoppling om bygglovet.",
    "Snabbt besked, bra handläggning, tack [namn]!",
    "Fick vänta länge på beslut om bygglov.",
    "Trevligt bemötande i receptionen.",
]


def _fake_analyze(text):
    """Tags a comment 'effektivitet' when it talks about time; sentiment from one word."""
    factors = ("effektivitet",) if any(w in text for w in ("tid", "vänta", "Snabbt")) else ()
    sentiment = "positive" if ("bra" in text or "Trevligt" in text) else "negative"
    return SimpleNamespace(
        factors=tuple(SimpleNamespace(label=f) for f in factors),
        sentiment=SimpleNamespace(label=sentiment),
    )


@pytest.fixture
def commented(municipality_a, monkeypatch):
    monkeypatch.setattr(evidence, "text_analyse", _fake_analyze)
    answers_store(municipality_a, "bygglov", 2023, 20, level=6)
    for index, comment in enumerate(COMMENTS):
        answers_store(municipality_a, "bygglov", 2024, 4, level=6, comment=comment, seed=index)
    return municipality_a


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ANALYST, Role.STEERING])
def test_evidence_shows_score_trend_and_tagged_comments(client, commented, role):
    client.force_login(UserFactory(organisation=commented, role=role))

    response = client.get(URL, {"year": 2024})

    assert response.status_code == 200
    data = response.context["data"]
    assert [entry.year for entry in data.trend] == [2023, 2024]
    answered = SurveyAnswer.objects.filter(year=2024, effektivitet__isnull=False).count()
    assert data.score.n == answered
    texts = {item.text for item in data.items}
    assert "Trevligt bemötande i receptionen." not in texts  # not about efficiency
    assert len(data.items) == 4 * 4
    assert dict(data.sentiments) == {"negative": 12, "mixed": 0, "neutral": 0, "positive": 4}
    assert 1 <= len(data.quotes) <= 5
    assert len({item.text for item in data.quotes[:4]}) == 4  # diverse before repeating
    assert any("handläggningstid" in phrase for phrase in data.phrases)
    body = response.content.decode()
    assert "[namn]" in body
    assert "Visa alla 16" in body


def test_evidence_lists_everything_on_request(client, commented):
    client.force_login(UserFactory(organisation=commented, role=Role.ANALYST))

    response = client.get(URL, {"year": 2024, "alla": "1"})

    assert response.content.decode().count("<blockquote>") == 16


def test_evidence_is_closed_to_national_analysts_and_foreign_areas(
    client, commented, department_user
):
    network = OrganisationFactory()
    Membership.objects.create(parent=network, member=commented)
    client.force_login(UserFactory(organisation=network, role=Role.NATIONAL))
    assert client.get(URL).status_code == 403

    client.force_login(department_user)  # its department has no areas
    assert client.get(URL).status_code == 404

    client.force_login(UserFactory(organisation=commented, role=Role.ANALYST))
    assert client.get("/staff/resultat/bygglov/okand/").status_code == 404


def test_evidence_shows_moderated_stories_redacted(
    client, municipality_a, django_capture_on_commit_callbacks
):
    year = timezone.now().year
    answers_store(municipality_a, "bygglov", year, 10, level=6)
    analyst = UserFactory(organisation=municipality_a, role=Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=True):
        story = story_create(
            organisation=municipality_a,
            channel=Channel.WEB,
            submitter=Submitter.BUSINESS,
            raw_text="Handläggaren Karin Lund lät oss vänta i fyra månader på bygglovet.",
        )
    story_tags_confirm(
        story=story,
        actor=analyst,
        area=AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True),
        factors=["effektivitet"],
        sentiment="negative",
    )
    story_status_change(story=story, actor=analyst, status=StoryStatus.REVIEWED)
    client.force_login(analyst)

    response = client.get(URL, {"year": year})

    data = response.context["data"]
    assert [item.kind for item in data.items] == ["story"]
    assert dict(data.sentiments)["negative"] == 1
    body = response.content.decode()
    assert "Karin Lund" not in body
    assert "fyra månader" in body
