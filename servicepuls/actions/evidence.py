"""Evidence of actions and what the public is told: links to scores and stories.

Stories are read only in redacted form. The public page shows themes with counts, never a
quote: a quote, even redacted, can identify its writer in a small municipality.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from servicepuls.actions.models import (
    Action,
    ActionEvidence,
    ActionStatus,
    EvidenceKind,
    ServiceFactor,
    SubmitterNotification,
)
from servicepuls.actions.services import EvidenceInput
from servicepuls.organisations.models import AuthorityArea, Organisation
from servicepuls.stories.choices import Sentiment, StoryStatus
from servicepuls.stories.models import Story, StoryContact

# Stories that staff have looked at and not rejected may serve as evidence and be counted.
COUNTED_STATUSES = (StoryStatus.REVIEWED, StoryStatus.SHARED, StoryStatus.ARCHIVED)
# A theme with fewer stories than this is shown as "fewer than 3" on the public page.
PUBLIC_MIN_COUNT = 3


def evidence_from_query(query: QueryDict, *, organisation_id: int | None) -> list[EvidenceInput]:
    """Evidence named in a link (``?area=bygglov&factor=information&year=2025&story=12``),
    as offered by results and story pages; anything not the organisation's is ignored."""
    area_slug = query.get("area", "")
    area = (
        AuthorityArea.objects.filter(slug=area_slug, organisation__isnull=True).first()
        if area_slug
        else None
    )
    factor = query.get("factor", "")
    factor = factor if factor in ServiceFactor.values else ""
    year_text = query.get("year", "")
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    evidence: list[EvidenceInput] = []
    if area is not None or factor:
        evidence.append(
            EvidenceInput(
                kind=EvidenceKind.FACTOR if factor else EvidenceKind.SCORE,
                area=area,
                factor=factor,
                year=year,
            )
        )
    story_ids = [int(value) for value in query.getlist("story") if value.isdigit()]
    if story_ids and organisation_id is not None:
        for story_id in Story.objects.filter(
            pk__in=story_ids[:50], organisation_id=organisation_id, status__in=COUNTED_STATUSES
        ).values_list("pk", flat=True):
            evidence.append(EvidenceInput(kind=EvidenceKind.STORY, story_id=story_id))
    return evidence


def evidence_rows(*, action: Action) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    items = list(action.evidence.select_related("area"))
    stories = {
        story.pk: story
        for story in Story.objects.filter(
            pk__in=[item.story_id for item in items if item.story_id],
            organisation_id=action.organisation_id,
        )
    }
    for item in items:
        row: dict[str, object] = {"evidence": item}
        if item.kind == EvidenceKind.STORY:
            story = stories.get(item.story_id or 0)
            if story is None:
                continue  # erased or rejected since
            row["story"] = story
        rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class StoryTheme:
    area_name: str
    count: int
    negative: int
    positive: int


def _counted_stories(organisation_id: int) -> object:
    return Story.objects.filter(organisation_id=organisation_id, status__in=COUNTED_STATUSES)


def shared_story_theme_counts(
    *, organisation_id: int, since: dt.date | None, until: dt.date
) -> list[StoryTheme]:
    """Stories shared with the steering group in the period, counted per area."""
    stories = Story.objects.filter(
        organisation_id=organisation_id,
        status=StoryStatus.SHARED,
        created_at__date__lte=until,
    )
    if since is not None:
        stories = stories.filter(created_at__date__gt=since)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for area_name, sentiment in stories.values_list("area__name", "sentiment"):
        counts[area_name or "–"][sentiment or ""] += 1
    return [
        StoryTheme(
            area_name=name,
            count=sum(counter.values()),
            negative=counter[Sentiment.NEGATIVE],
            positive=counter[Sentiment.POSITIVE],
        )
        for name, counter in sorted(counts.items())
    ]


@dataclass(slots=True)
class PublicTheme:
    factor: str
    label: str
    count: int | None  # None: fewer than PUBLIC_MIN_COUNT


@dataclass(slots=True)
class PublicArea:
    area: AuthorityArea | None
    story_count: int | None
    themes: list[PublicTheme] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


PUBLIC_ACTION_STATUSES = (
    ActionStatus.DECIDED,
    ActionStatus.IN_PROGRESS,
    ActionStatus.DONE,
    ActionStatus.EVALUATED,
)


def _public_count(count: int) -> int | None:
    return count if count >= PUBLIC_MIN_COUNT else None


def said_we_did(*, organisation: Organisation) -> list[PublicArea]:
    """Per area: what people said (factor themes with counts) and what was decided."""
    factor_labels = dict(ServiceFactor.choices)
    by_area: dict[int | None, PublicArea] = {}
    area_objects = {a.pk: a for a in AuthorityArea.objects.all()}
    story_counts: Counter[int | None] = Counter()
    theme_counts: dict[int | None, Counter[str]] = defaultdict(Counter)
    story_rows: list[tuple[int | None, list[str]]] = list(
        Story.objects.filter(organisation=organisation, status__in=COUNTED_STATUSES).values_list(
            "area_id", "factors"
        )
    )
    for area_id, factors in story_rows:
        story_counts[area_id] += 1
        for factor in factors or []:
            if factor in factor_labels:
                theme_counts[area_id][factor] += 1
    actions = Action.objects.filter(
        organisation=organisation, status__in=PUBLIC_ACTION_STATUSES
    ).select_related("target_area", "owner_department")
    action_areas: dict[int | None, list[Action]] = defaultdict(list)
    for action in actions:
        action_areas[action.target_area_id].append(action)
    for area_id in set(story_counts) | set(action_areas):
        by_area[area_id] = PublicArea(
            area=area_objects.get(area_id) if area_id is not None else None,
            story_count=_public_count(story_counts[area_id]),
            themes=[
                PublicTheme(factor, str(factor_labels[factor]), _public_count(count))
                for factor, count in theme_counts[area_id].most_common()
            ],
            actions=action_areas[area_id],
        )
    return sorted(
        by_area.values(),
        key=lambda a: (a.area is None, a.area.sort_order if a.area else 0, str(a.area or "")),
    )


def action_submitters_notify(*, action_id: int, status: str) -> int:
    """E-mail each consenting submitter of a story linked to the action, once per status."""
    action = Action.objects.select_related("organisation").get(pk=action_id)
    story_ids = [
        story_id
        for story_id in ActionEvidence.objects.filter(
            action=action, kind=EvidenceKind.STORY
        ).values_list("story_id", flat=True)
        if story_id is not None
    ]
    contacts = StoryContact.objects.filter(
        story_id__in=story_ids,
        story__organisation_id=action.organisation_id,
        consent_follow_up=True,
    ).exclude(email="")
    sent = 0
    public_url = settings.SITE_URL + reverse(
        "actions:said_we_did", kwargs={"code": action.organisation.code}
    )
    for contact in contacts:
        try:
            with transaction.atomic():
                SubmitterNotification.objects.create(
                    action=action, story_id=contact.story_id, status=status
                )
                with translation.override(settings.LANGUAGE_CODE):
                    context = {
                        "action": action,
                        "status_label": ActionStatus(status).label,
                        "public_url": public_url,
                        "reference": contact.story.reference,
                    }
                    subject = render_to_string(
                        "actions/email/submitter_subject.txt", context
                    ).strip()
                    body = render_to_string("actions/email/submitter_body.txt", context)
                send_mail(subject, body, None, [contact.email])
        except IntegrityError:
            continue  # already told
        sent += 1
    return sent
