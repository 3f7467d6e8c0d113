"""Invitation schedules, sending invitations and reminders, opt-outs."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from servicepuls.common.db import database_retry
from servicepuls.organisations.models import AuthorityArea, Organisation
from servicepuls.surveys.choices import DeliveryStatus, ScheduleFrequency
from servicepuls.surveys.errors import (
    InvitationTokenError,
    ScheduleInvalidError,
    SurveyAlreadyAnsweredError,
)
from servicepuls.surveys.models import (
    Case,
    Invitation,
    InvitationSchedule,
    Questionnaire,
    SurveyOptOut,
)
from servicepuls.surveys.services.questionnaires import (
    questionnaire_default_ensure,
    questionnaire_version_get,
)
from servicepuls.surveys.services.tokens import (
    invitation_token,
    person_key,
    token_hash,
    token_nonce_new,
)

logger = logging.getLogger(__name__)
MAX_REMINDERS = 3


# --- Periods ----------------------------------------------------------------------------------


def period_of(day: date, frequency: str) -> str:
    """``2026-11`` (monthly) or ``2026-Q4`` (quarterly) for the period containing ``day``."""
    if frequency == ScheduleFrequency.QUARTERLY:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of a period string."""
    year_text, part = period.split("-")
    year = int(year_text)
    if part.startswith("Q"):
        first_month = (int(part[1:]) - 1) * 3 + 1
        last_month = first_month + 2
    else:
        first_month = last_month = int(part)
    start = date(year, first_month, 1)
    end = (date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)) - timedelta(
        days=1
    )
    return start, end


def period_previous(day: date, frequency: str) -> str:
    """The last complete period before the one containing ``day``."""
    start, _end = period_bounds(period_of(day, frequency))
    return period_of(start - timedelta(days=1), frequency)


# --- Schedules --------------------------------------------------------------------------------


def _reminder_days_check(reminder_days: list[int], valid_days: int) -> list[int]:
    if len(reminder_days) > MAX_REMINDERS:
        raise ScheduleInvalidError(_("At most three reminders can be sent."))
    days = sorted(set(reminder_days))
    if len(days) != len(reminder_days) or any(not 1 <= day < valid_days for day in days):
        raise ScheduleInvalidError(
            _("Reminder days must be different and lie between 1 and the days a link is valid.")
        )
    return days


@transaction.atomic
def invitation_schedule_save(
    *,
    organisation: Organisation,
    area: AuthorityArea,
    frequency: str,
    sample_size: int | None,
    reminder_days: list[int],
    person_interval_days: int = 90,
    valid_days: int = 60,
    is_active: bool = True,
    questionnaire: Questionnaire | None = None,
) -> InvitationSchedule:
    """Create or change the schedule of one organisation and area."""
    if area.organisation_id not in (None, organisation.pk):
        raise ScheduleInvalidError(_("The area belongs to another organisation."))
    if sample_size is not None and sample_size < 1:
        raise ScheduleInvalidError(_("A sample needs at least one case."))
    schedule, _created = InvitationSchedule.objects.update_or_create(
        organisation=organisation,
        area=area,
        defaults={
            "frequency": frequency,
            "sample_size": sample_size,
            "reminder_days": _reminder_days_check(reminder_days, valid_days),
            "person_interval_days": person_interval_days,
            "valid_days": valid_days,
            "is_active": is_active,
            "questionnaire": questionnaire or questionnaire_default_ensure(),
        },
    )
    return schedule


# --- Creating and sending invitations ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeriodInvitationResult:
    period: str
    eligible: int
    invited: int
    sent: int
    failed: int


def invitations_create(
    *,
    schedule: InvitationSchedule,
    period: str,
    now: datetime,
    rng: random.Random | None = None,
) -> list[Invitation]:
    """Create invitations for the cases of the schedule's area decided in ``period``.

    Never two invitations for one case; never a person who opted out; a person (same
    e-mail) at most once per ``person_interval_days``; a random sample when the schedule
    says so.
    """
    start, end = period_bounds(period)
    cases = list(
        Case.objects.filter(
            organisation_id=schedule.organisation_id,
            area_id=schedule.area_id,
            decided_on__range=(start, end),
            invitation__isnull=True,
        )
        .exclude(contact__email="")
        .filter(contact__isnull=False)
        .select_related("contact")
        .order_by("decided_on", "pk")
    )
    opted_out = set(
        SurveyOptOut.objects.filter(organisation_id=schedule.organisation_id).values_list(
            "person_key", flat=True
        )
    )
    recently = set(
        Invitation.objects.filter(
            organisation_id=schedule.organisation_id,
            created_at__gte=now - timedelta(days=schedule.person_interval_days),
        ).values_list("person_key", flat=True)
    )
    candidates: list[tuple[Case, str]] = []
    for case in cases:
        key = person_key(organisation_id=schedule.organisation_id, email=case.contact.email)
        if key in opted_out or key in recently:
            continue
        recently.add(key)
        candidates.append((case, key))
    if schedule.sample_size is not None and len(candidates) > schedule.sample_size:
        candidates = (rng or random.SystemRandom()).sample(candidates, schedule.sample_size)
    questionnaire = schedule.questionnaire
    version = questionnaire.current_version()
    if version is None:
        raise ScheduleInvalidError(_("The questionnaire has no version yet."))
    invitations = []
    for case, key in candidates:
        nonce = token_nonce_new()
        invitations.append(
            Invitation(
                organisation_id=schedule.organisation_id,
                case=case,
                schedule=schedule,
                questionnaire_version=version,
                period=period,
                token_nonce=nonce,
                token_hash=token_hash(invitation_token(nonce=nonce)),
                person_key=key,
                expires_at=now + timedelta(days=schedule.valid_days),
            )
        )
    return Invitation.objects.bulk_create(invitations)


def invitation_link(invitation: Invitation) -> str:
    token = invitation_token(nonce=invitation.token_nonce)
    return settings.SITE_URL + reverse("surveys:survey_start", kwargs={"token": token})


def invitation_opt_out_link(invitation: Invitation) -> str:
    token = invitation_token(nonce=invitation.token_nonce)
    return settings.SITE_URL + reverse("surveys:survey_opt_out", kwargs={"token": token})


def _email_render(invitation: Invitation, *, reminder: bool) -> tuple[str, str]:
    context: dict[str, Any] = {
        "organisation": invitation.organisation,
        "case": invitation.case,
        "expires_on": timezone.localtime(invitation.expires_at).date(),
        "reminder": reminder,
    }
    parts = []
    subjects = []
    for language in ("sv", "en"):
        context["link"] = f"{invitation_link(invitation)}?lang={language}"
        context["opt_out_link"] = f"{invitation_opt_out_link(invitation)}?lang={language}"
        with translation.override(language):
            subjects.append(
                render_to_string("surveys/email/invitation_subject.txt", context).strip()
            )
            parts.append(render_to_string("surveys/email/invitation_body.txt", context).strip())
    return " / ".join(subjects), "\n\n-----\n\n".join(parts) + "\n"


def _invitation_claim(invitation: Invitation) -> bool:
    """Mark a pending invitation as being sent; False when another run has it already."""
    claimed = Invitation.objects.filter(
        pk=invitation.pk, delivery_status=DeliveryStatus.PENDING
    ).update(delivery_status=DeliveryStatus.SENDING, updated_at=timezone.now())
    invitation.delivery_status = DeliveryStatus.SENDING
    return bool(claimed)


def _invitation_record(invitation: Invitation, fields: list[str]) -> None:
    """Record what happened to an e-mail, waiting out a lost database connection.

    The e-mail has left already: forgetting that would send it again on the next run.
    """
    database_retry(lambda: invitation.save(update_fields=[*fields, "updated_at"]))


def invitation_send(*, invitation: Invitation, now: datetime, reminder: bool = False) -> bool:
    """E-mail the invitation (or a reminder); record the delivery or its failure.

    A first invitation is sent at most once: it is claimed (``sending``) before the e-mail
    leaves and recorded (``sent``) after, so a run that dies between the two leaves it
    ``sending`` and no later run sends it again (``invitations_pending_send``).
    """
    contact = getattr(invitation.case, "contact", None)
    if contact is None or not contact.email:
        invitation.delivery_status = DeliveryStatus.FAILED
        invitation.failure_reason = "no e-mail address (erased or missing)"
        invitation.save(update_fields=["delivery_status", "failure_reason", "updated_at"])
        return False
    subject, body = _email_render(invitation, reminder=reminder)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[contact.email])
    message.extra_headers["List-Unsubscribe"] = f"<{invitation_opt_out_link(invitation)}>"
    if not reminder and not _invitation_claim(invitation):
        return False
    try:
        message.send()
    except Exception as error:  # any backend failure (SMTP refusal, network) is recorded
        logger.warning("invitation %s not delivered: %s", invitation.pk, error)
        invitation.failure_reason = str(error)[:300]
        if not reminder:
            invitation.delivery_status = DeliveryStatus.FAILED
        _invitation_record(invitation, ["delivery_status", "failure_reason"])
        return False
    if reminder:
        invitation.reminders_sent += 1
        invitation.last_reminder_at = now
        _invitation_record(invitation, ["reminders_sent", "last_reminder_at"])
    else:
        invitation.delivery_status = DeliveryStatus.SENT
        invitation.sent_at = now
        invitation.failure_reason = ""
        _invitation_record(invitation, ["delivery_status", "sent_at", "failure_reason"])
    return True


# An invitation left ``sending`` this long was claimed by a run that died mid-send.
SENDING_STALE_AFTER = timedelta(minutes=15)
SEND_BATCH = 200


def invitations_pending_send(
    *, now: datetime, schedule: InvitationSchedule | None = None, period: str | None = None
) -> tuple[int, int]:
    """E-mail every invitation not sent yet; return (sent, failed).

    Resumable: an interrupted run (a lost database, a killed worker) left the rest of its
    invitations pending, and this sends them. One that a dead run left ``sending`` may have
    left already, so it is never sent again: after ``SENDING_STALE_AFTER`` it counts as sent
    (delivery unconfirmed) and its reminders follow as usual.
    """
    invitations = Invitation.objects.filter(
        expires_at__gt=now, answered_at__isnull=True, opted_out_at__isnull=True
    )
    if schedule is not None:
        invitations = invitations.filter(schedule=schedule)
    if period is not None:
        invitations = invitations.filter(period=period)
    stale = invitations.filter(
        delivery_status=DeliveryStatus.SENDING, updated_at__lt=now - SENDING_STALE_AFTER
    )
    stale.update(
        delivery_status=DeliveryStatus.SENT,
        sent_at=now,
        failure_reason="delivery unconfirmed: the sending run stopped",
        updated_at=now,
    )
    pending = invitations.filter(delivery_status=DeliveryStatus.PENDING).select_related(
        "case__contact", "organisation"
    )
    sent = failed = 0
    last_pk = 0
    while batch := list(pending.filter(pk__gt=last_pk).order_by("pk")[:SEND_BATCH]):
        for invitation in batch:
            if invitation_send(invitation=invitation, now=now):
                sent += 1
            elif invitation.delivery_status == DeliveryStatus.FAILED:
                failed += 1
        last_pk = batch[-1].pk
    return sent, failed


def invitations_send_for_period(
    *,
    schedule: InvitationSchedule,
    period: str,
    now: datetime,
    rng: random.Random | None = None,
) -> PeriodInvitationResult:
    """Create and e-mail the invitations of one period; mark the period as done.

    The invitations and the period's mark are committed together before any e-mail leaves;
    the e-mails are then sent by ``invitations_pending_send``, which a later run resumes.
    """
    with transaction.atomic():
        locked = InvitationSchedule.objects.select_for_update().get(pk=schedule.pk)
        invitations = invitations_create(schedule=locked, period=period, now=now, rng=rng)
        if period > locked.last_period:
            locked.last_period = period
            locked.save(update_fields=["last_period", "updated_at"])
    sent, failed = invitations_pending_send(now=now, schedule=schedule, period=period)
    return PeriodInvitationResult(
        period=period,
        eligible=len(invitations),
        invited=len(invitations),
        sent=sent,
        failed=failed,
    )


def invitations_send_due(*, now: datetime) -> list[PeriodInvitationResult]:
    """For every active schedule, invite the last complete period if not yet done.

    Invitations that an interrupted earlier run left unsent are sent too (result rows with
    ``invited`` 0).
    """
    results = []
    today = timezone.localdate(now)
    for schedule in InvitationSchedule.objects.filter(is_active=True).select_related(
        "questionnaire"
    ):
        period = period_previous(today, schedule.frequency)
        if schedule.last_period and schedule.last_period >= period:
            sent, failed = invitations_pending_send(now=now, schedule=schedule)
            if sent or failed:
                results.append(
                    PeriodInvitationResult(
                        period=schedule.last_period, eligible=0, invited=0, sent=sent, failed=failed
                    )
                )
            continue
        results.append(invitations_send_for_period(schedule=schedule, period=period, now=now))
    return results


def invitation_reminders_send(*, now: datetime) -> int:
    """Send the reminders that are due; return how many were sent."""
    pending = Invitation.objects.filter(
        delivery_status=DeliveryStatus.SENT,
        answered_at__isnull=True,
        opted_out_at__isnull=True,
        expires_at__gt=now,
        reminders_sent__lt=MAX_REMINDERS,
        schedule__isnull=False,
    ).select_related("schedule", "case__contact", "organisation")
    sent = 0
    for invitation in pending:
        schedule = invitation.schedule
        if schedule is None:
            continue
        days = schedule.reminder_days
        if invitation.reminders_sent >= len(days) or invitation.sent_at is None:
            continue
        if invitation.sent_at + timedelta(days=days[invitation.reminders_sent]) > now:
            continue
        sent += invitation_send(invitation=invitation, now=now, reminder=True)
    return sent


# --- Tokens -----------------------------------------------------------------------------------


def _invitation_by_token_hash(value: str) -> Invitation | None:
    """The invitation with token hash ``value`` and, of its case, the area and respondent kind.

    Every page of the survey, shown and sent, starts here. A hand-written query, because
    the ORM's join (``select_related("case", "organisation")``) cost about three times the
    CPU, most of it spent compiling the SQL; the case's other fields load when first used
    (on submission) and the organisation when the start page names it.
    """
    invitations = Invitation.objects.raw(
        _INVITATION_LOOKUP_SQL.format(
            invitation=connection.ops.quote_name(Invitation._meta.db_table),
            case=connection.ops.quote_name(Case._meta.db_table),
        ),
        [value],
    )
    invitation = next(iter(invitations), None)
    if invitation is not None:
        loaded = {
            "id": invitation.case_id,
            "area_id": invitation.case_area_id,  # type: ignore[attr-defined]
            "respondent": invitation.case_respondent,  # type: ignore[attr-defined]
        }
        names = [f.attname for f in Case._meta.concrete_fields if f.attname in loaded]
        invitation.case = Case.from_db(
            invitation._state.db, names, [loaded[name] for name in names]
        )
    return invitation


_INVITATION_LOOKUP_SQL = """
SELECT i.*, c.area_id AS case_area_id, c.respondent AS case_respondent
FROM {invitation} i INNER JOIN {case} c ON c.id = i.case_id
WHERE i.token_hash = %s
"""


def invitation_get_by_token(*, token: str, now: datetime) -> Invitation:
    """The invitation of a link token, if it may still be answered.

    Raises ``InvitationTokenError`` with ``reason`` ``unknown``, ``expired``,
    ``opted_out`` or (``SurveyAlreadyAnsweredError``) ``answered``.
    """
    if not 20 <= len(token) <= 100:
        raise InvitationTokenError(_("This survey link is not valid."), "unknown")
    invitation = _invitation_by_token_hash(token_hash(token))
    if invitation is None:
        raise InvitationTokenError(_("This survey link is not valid."), "unknown")
    invitation.questionnaire_version = questionnaire_version_get(
        pk=invitation.questionnaire_version_id
    )
    if invitation.answered_at is not None:
        raise SurveyAlreadyAnsweredError(
            _("This survey has already been answered. Thank you!"), "answered"
        )
    if invitation.opted_out_at is not None:
        raise InvitationTokenError(_("You have asked not to receive surveys from us."), "opted_out")
    if invitation.expires_at <= now:
        raise InvitationTokenError(_("This survey link has expired."), "expired")
    return invitation


@transaction.atomic
def invitation_opt_out(*, token: str, now: datetime) -> Invitation:
    """Stop reminders for this link and every future invitation to the same person."""
    invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if invitation is None:
        raise InvitationTokenError(_("This survey link is not valid."), "unknown")
    if invitation.opted_out_at is None:
        invitation.opted_out_at = now
        invitation.save(update_fields=["opted_out_at", "updated_at"])
    if invitation.person_key:
        SurveyOptOut.objects.get_or_create(
            organisation_id=invitation.organisation_id, person_key=invitation.person_key
        )
    return invitation


def invitation_drafts_erase_expired(*, now: datetime) -> int:
    """Clear the drafts of links that expired unanswered (a draft may hold unredacted text)."""
    return (
        Invitation.objects.filter(expires_at__lte=now, answered_at__isnull=True)
        .exclude(draft={})
        .update(draft={})
    )
