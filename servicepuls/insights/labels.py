"""Translated display names of the slugs used in results (factors, outcomes, respondents)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

FACTOR_LABELS = {
    "information": _("Information"),
    "tillganglighet": _("Accessibility"),
    "bemotande": _("Treatment"),
    "kompetens": _("Competence"),
    "rattssakerhet": _("Legal certainty"),
    "effektivitet": _("Efficiency"),
}
OUTCOME_LABELS = {
    "approved": _("Approved"),
    "rejected": _("Rejected"),
    "other": _("Other decision"),
    "": _("Unknown outcome"),
}
RESPONDENT_LABELS = {"business": _("Businesses"), "private": _("Private persons")}
SENTIMENT_LABELS = {
    "positive": _("Positive"),
    "negative": _("Negative"),
    "mixed": _("Mixed"),
    "neutral": _("Neutral"),
}
CHANGE_LABELS = {"rise": _("significant rise"), "fall": _("significant fall")}


def factor_label(slug: str) -> str:
    return str(FACTOR_LABELS.get(slug, slug))


def outcome_label(slug: str) -> str:
    return str(OUTCOME_LABELS.get(slug, slug))


def respondent_label(slug: str) -> str:
    return str(RESPONDENT_LABELS.get(slug, slug))


def sentiment_label(slug: str) -> str:
    return str(SENTIMENT_LABELS.get(slug, slug))
