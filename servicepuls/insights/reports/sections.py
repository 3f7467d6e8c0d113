"""Report sections that apps above insights contribute, such as the open actions.

Insights may not import the apps above it (``actions > insights``). Such an app registers a
provider here from its ``AppConfig.ready()``; the steering-group report renders every
registered section after the areas, in the PDF and in the Excel workbook alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from servicepuls.accounts.models import User


@dataclass(frozen=True, slots=True)
class ReportSection:
    """A titled table: plain text cells, already in the report's language."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty_text: str = ""


SectionProvider = Callable[[User, "int | None"], "ReportSection | None"]

_PROVIDERS: dict[str, SectionProvider] = {}


def report_section_register(key: str, provider: SectionProvider) -> None:
    """Add (or replace) the provider of one section; called from ``AppConfig.ready()``."""
    _PROVIDERS[key] = provider


def report_sections_get(*, user: User, year: int | None) -> tuple[ReportSection, ...]:
    """Every registered section as ``user`` may see it, in registration order."""
    sections = (provider(user, year) for provider in _PROVIDERS.values())
    return tuple(section for section in sections if section is not None)
