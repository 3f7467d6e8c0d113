"""Display formatting of results in templates (decimal comma, percent, labels)."""

from __future__ import annotations

from django import template

from servicepuls.insights.charts.base import decimal
from servicepuls.insights.labels import (
    CHANGE_LABELS,
    factor_label,
    outcome_label,
    respondent_label,
    sentiment_label,
)

register = template.Library()


@register.filter
def index(value: float | None, places: int = 0) -> str:
    """An index value in the active locale; empty when missing."""
    return decimal(value, places)


@register.filter
def percent(value: float | None) -> str:
    """A share 0–1 as a whole percentage; "–" when unknown."""
    return "–" if value is None else f"{decimal(value * 100)} %"


@register.filter
def factor_name(slug: str) -> str:
    return factor_label(slug)


@register.filter
def outcome_name(slug: str) -> str:
    return outcome_label(slug)


@register.filter
def respondent_name(slug: str) -> str:
    return respondent_label(slug)


@register.filter
def change_name(slug: str) -> str:
    return str(CHANGE_LABELS.get(slug, ""))


@register.filter
def sentiment_name(slug: str) -> str:
    return sentiment_label(slug)


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    """``mapping[key]`` or None, for dictionaries keyed by slugs."""
    return mapping.get(key)
