"""Caches: ``default`` (also used for rate limits and markers between processes) is Redis when
``REDIS_URL`` is set, process memory otherwise; ``local`` is always this process's memory.

``local`` holds only what can never be stale: values whose key names the version of what
they were made from (a questionnaire version, a digest of a form's choices, a generation
read from ``default``). It saves the busiest public pages a round trip to Redis each.
"""

from __future__ import annotations

from config.env import env

REDIS_URL: str = env("REDIS_URL")

LOCAL_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "servicepuls-local",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "servicepuls",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        },
        "local": LOCAL_CACHE,
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "local": LOCAL_CACHE,
    }

# Whether every web and worker process sees the same cache (Redis). Markers that coordinate
# processes, such as the stories' analysis-sweep marker, are only used then.
CACHE_SHARED: bool = bool(REDIS_URL)
