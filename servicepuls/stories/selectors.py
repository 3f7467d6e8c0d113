"""Reads of the stories domain. Staff reads are scoped through ``staff_scope_get``.

Roles that may not moderate (steering group, department contacts) see only stories that
staff have shared with the steering group (or archived after sharing). Department contacts
see only stories in their department's areas. Nobody but Admin reads raw text, and that
read goes through ``servicepuls.stories.privacy``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from servicepuls.accounts.models import User
from servicepuls.accounts.permissions import Capability, user_has_capability
from servicepuls.accounts.selectors import staff_scope_get
from servicepuls.common.memo import ProcessMemo
from servicepuls.organisations.choices import OrganisationKind
from servicepuls.organisations.models import AuthorityArea, Department, Organisation
from servicepuls.stories.choices import AnalysisState, StoryStatus
from servicepuls.stories.models import Campaign, DialogueMeeting, Story

_SHARED_STATUSES = (StoryStatus.SHARED, StoryStatus.ARCHIVED)


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """The queue's filters; empty values mean "any"."""

    area: str = ""
    factor: str = ""
    sentiment: str = ""
    channel: str = ""
    status: str = ""
    campaign: int | None = None
    meeting: int | None = None
    since: date | None = None
    until: date | None = None
    search: str = ""


def story_queryset_for_staff(*, user: User) -> QuerySet[Story]:
    """Every story the user may see at all (the choke point of the stories app)."""
    scope = staff_scope_get(user=user)
    if not scope.sees_individual_data or not user_has_capability(user, Capability.VIEW_STORIES):
        return Story.objects.none()
    stories = Story.objects.filter(organisation_id=scope.organisation_id)
    if not user_has_capability(user, Capability.TAG_STORIES):
        stories = stories.filter(status__in=_SHARED_STATUSES)
    if scope.area_ids is not None:
        stories = stories.filter(area_id__in=scope.area_ids)
    return stories


def story_list_for_staff(*, user: User, filters: StoryFilters | None = None) -> QuerySet[Story]:
    """The moderation queue, filtered, newest first."""
    filters = filters or StoryFilters()
    stories = story_queryset_for_staff(user=user)
    if filters.area:
        stories = stories.filter(area__slug=filters.area)
    if filters.factor:
        stories = stories.filter(factors_index__contains=f",{filters.factor},")
    for name in ("sentiment", "channel", "status"):
        if value := getattr(filters, name):
            stories = stories.filter(**{name: value})
    if filters.campaign:
        stories = stories.filter(campaign_id=filters.campaign)
    if filters.meeting:
        stories = stories.filter(meeting_id=filters.meeting)
    if filters.since:
        stories = stories.filter(created_at__date__gte=filters.since)
    if filters.until:
        stories = stories.filter(created_at__date__lte=filters.until)
    if filters.search:
        # Only the redacted text is searched: raw text must not leak through hit lists.
        stories = stories.filter(redacted_text__icontains=filters.search)
    return stories.select_related("area", "campaign", "meeting", "department").order_by(
        "-created_at", "-pk"
    )


def story_get_for_staff(*, user: User, story_id: int) -> Story:
    """One visible story; another organisation's story raises ``Story.DoesNotExist``."""
    return (
        story_queryset_for_staff(user=user)
        .select_related(
            "area",
            "campaign",
            "meeting",
            "department",
            "submitted_area",
            "submitted_department",
            "entered_by",
            "tags_confirmed_by",
            "organisation",
        )
        .get(pk=story_id)
    )


def story_events_list(*, story: Story) -> QuerySet:  # type: ignore[type-arg]
    """The story's history, oldest first."""
    return story.events.select_related("actor").order_by("occurred_at", "pk")


def campaign_list_for_staff(*, user: User) -> QuerySet[Campaign]:
    scope = staff_scope_get(user=user)
    return Campaign.objects.filter(organisation_id=scope.organisation_id).order_by("-starts_on")


def campaign_get_for_staff(*, user: User, campaign_id: int) -> Campaign:
    return campaign_list_for_staff(user=user).get(pk=campaign_id)


def meeting_list_for_staff(*, user: User) -> QuerySet[DialogueMeeting]:
    scope = staff_scope_get(user=user)
    return DialogueMeeting.objects.filter(organisation_id=scope.organisation_id).order_by(
        "-held_on"
    )


def meeting_get_for_staff(*, user: User, meeting_id: int) -> DialogueMeeting:
    return meeting_list_for_staff(user=user).get(pk=meeting_id)


# --- Public -------------------------------------------------------------------------------


def organisation_list_public() -> QuerySet[Organisation]:
    """Organisations that collect stories: those that use Servicepuls, excluding networks."""
    return Organisation.objects.filter(is_active=True).exclude(kind=OrganisationKind.NETWORK)


def campaign_list_public(*, organisation: Organisation) -> QuerySet[Campaign]:
    today = timezone.localdate()
    return Campaign.objects.filter(
        organisation=organisation, starts_on__lte=today, ends_on__gte=today
    )


def area_list_public(*, organisation: Organisation | None) -> QuerySet[AuthorityArea]:
    """Areas a submitter may choose: national ones and the organisation's own."""
    condition = Q(organisation__isnull=True)
    if organisation is not None:
        condition |= Q(organisation=organisation)
    return AuthorityArea.objects.filter(condition).order_by("sort_order", "name")


def department_list_public(*, organisation: Organisation | None) -> QuerySet[Department]:
    if organisation is None:
        return Department.objects.none()
    return Department.objects.filter(organisation=organisation).order_by("name")


def story_form_choices_version(*, organisation: Organisation | None) -> str:
    """A digest of the choices the public form lists, which keys its cached empty form.

    Any change to the areas, departments or (without a fixed municipality) municipalities
    the form offers changes the digest, so a cached form is never out of date.
    """
    choices = [
        list(area_list_public(organisation=organisation).values_list("pk", "name")),
        list(department_list_public(organisation=organisation).values_list("pk", "name")),
    ]
    if organisation is None:
        choices.append(list(organisation_list_public().values_list("pk", "name")))
    return hashlib.blake2b(repr(choices).encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class PublicFormContext:
    """What the public form of one municipality (or of all) needs from the database.

    The querysets are never evaluated here: a form takes a copy of each (``.all()``).
    """

    organisation: Organisation | None
    campaigns: list[Campaign]
    choices_version: str
    # Changes whenever anything the form shows is saved: pages made from it key on it.
    generation: str
    organisations: QuerySet[Organisation]
    areas: QuerySet[AuthorityArea]
    departments: QuerySet[Department]


# The public form is the busiest page; its context is kept for a minute in each process
# under a generation, kept in the shared cache, that ``public_form_context_forget`` changes
# whenever an organisation, area, department or campaign is saved or deleted (see
# ``stories.signals``), so staff edits show at once.
_PUBLIC_FORM_GENERATION = "stories:public-form:generation"
_PUBLIC_FORM_SECONDS = 60
_public_forms: ProcessMemo[PublicFormContext] = ProcessMemo(timeout=_PUBLIC_FORM_SECONDS)
_CODE_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,20}")


def public_form_context_get(*, code: str | None) -> PublicFormContext:
    """The public form's context for municipality ``code`` (None: the chooser form).

    ``Organisation.DoesNotExist`` when no active municipality has that code.
    """
    if code is not None and not _CODE_SHAPE.fullmatch(code):
        # No such code can exist; never let a hostile path segment into a cache key.
        raise Organisation.DoesNotExist
    generation = str(cache.get(_PUBLIC_FORM_GENERATION, 0))

    def make() -> PublicFormContext:
        organisation = None if code is None else organisation_list_public().get(code=code)
        return PublicFormContext(
            organisation=organisation,
            campaigns=(
                list(campaign_list_public(organisation=organisation)) if organisation else []
            ),
            choices_version=story_form_choices_version(organisation=organisation),
            generation=generation,
            organisations=organisation_list_public(),
            areas=area_list_public(organisation=organisation),
            departments=department_list_public(organisation=organisation),
        )

    return _public_forms.get(f"{generation}:{code or '-'}", make)


def public_form_context_forget() -> None:
    """Make every cached public-form context stale (after a change to what it holds)."""
    cache.set(_PUBLIC_FORM_GENERATION, secrets.token_hex(8), timeout=None)


# --- For other apps -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceStory:
    """A redacted, moderated story, safe to show beside results and actions."""

    id: int
    reference: str
    redacted_text: str
    area_slug: str | None
    factors: tuple[str, ...]
    sentiment: str
    change_kind: str
    channel: str
    submitter: str
    status: str
    received_at: datetime


def stories_for_evidence(
    organisation_id: int,
    area_slug: str | None = None,
    factor: str | None = None,
    years: Iterable[int] | None = None,
) -> list[EvidenceStory]:
    """Redacted stories that staff have reviewed or shared, newest first.

    Only stories whose redaction has run are returned; raw text never leaves this app.
    """
    stories = Story.objects.filter(
        organisation_id=organisation_id,
        status__in=(StoryStatus.REVIEWED, StoryStatus.SHARED),
        analysis_state=AnalysisState.DONE,
    )
    if area_slug:
        stories = stories.filter(area__slug=area_slug)
    if factor:
        stories = stories.filter(factors_index__contains=f",{factor},")
    if years is not None:
        stories = stories.filter(created_at__year__in=list(years))
    return [
        EvidenceStory(
            id=story.pk,
            reference=story.reference,
            redacted_text=story.redacted_text,
            area_slug=story.area.slug if story.area else None,
            factors=tuple(story.factors),
            sentiment=story.sentiment,
            change_kind=story.change_kind,
            channel=story.channel,
            submitter=story.submitter,
            status=story.status,
            received_at=story.created_at,
        )
        for story in stories.select_related("area").order_by("-created_at", "-pk")
    ]


@dataclass(frozen=True, slots=True)
class ConfirmedExample:
    """A staff-confirmed story for retraining the classifier (redacted text only)."""

    text: str
    area: str
    factors: tuple[str, ...]
    sentiment: str


def confirmed_examples() -> Iterator[ConfirmedExample]:
    """Every story whose tags staff confirmed, across organisations, for retraining."""
    stories = (
        Story.objects.filter(tags_confirmed_at__isnull=False, analysis_state=AnalysisState.DONE)
        .exclude(status=StoryStatus.REJECTED)
        .exclude(sentiment="")
        .select_related("area")
        .order_by("pk")
    )
    for story in stories.iterator(chunk_size=500):
        yield ConfirmedExample(
            text=story.redacted_text,
            area=story.area.slug if story.area else "ovrigt",
            factors=tuple(story.factors),
            sentiment=story.sentiment,
        )
