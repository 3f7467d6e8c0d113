from __future__ import annotations

from django.contrib import admin

from servicepuls.actions.models import Action, ActionEvent, CompetenceEffort, Meeting


class ActionEventInline(admin.TabularInline[ActionEvent, Action]):
    model = ActionEvent
    extra = 0
    can_delete = False
    readonly_fields = ("occurred_at", "actor", "from_status", "to_status", "comment")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin[Action]):
    list_display = ("title", "organisation", "owner_department", "status", "due_on")
    list_filter = ("status", "kind")
    search_fields = ("title", "organisation__name")
    readonly_fields = ("status", "decided_on", "done_on", "baseline_year", "baseline_value")
    inlines = [ActionEventInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ("held_on", "title", "organisation")
    search_fields = ("title", "organisation__name")


@admin.register(CompetenceEffort)
class CompetenceEffortAdmin(admin.ModelAdmin[CompetenceEffort]):
    list_display = ("held_on", "title", "kind", "audience", "participants", "organisation")
    list_filter = ("kind", "audience")
