"""What each role may do (DESIGN §1), in one table, and the checks built on it.

Views never test roles directly: they ask for a capability, and selectors scope rows
through ``servicepuls.accounts.selectors.staff_scope_get``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from servicepuls.accounts.choices import Role


class Capability(enum.StrEnum):
    VIEW_RESULTS = "view_results"
    VIEW_INDIVIDUAL_ANSWERS = "view_individual_answers"
    VIEW_STORIES = "view_stories"  # redacted text only
    VIEW_RAW_TEXT = "view_raw_text"
    VIEW_CONTACT_DETAILS = "view_contact_details"
    TAG_STORIES = "tag_stories"
    ENTER_STORIES = "enter_stories"
    VIEW_REPORTS = "view_reports"
    MANAGE_ACTIONS = "manage_actions"
    EDIT_DEPARTMENT_ACTIONS = "edit_department_actions"
    MANAGE_MEETINGS = "manage_meetings"
    MANAGE_USERS = "manage_users"
    MANAGE_IMPORTS = "manage_imports"
    MANAGE_SURVEYS = "manage_surveys"
    VIEW_MEMBER_AGGREGATES = "view_member_aggregates"


_ORGANISATION_READ = {
    Capability.VIEW_RESULTS,
    Capability.VIEW_INDIVIDUAL_ANSWERS,
    Capability.VIEW_STORIES,
}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMIN: frozenset(Capability) - {Capability.VIEW_MEMBER_AGGREGATES},
    Role.ANALYST: frozenset(
        _ORGANISATION_READ
        | {Capability.TAG_STORIES, Capability.ENTER_STORIES, Capability.VIEW_REPORTS}
    ),
    Role.STEERING: frozenset(
        _ORGANISATION_READ
        | {Capability.VIEW_REPORTS, Capability.MANAGE_ACTIONS, Capability.MANAGE_MEETINGS}
    ),
    Role.DEPARTMENT: frozenset(_ORGANISATION_READ | {Capability.EDIT_DEPARTMENT_ACTIONS}),
    Role.NATIONAL: frozenset({Capability.VIEW_RESULTS, Capability.VIEW_MEMBER_AGGREGATES}),
}


def user_has_capability(user: Any, capability: Capability) -> bool:
    """Whether an authenticated organisation user's role grants ``capability``."""
    if not getattr(user, "is_authenticated", False) or not getattr(
        user, "is_organisation_staff", False
    ):
        return False
    return capability in ROLE_CAPABILITIES.get(user.role, frozenset())


P = ParamSpec("P")
R = TypeVar("R")


def capability_required(capability: Capability) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """View decorator: 403 unless the user's role grants ``capability``.

    Login itself is enforced by ``LoginRequiredMiddleware`` (anonymous users are sent to
    the login page before this runs).
    """

    def decorator(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
            request = cast(HttpRequest, args[0])
            if not user_has_capability(request.user, capability):
                raise PermissionDenied
            return view(*args, **kwargs)

        return wrapped

    return decorator
