"""A small fixed-window rate limit for the public survey pages, kept in the cache.

With Redis (``REDIS_URL``) the limit holds across web processes; in embedded mode it is
per process, which is enough for one server.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from servicepuls.common.counters import counter_hit
from servicepuls.common.services import client_ip


def rate_limit_hit(*, scope: str, key: str, per_minute: int) -> bool:
    """Count one request; True when the caller has gone over ``per_minute`` in this minute."""
    window = int(time.time() // 60)
    return counter_hit(f"ratelimit:{scope}:{key}:{window}", timeout=90) > per_minute


def rate_limited(
    scope: str, *, per_minute: int
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator: answer 429 with a readable page when one address asks too often."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if rate_limit_hit(
                scope=scope, key=client_ip(request) or "unknown", per_minute=per_minute
            ):
                response = render(request, "surveys/public/rate_limited.html", status=429)
                response["Retry-After"] = "60"
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
