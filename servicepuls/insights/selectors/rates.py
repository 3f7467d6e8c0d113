"""Response rates from the surveys app (its ``response_rates`` selector)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

try:
    from servicepuls.surveys.selectors import (  # type: ignore[import-not-found,unused-ignore]
        response_rates as _surveys_response_rates,
    )
except ImportError:  # INTERIM: the surveys branch has not delivered its selector yet.
    _surveys_response_rates = None


def response_rates(
    organisation_ids: Sequence[int],
    *,
    years: Sequence[int] | None = None,
    respondent: str | None = None,
) -> list[Any]:
    """``ResponseRate(organisation_id, area_slug, year, invited, answered, rate)`` rows."""
    if _surveys_response_rates is None:
        return []
    return list(_surveys_response_rates(organisation_ids, years=years, respondent=respondent))
