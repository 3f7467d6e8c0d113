"""Fixed-window counters in the shared cache, for the rate limits of the public pages.

With Redis each count is one round trip: a small script increments the counter and, when
it has just been created, sets its expiry, atomically. Other caches (process memory in
embedded mode) take Django's ``add`` and ``incr``.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import BaseCache, cache

# INCR creates a missing key at 1; only then does the window's expiry start.
_INCREMENT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return count
"""

_script: Any = None


def counter_hit(key: str, *, timeout: int, using: BaseCache | None = None) -> int:
    """Add one to the counter ``key`` and return its new value.

    A new counter lives ``timeout`` seconds from its first hit; later hits do not extend it.
    """
    store = using if using is not None else cache
    client = _redis_client(store)
    if client is not None:
        script = _increment_script(client)
        return int(script(keys=[store.make_key(key)], args=[timeout], client=client))
    store.add(key, 0, timeout=timeout)
    try:
        return int(store.incr(key))
    except ValueError:  # expired between add and incr
        store.set(key, 1, timeout=timeout)
        return 1


def _redis_client(store: BaseCache) -> Any:
    """The Redis connection behind ``store``, or None when it is not a django-redis cache."""
    client = getattr(store, "client", None)
    get_client = getattr(client, "get_client", None)
    if get_client is None:
        return None
    return get_client(write=True)


def _increment_script(client: Any) -> Any:
    # The script runs by its digest (EVALSHA); redis-py loads it again should the server
    # have forgotten it (after a restart, say).
    global _script  # made once per process, on first use
    if _script is None:
        _script = client.register_script(_INCREMENT)
    return _script
