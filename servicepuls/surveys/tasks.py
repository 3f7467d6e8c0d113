"""Background tasks of the surveys app: each loads by id and calls one service."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from servicepuls.surveys.models import DataImport
from servicepuls.surveys.services.cases import case_contacts_erase_expired
from servicepuls.surveys.services.imports import data_import_run
from servicepuls.surveys.services.invitations import (
    invitation_reminders_send,
    invitations_send_due,
)


@task()
def data_import_run_task(*, data_import_id: int) -> str:
    data_import = data_import_run(data_import=DataImport.objects.get(pk=data_import_id))
    return str(data_import.status)


@task()
def case_contacts_erase_expired_task() -> int:
    return case_contacts_erase_expired(today=timezone.localdate())


@task()
def invitations_send_due_task() -> int:
    results = invitations_send_due(now=timezone.now())
    return sum(result.sent for result in results)


@task()
def invitation_reminders_send_task() -> int:
    return invitation_reminders_send(now=timezone.now())
