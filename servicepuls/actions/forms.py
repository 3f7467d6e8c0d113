"""Forms of the actions domain; choices are limited to the user's own organisation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicepuls.accounts.models import User
from servicepuls.actions.evidence import COUNTED_STATUSES
from servicepuls.actions.models import (
    Action,
    ActionKind,
    Audience,
    EffortKind,
    ServiceFactor,
)
from servicepuls.organisations.models import AuthorityArea, Department
from servicepuls.stories.models import Story


class DateInput(forms.DateInput):
    input_type = "date"


def _org_departments(organisation_id: int | None) -> Any:
    if organisation_id is None:
        return Department.objects.none()
    return Department.objects.filter(organisation_id=organisation_id).order_by("name")


def _org_areas(organisation_id: int | None) -> Any:
    if organisation_id is None:
        return AuthorityArea.objects.filter(organisation__isnull=True).order_by("sort_order")
    return AuthorityArea.objects.filter(organisation__isnull=True).order_by("sort_order") | (
        AuthorityArea.objects.filter(organisation_id=organisation_id)
    )


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=ActionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}))
    public_summary = forms.CharField(
        label=_("Public summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown on the public page “Ni sa – vi gjorde”. Never write personal data here."
        ),
    )
    owner_department = forms.ModelChoiceField(
        label=_("Owner department"), queryset=Department.objects.none()
    )
    owner_person = forms.ModelChoiceField(
        label=_("Owner"), queryset=User.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DateInput)
    target_area = forms.ModelChoiceField(
        label=_("Area to move"),
        queryset=AuthorityArea.objects.none(),
        required=False,
        empty_label=_("Total NKI"),
    )
    target_factor = forms.ChoiceField(
        label=_("Measure to move"),
        choices=[("", _("NKI")), *ServiceFactor.choices],
        required=False,
    )
    stories = forms.ModelMultipleChoiceField(
        label=_("Stories behind the action"),
        queryset=Story.objects.none(),
        required=False,
        help_text=_("Reviewed and shared stories; only their redacted text is ever shown."),
    )

    def __init__(
        self, *args: Any, organisation_id: int | None, with_stories: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if with_stories and organisation_id is not None:
            stories_field = self.fields["stories"]
            # The last two years' reviewed stories: what a steering group acts on.
            stories_field.queryset = Story.objects.filter(  # type: ignore[attr-defined]
                organisation_id=organisation_id,
                status__in=COUNTED_STATUSES,
                created_at__gte=timezone.now() - dt.timedelta(days=730),
            ).order_by("-created_at")
            stories_field.label_from_instance = _story_label  # type: ignore[attr-defined]
        else:
            del self.fields["stories"]
        self.fields["owner_department"].queryset = _org_departments(organisation_id)  # type: ignore[attr-defined]
        self.fields["owner_person"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id or 0, is_active=True
        ).order_by("first_name", "last_name", "username")
        self.fields["target_area"].queryset = _org_areas(organisation_id)  # type: ignore[attr-defined]

    @classmethod
    def initial_from(cls, action: Action) -> dict[str, Any]:
        return {
            "kind": action.kind,
            "title": action.title,
            "description": action.description,
            "public_summary": action.public_summary,
            "owner_department": action.owner_department_id,
            "owner_person": action.owner_person_id,
            "due_on": action.due_on,
            "target_area": action.target_area_id,
            "target_factor": action.target_factor,
        }


def _story_label(story: Story) -> str:
    words = story.redacted_text.split()
    excerpt = " ".join(words[:14]) + (" …" if len(words) > 14 else "")
    return f"{story.reference}: {excerpt}"


class TransitionForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    title = forms.CharField(label=_("Title"), max_length=200)
    departments = forms.ModelMultipleChoiceField(
        label=_("Participating departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organisation_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = _org_departments(organisation_id)  # type: ignore[attr-defined]


class MeetingMinutesForm(forms.Form):
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class EffortForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EffortKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants = forms.IntegerField(label=_("Participants"), min_value=0, max_value=100_000)
    factors = forms.MultipleChoiceField(
        label=_("Service factors addressed"),
        choices=ServiceFactor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, organisation_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = _org_departments(organisation_id)  # type: ignore[attr-defined]
