"""Django's admin for support staff: campaigns, meetings and story metadata.

Raw text and contact details are deliberately absent: they are read only through the
audited staff page (``/staff/berattelser/<id>/personuppgifter/``).
"""

from django.contrib import admin
from django.http import HttpRequest

from servicepuls.stories.models import Campaign, DialogueMeeting, Story

_METADATA = (
    "reference",
    "organisation",
    "channel",
    "submitter",
    "status",
    "analysis_state",
    "area",
    "factors",
    "sentiment",
    "campaign",
    "meeting",
    "tags_confirmed_at",
    "personal_data_erased_at",
)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin[Campaign]):
    list_display = ["title", "organisation", "slug", "starts_on", "ends_on"]
    list_filter = ["organisation"]
    search_fields = ["title", "slug"]


@admin.register(DialogueMeeting)
class DialogueMeetingAdmin(admin.ModelAdmin[DialogueMeeting]):
    list_display = ["held_on", "place", "organisation"]
    list_filter = ["organisation"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin[Story]):
    list_display = [
        "reference",
        "organisation",
        "channel",
        "status",
        "analysis_state",
        "created_at",
    ]
    list_filter = ["status", "channel", "analysis_state", "organisation"]
    search_fields = ["reference"]
    fields = _METADATA
    readonly_fields = _METADATA

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Story | None = None) -> bool:
        return False
