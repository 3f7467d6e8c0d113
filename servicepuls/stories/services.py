"""Writes of the stories domain: receiving, analysing, tagging and moderating stories."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from servicepuls.organisations.models import AuthorityArea, Department, Organisation
from servicepuls.stories.choices import (
    FACTORS,
    STATUS_TRANSITIONS,
    AnalysisState,
    ChangeKind,
    Channel,
    Sentiment,
    StoryEventKind,
    StoryStatus,
    Submitter,
)
from servicepuls.stories.errors import StoryStatusTransitionError, StoryTagsInvalidError
from servicepuls.stories.events import (
    story_event_record,
    story_status_changed_event,
    story_tags_confirmed_event,
)
from servicepuls.stories.models import Campaign, DialogueMeeting, Story, StoryContact
from servicepuls.stories.text_analysis import text_analyse

logger = logging.getLogger(__name__)

# The cache marker of a scheduled analysis sweep; see ``story_analysis_sweep_request``.
_SWEEP_MARKER = "stories:analysis-sweep-scheduled"
_SWEEP_MARKER_SECONDS = 60

# No 0/O, 1/I/L: reference numbers are read aloud on the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_REFERENCE_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class ContactInput:
    """Contact details given with a story; all optional."""

    name: str = ""
    email: str = ""
    phone: str = ""
    consent_follow_up: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.email or self.phone)


_STORY_RELATIONS = [
    "organisation",
    "submitted_area",
    "submitted_department",
    "area",
    "department",
    "campaign",
    "meeting",
    "entered_by",
]


def story_reference_make(*, year: int) -> str:
    """A random, unguessable reference number such as ``DE-2026-7KQ4MZ``.

    31⁶ (about 890 million) codes a year: ``story_create`` relies on the unique constraint
    and draws again in the rare case of a clash, rather than asking the database first.
    """
    code = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))
    return f"DE-{year}-{code}"


def _area_for(organisation_id: int, slug: str) -> AuthorityArea | None:
    """The area with ``slug`` that ``organisation`` can use (its own areas win)."""
    areas = AuthorityArea.objects.filter(
        Q(organisation__isnull=True) | Q(organisation_id=organisation_id), slug=slug
    )
    return min(areas, key=lambda area: area.organisation_id is None, default=None)


def _check_owned(organisation: Organisation, **objects: Any) -> None:
    for name, value in objects.items():
        if value is None:
            continue
        owner = getattr(value, "organisation_id", None)
        if isinstance(value, AuthorityArea):
            if owner not in (None, organisation.pk):
                raise StoryTagsInvalidError(_("The area belongs to another organisation."))
        elif owner != organisation.pk:
            raise StoryTagsInvalidError(
                _("The chosen {name} belongs to another organisation.").format(name=name)
            )


def story_create(
    *,
    organisation: Organisation,
    channel: Channel | str,
    submitter: Submitter | str,
    raw_text: str,
    submitted_area: AuthorityArea | None = None,
    submitted_department: Department | None = None,
    campaign: Campaign | None = None,
    meeting: DialogueMeeting | None = None,
    entered_by: Any = None,
    contact: ContactInput | None = None,
    language: str = "",
) -> Story:
    """Store a new story and schedule its redaction and tagging.

    The story is in the moderation queue at once (status ``new``); its redacted text and
    suggested tags follow from the analysis sweep (``story_analysis_sweep_request``) after the
    transaction commits.
    """
    _check_owned(
        organisation,
        area=submitted_area,
        department=submitted_department,
        campaign=campaign,
        meeting=meeting,
    )
    story = Story(
        organisation=organisation,
        channel=channel,
        submitter=submitter,
        raw_text=raw_text.strip(),
        submitted_area=submitted_area,
        submitted_department=submitted_department,
        area=submitted_area,
        department=submitted_department,
        campaign=campaign,
        meeting=meeting,
        entered_by=entered_by if getattr(entered_by, "is_authenticated", False) else None,
        language=language,
    )
    # The related objects are instances in hand whose ownership was checked above, and the
    # reference's uniqueness is the database's to enforce: validating them again would cost
    # a query each on every public submission.
    story.reference = story_reference_make(year=timezone.now().year)
    story.full_clean(exclude=_STORY_RELATIONS, validate_unique=False)
    for attempt in range(1, _REFERENCE_ATTEMPTS + 1):
        try:
            # A transaction of its own, or a savepoint in the caller's: a clash undoes only
            # this attempt.
            with transaction.atomic():
                story.save()
                _story_created(story, contact=contact, actor=entered_by)
        except IntegrityError:
            if attempt == _REFERENCE_ATTEMPTS or not _reference_taken(story.reference):
                raise
            story.pk = None
            story.reference = story_reference_make(year=timezone.now().year)
        else:
            break
    return story


def _reference_taken(reference: str) -> bool:
    return Story.objects.filter(reference=reference).exists()


def _story_created(story: Story, *, contact: ContactInput | None, actor: Any) -> None:
    """What is stored and scheduled with a new story: its contact details and first event."""
    if contact is not None and not contact.is_empty:
        story_contact = StoryContact(
            story=story,
            name=contact.name,
            email=contact.email.lower(),
            phone=contact.phone,
            consent_follow_up=contact.consent_follow_up,
        )
        story_contact.full_clean(exclude=["story"], validate_unique=False)
        story_contact.save()
    story_event_record(
        story=story, kind=StoryEventKind.CREATED, actor=actor, data={"channel": story.channel}
    )
    story_analysis_sweep_request()


def story_analysis_sweep_request() -> None:
    """Schedule a sweep over every story waiting for analysis, once the transaction commits.

    Stories that arrive in a burst share one background task instead of queueing one each:
    the first sets a marker in the cache and enqueues the sweep; the sweep clears the marker
    *before* it reads the waiting stories, so a story committed after that read finds no
    marker and schedules a sweep of its own, and none is left behind. Should a queued sweep
    be lost, the marker expires and the every-minute scheduled sweep catches up.
    """
    transaction.on_commit(_analysis_sweep_enqueue)


def _analysis_sweep_enqueue() -> None:
    from servicepuls.stories.tasks import stories_analyse_pending_task  # tasks import services

    # Without a cache shared by every process (embedded mode) the worker could not clear the
    # marker that a web process set: then every story asks for a sweep of its own.
    if not settings.CACHE_SHARED or cache.add(_SWEEP_MARKER, True, _SWEEP_MARKER_SECONDS):
        stories_analyse_pending_task.enqueue()


def stories_analyse_pending(*, batch_size: int = 100) -> int:
    """Analyse every story waiting for analysis; returns how many were analysed.

    Each story is claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL), so sweeps on
    several workers share the work; a story whose analysis raises is marked failed and the
    sweep goes on. See ``story_analysis_sweep_request``.
    """
    cache.delete(_SWEEP_MARKER)
    analysed = 0
    last_id = 0
    while True:
        waiting = Story.objects.filter(analysis_state=AnalysisState.PENDING, pk__gt=last_id)
        story_ids = list(waiting.order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not story_ids:
            return analysed
        last_id = story_ids[-1]
        analysed += sum(_story_analyse_claimed(story_id) for story_id in story_ids)


def _story_analyse_claimed(story_id: int) -> int:
    try:
        with transaction.atomic():
            story = (
                Story.objects.select_for_update(skip_locked=True)
                .filter(pk=story_id, analysis_state=AnalysisState.PENDING)
                .first()
            )
            if story is None:  # analysed meanwhile, erased, or claimed by another worker
                return 0
            story_analyse(story=story)
    except Exception:
        logger.exception("Analysis of story %s failed", story_id)
        Story.objects.filter(pk=story_id).update(
            analysis_state=AnalysisState.FAILED, updated_at=timezone.now()
        )
        return 0
    return 1


def story_analysis_request(*, story: Story) -> None:
    """Schedule the story's redaction and tagging once the current transaction commits."""
    from servicepuls.stories.tasks import story_analyse_task  # tasks import services

    story_id = story.pk
    transaction.on_commit(lambda: story_analyse_task.enqueue(story_id=story_id))


def story_analyse(*, story: Story) -> Story:
    """Redact the story and store suggested tags; idempotent.

    Suggestions replace the current tags only while staff have not confirmed them; an area
    the submitter chose is kept over a suggested one.
    """
    analysis = text_analyse(story.raw_text)
    story.redacted_text = analysis.redacted_text
    story.pii_spans = list(analysis.pii)
    story.suggestions = analysis.suggestions_json()
    story.analysis_state = AnalysisState.DONE
    if analysis.language:
        story.language = story.language or analysis.language
    fields = ["redacted_text", "pii_spans", "suggestions", "analysis_state", "language"]
    if not story.tags_confirmed:
        if story.submitted_area_id is None and analysis.area is not None:
            story.area = _area_for(story.organisation_id, analysis.area.label)
        _factors_set(story, [tag.label for tag in analysis.factors])
        story.sentiment = analysis.sentiment.label if analysis.sentiment else ""
        fields += ["area", "factors", "factors_index", "sentiment"]
    story.save(update_fields=[*fields, "updated_at"])
    story_event_record(
        story=story,
        kind=StoryEventKind.ANALYSED,
        data={"pii_found": len(analysis.pii), "model_version": analysis.model_version},
    )
    return story


def story_analysis_failed(*, story: Story) -> None:
    """Mark a story whose analysis raised, so staff see it needs attention."""
    story.analysis_state = AnalysisState.FAILED
    story.save(update_fields=["analysis_state", "updated_at"])


def _factors_set(story: Story, factors: Iterable[str]) -> None:
    ordered = [factor for factor in FACTORS if factor in set(factors)]
    story.factors = ordered
    story.factors_index = f",{','.join(ordered)}," if ordered else ""


def _tags_snapshot(story: Story) -> dict[str, Any]:
    return {
        "area": story.area.slug if story.area else None,
        "factors": list(story.factors),
        "sentiment": story.sentiment,
        "department": story.department_id,
        "change_kind": story.change_kind,
    }


@transaction.atomic
def story_tags_confirm(
    *,
    story: Story,
    actor: Any,
    area: AuthorityArea | None,
    factors: Sequence[str],
    sentiment: str,
    department: Department | None = None,
    change_kind: str = "",
) -> Story:
    """Confirm or correct a story's tags; confirmed tags feed retraining."""
    unknown = [factor for factor in factors if factor not in FACTORS]
    if unknown:
        raise StoryTagsInvalidError(
            _("Unknown service factor: {factor}.").format(factor=", ".join(unknown))
        )
    if sentiment and sentiment not in Sentiment.values:
        raise StoryTagsInvalidError(_("Unknown sentiment: {value}.").format(value=sentiment))
    if change_kind and change_kind not in ChangeKind.values:
        raise StoryTagsInvalidError(_("Unknown kind of change: {value}.").format(value=change_kind))
    organisation = story.organisation
    _check_owned(organisation, area=area, department=department)
    before = _tags_snapshot(story)
    story.area = area
    _factors_set(story, factors)
    story.sentiment = sentiment
    story.department = department
    story.change_kind = change_kind
    story.tags_confirmed_at = timezone.now()
    story.tags_confirmed_by = actor
    story.save(
        update_fields=[
            "area",
            "factors",
            "factors_index",
            "sentiment",
            "department",
            "change_kind",
            "tags_confirmed_at",
            "tags_confirmed_by",
            "updated_at",
        ]
    )
    story_tags_confirmed_event(story=story, actor=actor, before=before, after=_tags_snapshot(story))
    return story


@transaction.atomic
def story_status_change(*, story: Story, actor: Any, status: StoryStatus | str) -> Story:
    """Move a story along the moderation workflow (see ``STATUS_TRANSITIONS``)."""
    if status not in StoryStatus.values:
        raise StoryStatusTransitionError(_("Unknown status: {value}.").format(value=status))
    old = story.status
    if status == old:
        return story
    if status not in STATUS_TRANSITIONS[old]:
        raise StoryStatusTransitionError(
            _("Story {reference} cannot move from {old} to {new}.").format(
                reference=story.reference,
                old=StoryStatus(old).label,
                new=StoryStatus(status).label,
            )
        )
    if status == StoryStatus.SHARED and story.analysis_state != AnalysisState.DONE:
        raise StoryStatusTransitionError(
            _("Story {reference} cannot be shared before it has been redacted.").format(
                reference=story.reference
            )
        )
    story.status = status
    story.save(update_fields=["status", "updated_at"])
    story_status_changed_event(story=story, actor=actor, old=old, new=status)
    return story


def story_suggestions_confirm(*, story: Story, actor: Any) -> bool:
    """Confirm a story's suggested tags as they stand; return whether anything was confirmed."""
    if story.tags_confirmed:
        return False
    if story.analysis_state != AnalysisState.DONE or not story.sentiment:
        raise StoryTagsInvalidError(
            _("Story {reference} has no suggested tags to confirm yet.").format(
                reference=story.reference
            )
        )
    story_tags_confirm(
        story=story,
        actor=actor,
        area=story.area,
        factors=story.factors,
        sentiment=story.sentiment,
        department=story.department,
        change_kind=story.change_kind,
    )
    return True


def story_bulk_apply(*, stories: Iterable[Story], actor: Any, action: str) -> tuple[int, list[str]]:
    """Apply one action (a status, or ``confirm_suggestions``) to many stories.

    Returns how many stories changed and, for the others, why not.
    """
    changed, problems = 0, []
    for story in stories:
        try:
            if action == "confirm_suggestions":
                changed += story_suggestions_confirm(story=story, actor=actor)
            else:
                previous = story.status
                story_status_change(story=story, actor=actor, status=action)
                changed += previous != story.status
        except (StoryStatusTransitionError, StoryTagsInvalidError) as error:
            problems.append(error.message)
    return changed, problems


def campaign_create(*, organisation: Organisation, **fields: Any) -> Campaign:
    """Start a collection campaign of ``organisation``."""
    campaign = Campaign(organisation=organisation, **fields)
    campaign.full_clean()
    campaign.save()
    return campaign


def campaign_update(*, campaign: Campaign, **fields: Any) -> Campaign:
    """Change a campaign's title, link, intro or period."""
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.full_clean()
    campaign.save(update_fields=[*fields, "updated_at"])
    return campaign


def meeting_create(*, organisation: Organisation, **fields: Any) -> DialogueMeeting:
    """Record a dialogue meeting; its stories are entered with ``story_create``."""
    meeting = DialogueMeeting(organisation=organisation, **fields)
    meeting.full_clean()
    meeting.save()
    return meeting


def meeting_update(*, meeting: DialogueMeeting, **fields: Any) -> DialogueMeeting:
    """Change a dialogue meeting's date, place or notes."""
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save(update_fields=[*fields, "updated_at"])
    return meeting
