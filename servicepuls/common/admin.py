from django.contrib import admin
from django.http import HttpRequest

from servicepuls.common.models import AuditLogEntry


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin[AuditLogEntry]):
    """Read-only: the audit log is evidence and is never edited."""

    list_display = ["occurred_at", "action", "actor", "object_type", "object_id", "organisation_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor__username"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditLogEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditLogEntry | None = None) -> bool:
        return False
