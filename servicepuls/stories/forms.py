"""Shapes of input for the stories pages; the services do the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from servicepuls.organisations.models import AuthorityArea, Department, Organisation
from servicepuls.stories.choices import (
    ChangeKind,
    Channel,
    Factor,
    Sentiment,
    StoryStatus,
    Submitter,
)
from servicepuls.stories.models import Campaign, DialogueMeeting

PROMPT_MAX_LENGTH = 4000
BULK_CONFIRM_SUGGESTIONS = "confirm_suggestions"
TEXT_MIN_LENGTH = 20

# The guided prompts of the public form, in the order shown.
PROMPTS = (
    ("treatment", _("How were you treated?")),
    ("not_understood", _("Was there a decision or information you did not understand?")),
    ("situation", _("Did the municipality understand your situation and conditions?")),
    ("do_differently", _("What should the municipality do differently?")),
)


def _field(form: forms.Form, name: str) -> Any:
    """A field of ``form``, untyped, so that its queryset or choices can be set."""
    return form.fields[name]


def _prompt_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=PROMPT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class StoryTextMixin(forms.Form):
    """The four guided prompts; together they must say something."""

    treatment = _prompt_field(PROMPTS[0][1])
    not_understood = _prompt_field(PROMPTS[1][1])
    situation = _prompt_field(PROMPTS[2][1])
    do_differently = _prompt_field(PROMPTS[3][1])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        total = sum(len(cleaned.get(name) or "") for name, _label in PROMPTS)
        if total < TEXT_MIN_LENGTH:
            raise forms.ValidationError(
                _("Please write at least %(count)d characters about your experience."),
                params={"count": TEXT_MIN_LENGTH},
                code="too_short",
            )
        return cleaned

    def story_text(self) -> str:
        """The answers joined into one text, each under its prompt."""
        parts = []
        for name, label in PROMPTS:
            answer = (self.cleaned_data.get(name) or "").strip()
            if answer:
                parts.append(f"{label}\n{answer}")
        return "\n\n".join(parts)


class ContactMixin(forms.Form):
    contact_choice = forms.ChoiceField(
        label=_("May the municipality contact you?"),
        choices=[
            ("anonymous", _("No, I want to be anonymous")),
            ("contact", _("Yes, I leave my contact details")),
        ],
        widget=forms.RadioSelect,
        initial="anonymous",
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=40)
    consent_follow_up = forms.BooleanField(
        label=_("The municipality may contact me to follow up my story"), required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("contact_choice") != "contact":
            for name in ("name", "email", "phone"):
                cleaned[name] = ""
            cleaned["consent_follow_up"] = False
        elif not (cleaned.get("email") or cleaned.get("phone")):
            self.add_error(
                "email", _("Give an e-mail address or a phone number, or choose to be anonymous.")
            )
        return cleaned

    def contact_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data.get(name) or default
            for name, default in (
                ("name", ""),
                ("email", ""),
                ("phone", ""),
                ("consent_follow_up", False),
            )
        }


class PublicStoryForm(StoryTextMixin, ContactMixin, forms.Form):
    """The public "Dela din erfarenhet" form."""

    organisation = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Organisation.objects.none(), empty_label=None
    )
    submitter = forms.ChoiceField(
        label=_("I am sharing my experience as"),
        choices=Submitter.choices,
        widget=forms.RadioSelect,
    )
    area = forms.ModelChoiceField(
        label=_("Area (optional)"),
        queryset=AuthorityArea.objects.none(),
        required=False,
        empty_label=_("I don't know / no answer"),
    )
    department = forms.ModelChoiceField(
        label=_("Department (optional)"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("I don't know / no answer"),
    )
    notice_read = forms.BooleanField(
        label=_("I have read the information about public records and personal data above"),
        error_messages={"required": _("Please confirm that you have read the information.")},
    )
    # Spam protection: a field hidden from people (bots fill it) and a signed timestamp.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)

    field_order = [
        "organisation",
        "submitter",
        "treatment",
        "not_understood",
        "situation",
        "do_differently",
        "area",
        "department",
        "contact_choice",
        "name",
        "email",
        "phone",
        "consent_follow_up",
        "notice_read",
        "website",
        "form_token",
    ]

    def __init__(
        self,
        *args: Any,
        organisations: Any,
        areas: Any,
        departments: Any,
        fixed_organisation: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "organisation").queryset = organisations
        _field(self, "area").queryset = areas
        _field(self, "department").queryset = departments
        if fixed_organisation is not None:
            del self.fields["organisation"]
        else:
            del self.fields["department"]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get("website") or ""
        if value:
            raise forms.ValidationError(_("Leave this field empty."), code="honeypot")
        return value


class StaffStoryForm(StoryTextMixin, ContactMixin, forms.Form):
    """A story entered by staff on behalf of a person (phone, dialogue meeting, e-mail)."""

    channel = forms.ChoiceField(
        label=_("Channel"), choices=[c for c in Channel.choices if c[0] != Channel.WEB]
    )
    submitter = forms.ChoiceField(label=_("Submitted by"), choices=Submitter.choices)
    meeting = forms.ModelChoiceField(
        label=_("Dialogue meeting"), queryset=DialogueMeeting.objects.none(), required=False
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), required=False
    )
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=AuthorityArea.objects.none(), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )

    field_order = ["channel", "meeting", "campaign", "submitter"]

    def __init__(
        self, *args: Any, meetings: Any, campaigns: Any, areas: Any, departments: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("meeting", meetings),
            ("campaign", campaigns),
            ("area", areas),
            ("department", departments),
        ):
            _field(self, name).queryset = queryset

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("channel") == Channel.MEETING and not cleaned.get("meeting"):
            self.add_error("meeting", _("Choose the dialogue meeting the story was told at."))
        if cleaned.get("meeting") and cleaned.get("channel") != Channel.MEETING:
            self.add_error("meeting", _("Only stories from a dialogue meeting belong to one."))
        return cleaned


class StoryFilterForm(forms.Form):
    """The queue's filters (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *StoryStatus.choices], required=False
    )
    area = forms.ChoiceField(label=_("Area"), choices=[("", _("Any"))], required=False)
    factor = forms.ChoiceField(
        label=_("Service factor"), choices=[("", _("Any")), *Factor.choices], required=False
    )
    sentiment = forms.ChoiceField(
        label=_("Sentiment"), choices=[("", _("Any")), *Sentiment.choices], required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("Any")), *Channel.choices], required=False
    )
    campaign = forms.TypedChoiceField(
        label=_("Campaign"), choices=[("", _("Any"))], required=False, coerce=int, empty_value=None
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, areas: Any, campaigns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "area").choices = [("", _("Any")), *[(area.slug, area.name) for area in areas]]
        _field(self, "campaign").choices = [
            ("", _("Any")),
            *[(campaign.pk, campaign.title) for campaign in campaigns],
        ]


class StoryTagsForm(forms.Form):
    """Confirm or correct a story's tags."""

    area = forms.ModelChoiceField(
        label=_("Area"), queryset=AuthorityArea.objects.none(), required=False
    )
    factors = forms.MultipleChoiceField(
        label=_("Service factors"),
        choices=Factor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sentiment = forms.ChoiceField(label=_("Sentiment"), choices=Sentiment.choices)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    change_kind = forms.ChoiceField(
        label=_("Kind of change it points to"),
        choices=[("", _("None")), *ChangeKind.choices],
        required=False,
    )

    def __init__(self, *args: Any, areas: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "area").queryset = areas
        _field(self, "department").queryset = departments


class StoryStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=StoryStatus.choices)


class BulkActionForm(forms.Form):
    stories = forms.TypedMultipleChoiceField(
        label=_("Stories"), coerce=int, error_messages={"required": _("Choose at least one story.")}
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (BULK_CONFIRM_SUGGESTIONS, _("Confirm the suggested tags")),
            (_("Set status"), StoryStatus.choices),
        ],
    )

    def __init__(self, *args: Any, story_ids: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "stories").choices = [(pk, pk) for pk in story_ids]


class CampaignForm(forms.ModelForm[Campaign]):
    class Meta:
        model = Campaign
        fields = ["title", "slug", "intro", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class MeetingForm(forms.ModelForm[DialogueMeeting]):
    class Meta:
        model = DialogueMeeting
        fields = ["held_on", "place", "notes"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class PersonLookupForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), required=False)
    reference = forms.CharField(label=_("Reference number"), required=False, max_length=20)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("email") and not cleaned.get("reference"):
            raise forms.ValidationError(_("Give an e-mail address or a reference number."))
        return cleaned
