"""The base of every domain error in Servicepuls."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A business rule was broken; ``message`` is safe to show to the user.

    Each app subclasses this in its own ``errors.py``; ``code`` is a stable,
    machine-readable identifier for API clients.
    """

    code = "application_error"

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
