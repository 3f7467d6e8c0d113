"""Forms of the surveys app: shape and cleaning of input, nothing else."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from servicepuls.surveys.choices import ImportKind, ScheduleFrequency
from servicepuls.surveys.importers.cases import CASE_FIELDS, REQUIRED_FIELDS
from servicepuls.surveys.models import ColumnMapping, QuestionnaireVersion
from servicepuls.surveys.services.survey import DONT_KNOW, MAX_TEXT_CHARS


def questionnaire_text(texts: dict[str, str]) -> str:
    """A questionnaire text in the current language (Swedish when missing)."""
    language = (get_language() or "sv")[:2]
    return texts.get(language) or texts["sv"]


class ScaleRadioSelect(forms.RadioSelect):
    """Radio buttons of a rating scale, laid out in one row by ``survey.css``."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "scale-options", **(attrs or {})})


class SurveyPageForm(forms.Form):
    """The questions of one page of the survey; every question may be left unanswered."""

    def __init__(
        self, *args: Any, page: dict[str, Any], version: QuestionnaireVersion, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        for item in page["items"]:
            label = questionnaire_text(item["text"])
            if item["kind"] == "scale":
                choices = [
                    (str(v), str(v)) for v in range(version.scale_low, version.scale_high + 1)
                ]
                if version.allow_dont_know:
                    choices.append((DONT_KNOW, str(_("Don't know"))))
                field: forms.Field = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    required=False,
                    widget=ScaleRadioSelect,
                    help_text=_("%(low)s = not at all, %(high)s = completely")
                    % {"low": version.scale_low, "high": version.scale_high},
                )
            elif item["kind"] == "choice":
                field = forms.ChoiceField(
                    label=label,
                    choices=[(c["value"], questionnaire_text(c["label"])) for c in item["choices"]],
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=MAX_TEXT_CHARS,
                    widget=forms.Textarea(attrs={"rows": 6}),
                    help_text=_(
                        "Please do not write names, personal identity numbers or other personal "
                        "data. Personal data is removed automatically before your comment is "
                        "stored."
                    ),
                )
            self.fields[item["key"]] = field

    def draft_values(self) -> dict[str, Any]:
        """Cleaned values in the draft's form: integers for scale answers, ``dk`` for don't know."""
        values: dict[str, Any] = {}
        for key, value in self.cleaned_data.items():
            if value in ("", None):
                values[key] = None
            elif value == DONT_KNOW or not isinstance(self.fields[key].widget, ScaleRadioSelect):
                values[key] = value
            else:
                values[key] = int(value)
        return values

    @staticmethod
    def initial_from_draft(page: dict[str, Any], draft: dict[str, Any]) -> dict[str, str]:
        return {
            item["key"]: str(draft[item["key"]])
            for item in page["items"]
            if draft.get(item["key"]) is not None
        }


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file contains"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (comma or semicolon, UTF-8) or Excel (.xlsx), at most 25 MB."),
    )
    mapping = forms.ModelChoiceField(
        label=_("Saved column mapping (cases only)"),
        queryset=ColumnMapping.objects.none(),
        required=False,
        empty_label=_("Recognise the columns automatically"),
    )
    scale = forms.RegexField(
        label=_("Answer scale (answer sets only)"),
        regex=r"^[0-9]{1,2}-[0-9]{1,2}$",
        initial="1-10",
        required=False,
        help_text=_("For example 1-10 or 1-5."),
    )

    def __init__(self, *args: Any, mappings: QuerySet[ColumnMapping], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mapping"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = mappings


class ColumnMappingForm(forms.Form):
    """Which column of the file holds each case field; optionally saved under a name."""

    save_as = forms.CharField(
        label=_("Save this mapping as"),
        required=False,
        max_length=100,
        help_text=_("Give a name to reuse the mapping for the next file from the same system."),
    )

    def __init__(self, *args: Any, header: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in the file)")), *[(name, name) for name in header]]
        for field_name, (label, _synonyms) in CASE_FIELDS.items():
            self.fields[f"column_{field_name}"] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=field_name in REQUIRED_FIELDS,
            )
        self.order_fields([f"column_{name}" for name in CASE_FIELDS] + ["save_as"])

    def columns(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"column_{name}"]
            for name in CASE_FIELDS
            if self.cleaned_data.get(f"column_{name}")
        }


class ScheduleForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Frequency"), choices=ScheduleFrequency.choices)
    sample_size = forms.IntegerField(
        label=_("Sample size"),
        required=False,
        min_value=1,
        help_text=_("Leave empty to invite every case closed in the period."),
    )
    reminder_days = forms.RegexField(
        label=_("Reminder days"),
        regex=r"^\s*([0-9]{1,3}\s*(,\s*[0-9]{1,3}\s*){0,2})?$",
        required=False,
        help_text=_("Up to three days after the invitation, separated by commas, e.g. 7, 14."),
        error_messages={"invalid": _("Write up to three numbers separated by commas.")},
    )
    person_interval_days = forms.IntegerField(
        label=_("Days between invitations to one person"), min_value=0, max_value=3650
    )
    valid_days = forms.IntegerField(
        label=_("Days a survey link stays valid"), min_value=1, max_value=365
    )
    is_active = forms.BooleanField(label=_("Send invitations"), required=False)

    def reminder_list(self) -> list[int]:
        text = self.cleaned_data.get("reminder_days") or ""
        return [int(part) for part in text.split(",") if part.strip()]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("For example the name of the case system that will use it."),
    )
