"""Rendered page bodies of the results pages, cached until their results change.

The cache key holds everything the body depends on: the page, the viewer's scope, the
filters, the language and the aggregates stamp (``selectors.stamps``). Answers arriving
change the stamp, so a page is never older than its answers; response rates (which change
with invitations, not answers) may lag by at most ``PAGE_CACHE_SECONDS``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

PAGE_CACHE_SECONDS = 300


def cached_body(
    request: HttpRequest,
    key_parts: tuple[object, ...],
    template: str,
    build: Callable[[], dict[str, Any]],
) -> tuple[SafeString, dict[str, Any]]:
    """The rendered body (from the cache or freshly built) and the context if it was built."""
    raw = repr((template, get_language(), *key_parts)).encode()
    key = f"insights:page:{hashlib.sha256(raw).hexdigest()}"
    body = cache.get(key)
    context: dict[str, Any] = {}
    if body is None:
        context = build()
        body = render_to_string(template, context, request=request)
        cache.set(key, body, PAGE_CACHE_SECONDS)
    return mark_safe(body), context  # noqa: S308 - rendered by our autoescaping template
