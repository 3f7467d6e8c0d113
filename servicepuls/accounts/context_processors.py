"""Template context for the staff layout."""

from __future__ import annotations

from django.http import HttpRequest

from servicepuls.accounts.permissions import Capability, user_has_capability


def staff_context(request: HttpRequest) -> dict[str, object]:
    """Expose the capabilities the navigation needs, without a query per check."""
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_organisation_staff", False):
        return {"staff_capabilities": frozenset()}
    return {
        "staff_capabilities": frozenset(
            capability.value for capability in Capability if user_has_capability(user, capability)
        )
    }
