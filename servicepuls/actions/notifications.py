"""E-mails of the actions domain: overdue reminders and news to story submitters."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from servicepuls.accounts.choices import Role
from servicepuls.accounts.models import User
from servicepuls.actions.models import Action


def overdue_reminder_recipients(action: Action) -> list[str]:
    """The owner's address, or else every contact of the owner department."""
    if action.owner_person is not None and action.owner_person.email:
        return [action.owner_person.email]
    return sorted(
        User.objects.filter(
            organisation_id=action.organisation_id,
            role=Role.DEPARTMENT,
            department_id=action.owner_department_id,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )


def overdue_reminder_send(*, action: Action, today: dt.date) -> bool:
    recipients = overdue_reminder_recipients(action)
    if not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "action": action,
            "days_overdue": (today - action.due_on).days if action.due_on else 0,
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("actions/email/overdue_subject.txt", context).strip()
        body = render_to_string("actions/email/overdue_body.txt", context)
    send_mail(subject, body, None, recipients)
    return True
