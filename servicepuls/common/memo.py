"""Values kept in this process's memory as they are, for a short time.

The ``local`` cache pickles what it keeps, so each read builds the value anew; a memo hands
back the very object, which suits objects costly to rebuild (model instances, unevaluated
querysets) and read on every request. Like the ``local`` cache, a memo may hold only what a
key names the version of (see ``config.settings.cache``); values must not be mutated.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_memos: weakref.WeakSet[ProcessMemo[object]] = weakref.WeakSet()


class ProcessMemo(Generic[T]):
    """At most ``max_entries`` values, each kept ``timeout`` seconds from when it was made."""

    def __init__(self, *, timeout: float, max_entries: int = 100) -> None:
        self._timeout = timeout
        self._max_entries = max_entries
        self._entries: dict[str, tuple[float, T]] = {}
        _memos.add(self)  # type: ignore[arg-type]

    def get(self, key: str, make: Callable[[], T]) -> T:
        """The value kept under ``key``, or a new one from ``make`` (then kept)."""
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and entry[0] > now:
            return entry[1]
        value = make()
        if len(self._entries) >= self._max_entries:
            self._entries = {k: e for k, e in self._entries.items() if e[0] > now}
            if len(self._entries) >= self._max_entries:
                self._entries.clear()
        self._entries[key] = (now + self._timeout, value)
        return value

    def clear(self) -> None:
        self._entries.clear()


def memos_clear() -> None:
    """Forget every memo's values (between tests, as the caches are cleared)."""
    for memo in list(_memos):
        memo.clear()
