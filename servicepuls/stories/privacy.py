"""Personal data in stories: audited reads, retention, and one person's export and erasure.

Only Admin reaches these through the staff pages (``VIEW_RAW_TEXT`` and
``VIEW_CONTACT_DETAILS``); every read or change is written to the audit log.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from servicepuls.common.models import AuditAction
from servicepuls.common.services import audit_log_write
from servicepuls.organisations.models import Organisation
from servicepuls.stories.choices import StoryEventKind
from servicepuls.stories.errors import PersonLookupError
from servicepuls.stories.events import story_event_record
from servicepuls.stories.models import Story, StoryContact
from servicepuls.stories.text_analysis import text_redact


def story_raw_text_read(*, story: Story, actor: Any, request: HttpRequest | None = None) -> str:
    """Return the unredacted text and record who read it."""
    audit_log_write(
        actor=actor,
        action=AuditAction.RAW_TEXT_VIEWED,
        object_type="stories.story",
        object_id=story.pk,
        organisation_id=story.organisation_id,
        request=request,
        details={"reference": story.reference},
    )
    return story.raw_text


def story_contact_read(
    *, story: Story, actor: Any, request: HttpRequest | None = None
) -> StoryContact | None:
    """Return the story's contact details (if any) and record who read them."""
    contact = StoryContact.objects.filter(story=story).first()
    if contact is not None:
        audit_log_write(
            actor=actor,
            action=AuditAction.CONTACT_VIEWED,
            object_type="stories.story",
            object_id=story.pk,
            organisation_id=story.organisation_id,
            request=request,
            details={"reference": story.reference},
        )
    return contact


def story_contacts_erase_expired(*, now: datetime) -> int:
    """Erase contact details older than their organisation's retention period; return the count."""
    erased = 0
    for organisation in Organisation.objects.filter(stories__contact__isnull=False).distinct():
        cutoff = now - timedelta(days=organisation.retention_days)
        expired = StoryContact.objects.filter(
            story__organisation=organisation, story__created_at__lt=cutoff
        ).select_related("story")
        for contact in expired:
            with transaction.atomic():
                story_event_record(story=contact.story, kind=StoryEventKind.CONTACT_EXPIRED)
                contact.delete()
                erased += 1
    return erased


def person_stories_find(
    *, organisation_id: int, email: str = "", reference: str = ""
) -> QuerySet[Story]:
    """Stories of one person: by the e-mail address they gave, or by a reference number."""
    email, reference = email.strip().lower(), reference.strip().upper()
    if not email and not reference:
        raise PersonLookupError(_("Give an e-mail address or a reference number."))
    condition = Q()
    if email:
        condition |= Q(contact__email__iexact=email)
    if reference:
        condition |= Q(reference=reference)
    return (
        Story.objects.filter(organisation_id=organisation_id)
        .filter(condition)
        .select_related("contact", "area", "campaign")
        .order_by("created_at")
    )


def _story_personal_data(story: Story) -> dict[str, Any]:
    contact = getattr(story, "contact", None)
    return {
        "reference": story.reference,
        "received": story.created_at.isoformat(),
        "channel": story.channel,
        "submitter": story.submitter,
        "text": story.raw_text,
        "status": story.status,
        "campaign": story.campaign.title if story.campaign else None,
        "contact": None
        if contact is None
        else {
            "name": contact.name,
            "email": contact.email,
            "phone": contact.phone,
            "consent_follow_up": contact.consent_follow_up,
        },
    }


def person_data_export(
    *,
    organisation_id: int,
    actor: Any,
    email: str = "",
    reference: str = "",
    request: HttpRequest | None = None,
) -> dict[str, Any]:
    """Everything stored about one person (GDPR art. 15), as JSON-ready data; audited."""
    stories = list(
        person_stories_find(organisation_id=organisation_id, email=email, reference=reference)
    )
    audit_log_write(
        actor=actor,
        action=AuditAction.PERSONAL_DATA_EXPORTED,
        object_type="stories.person",
        object_id=email or reference,
        organisation_id=organisation_id,
        request=request,
        details={"stories": [story.reference for story in stories]},
    )
    return {
        "email": email or None,
        "reference": reference or None,
        "stories": [_story_personal_data(story) for story in stories],
    }


@transaction.atomic
def person_data_erase(
    *,
    organisation_id: int,
    actor: Any,
    email: str = "",
    reference: str = "",
    request: HttpRequest | None = None,
) -> list[str]:
    """Erase one person's data (GDPR art. 17); return the references of the stories touched.

    Contact details are deleted and the original text is replaced by its redacted form, so
    the story itself stays available to the organisation (it may be a public record) without
    anything that identifies the person.
    """
    stories = list(
        person_stories_find(organisation_id=organisation_id, email=email, reference=reference)
    )
    for story in stories:
        StoryContact.objects.filter(story=story).delete()
        redacted, _spans = text_redact(story.raw_text)
        story.raw_text = story.redacted_text = redacted
        story.pii_spans = []
        story.personal_data_erased_at = timezone.now()
        story.save(
            update_fields=[
                "raw_text",
                "redacted_text",
                "pii_spans",
                "personal_data_erased_at",
                "updated_at",
            ]
        )
        story_event_record(story=story, kind=StoryEventKind.PERSONAL_DATA_ERASED, actor=actor)
    references = [story.reference for story in stories]
    audit_log_write(
        actor=actor,
        action=AuditAction.PERSONAL_DATA_ERASED,
        object_type="stories.person",
        object_id=email or reference,
        organisation_id=organisation_id,
        request=request,
        details={"stories": references},
    )
    return references
