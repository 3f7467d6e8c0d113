"""Writes shared by every app: the audit log."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.http import HttpRequest
from django_tasks_db.models import DBTaskResult

from servicepuls.common.models import AuditAction, AuditLogEntry


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as Django sees it (the proxy sets REMOTE_ADDR in production)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_log_write(
    *,
    actor: Any,
    action: AuditAction,
    object_type: str,
    object_id: object,
    organisation_id: int | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditLogEntry:
    """Record one read or change of personal data."""
    return AuditLogEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        organisation_id=organisation_id,
        ip_address=client_ip(request),
        details=details or {},
    )


def task_results_prune(*, older_than: timedelta, now: datetime) -> int:
    """Delete finished background-task results older than ``older_than``; return the count."""
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=now - older_than).delete()
    return deleted
