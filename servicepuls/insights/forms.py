"""Filters of the results pages: the shape of the query string, nothing else."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

RESPONDENT_CHOICES = (
    ("", _("Everyone")),
    ("business", _("Businesses")),
    ("private", _("Private persons")),
)

COMPARISON_CHOICES = (
    ("all", _("All municipalities")),
    ("network", _("The network's members")),
    ("similar", _("Municipalities of similar size")),
)


class PeriodForm(forms.Form):
    """Year and respondent type; a missing or invalid value means the default."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    respondent = forms.ChoiceField(
        label=_("Respondents"), choices=RESPONDENT_CHOICES, required=False
    )

    def filters(self) -> tuple[int | None, str]:
        """The year (None for the latest) and the respondent type ("" for everyone)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("year"), data.get("respondent") or ""


class ComparisonForm(PeriodForm):
    """The period plus the comparison set and, optionally, one area."""

    compare = forms.ChoiceField(label=_("Compare with"), choices=COMPARISON_CHOICES, required=False)
    area = forms.SlugField(label=_("Area"), required=False)

    def comparison(self) -> tuple[str, str]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("compare") or "all", data.get("area") or ""
