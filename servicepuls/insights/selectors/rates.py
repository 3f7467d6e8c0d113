"""Response rates from the surveys app (its ``response_rates`` selector)."""

from __future__ import annotations

from servicepuls.surveys.selectors import ResponseRate, response_rates

__all__ = ["ResponseRate", "response_rates"]
