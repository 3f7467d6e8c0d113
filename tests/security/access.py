"""The access walker's machinery: every URL pattern of ``config.urls``, one client per role.

The expected table lives in ``test_access_walker.py``; this module enumerates patterns,
builds the world the requests run against, and classifies responses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("anonymous", "admin", "analyst", "steering", "department", "national")


@dataclass
class World:
    """Organisation A (the users' own), organisation B (another), and objects in each."""

    own_organisation: Any
    other_organisation: Any
    users: dict[str, Any]
    own: dict[str, Any] = field(default_factory=dict)
    other: dict[str, Any] = field(default_factory=dict)


Kwargs = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Expect:
    """Expected outcome of a GET per role (in ``ROLES`` order).

    Outcomes: ``ok`` (200), ``login`` (redirect to the staff login), ``admin-login``
    (redirect to the admin's login), ``redirect`` (any other redirect), or a status code
    such as ``403``, ``404`` or ``405``; ``a|b`` accepts either.
    ``kwargs`` names the own organisation's object for patterns with arguments; ``other``
    names the same kind of object of another organisation, which must answer 404 to every
    role that sees the own one. ``audited`` says that a successful read writes an audit-log
    entry (raw story text, contact details).
    """

    outcomes: tuple[str, ...]
    kwargs: Kwargs | None = None
    other: Kwargs | None = None
    audited: bool = False


def expect(spec: str, kwargs: Kwargs | None = None, **options: Any) -> Expect:
    outcomes = tuple(spec.split())
    if len(outcomes) != len(ROLES):
        raise ValueError(f"{spec!r} needs one outcome per role {ROLES}")
    return Expect(outcomes, kwargs, **options)


def own(kind: str, argument: str) -> Kwargs:
    """URL arguments naming the own organisation's object of ``kind``."""
    return lambda world: {argument: world.own[kind].pk}


def other(kind: str, argument: str) -> Kwargs:
    """URL arguments naming another organisation's object of ``kind``."""
    return lambda world: {argument: world.other[kind].pk}


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name", or the route when unnamed
    namespace: str
    pattern: URLPattern
    route: str


def patterns_walk(
    resolvers: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[Pattern]:
    """Every leaf pattern of the project's URL configuration with its full name and route."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        if isinstance(entry, URLResolver):
            child_namespace = namespace
            if entry.namespace:
                child_namespace = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from patterns_walk(
                entry.url_patterns, prefix + str(entry.pattern), child_namespace
            )
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if entry.name and namespace else entry.name
            yield Pattern(name or route, namespace, entry, route)


def outcome_classify(response: Any) -> str:
    """Turn a response into one of the outcome words of ``Expect``."""
    if response.status_code == 200:
        return "ok"
    if response.status_code in (301, 302):
        location = response.headers.get("Location", "")
        if location.startswith("/logga-in/"):
            return "login"
        if location.startswith("/django-admin/login/"):
            return "admin-login"
        return "redirect"
    return str(response.status_code)


def clients_for(world: World) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        clients[role] = client
    return clients
