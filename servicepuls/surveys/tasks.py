"""Background tasks of the surveys app: each loads by id and calls one service."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from servicepuls.common.db import database_retry
from servicepuls.surveys.models import DataImport
from servicepuls.surveys.services.cases import case_contacts_erase_expired
from servicepuls.surveys.services.imports import data_import_run
from servicepuls.surveys.services.invitations import (
    invitation_drafts_erase_expired,
    invitation_reminders_send,
    invitations_send_due,
)


@task()
def data_import_run_task(*, data_import_id: int) -> str:
    """Run a confirmed import; a lost database connection runs it again (all or nothing)."""
    data_import = database_retry(
        lambda: data_import_run(data_import=DataImport.objects.get(pk=data_import_id))
    )
    return str(data_import.status)


@task()
def case_contacts_erase_expired_task() -> int:
    """Erase personal data past retention: case contacts, and drafts of expired links."""
    invitation_drafts_erase_expired(now=timezone.now())
    return case_contacts_erase_expired(today=timezone.localdate())


@task()
def invitations_send_due_task() -> int:
    """Invite the due periods; a lost database connection resumes with what is unsent."""
    now = timezone.now()
    results = database_retry(lambda: invitations_send_due(now=now))
    return sum(result.sent for result in results)


@task()
def invitation_reminders_send_task() -> int:
    now = timezone.now()
    return database_retry(lambda: invitation_reminders_send(now=now))
