"""Whole-page caching for the empty public forms, which look the same to every visitor.

Only a few things on such a page differ per visitor: the CSRF token, tokens the form itself
signs (such as the story form's timing token) and, where a secret link leads to the page,
its path (which the language form of ``base.html`` takes as ``next_path``). The page is
rendered once per process with random placeholders in their place and kept in the
``local`` cache; each answer substitutes the visitor's own values. A caller's ``key`` must
name the version of everything else the page shows (see ``config.settings.cache``).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language

PageContext = Callable[[Mapping[str, str]], dict[str, Any]]


def page_cacheable(request: HttpRequest) -> bool:
    """Whether ``request`` may get a shared page: an anonymous GET with nothing of its own.

    A session (a signed-in user, or pending messages) or a messages cookie can change what
    the page shows, and so can a query string; such requests get a page of their own.
    """
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def form_page_render(
    request: HttpRequest,
    template_name: str,
    *,
    key: str,
    context: PageContext,
    tokens: Mapping[str, Callable[[], str]] | None = None,
    per_path: bool = True,
    timeout: int = 600,
) -> HttpResponse:
    """Answer ``request`` with ``template_name``, rendered once per ``key`` where allowed.

    ``context`` makes the template's context from the values of ``tokens`` (a name and a
    maker each); it is called only when the page is rendered, so the database reads behind
    it are saved too. The page is also kept per language and, unless ``per_path`` is false,
    per path: pages whose paths differ only by a secret (a survey link's token) share one
    entry and take their own path from ``next_path``.
    """
    tokens = {**(tokens or {}), "next_path": request.get_full_path}
    if not page_cacheable(request):
        return render(request, template_name, context({n: make() for n, make in tokens.items()}))
    path = request.path if per_path else ""
    digest = hashlib.blake2b(
        f"{template_name}\0{key}\0{get_language()}\0{path}".encode(), digest_size=16
    )
    cache_key = f"page:{digest.hexdigest()}"
    local = caches["local"]
    page: tuple[str, str, dict[str, str]] | None = local.get(cache_key)
    if page is None:
        marker = f"servicepuls{secrets.token_hex(12)}"
        placeholders = {name: f"{marker}-token-{name}-" for name in tokens}
        csrf_placeholder = f"{marker}-csrf"
        page_context = {"next_path": placeholders["next_path"], **context(placeholders)}
        # Above the context processors' lazy token, so rendering creates no CSRF cookie.
        page_context["csrf_token"] = csrf_placeholder
        page = (
            render_to_string(template_name, page_context, request),
            csrf_placeholder,
            placeholders,
        )
        local.set(cache_key, page, timeout=timeout)
    content, csrf_placeholder, placeholders = page
    content = content.replace(csrf_placeholder, get_token(request))
    for name, placeholder in placeholders.items():
        content = content.replace(placeholder, escape(tokens[name]()))
    return HttpResponse(content)
