"""Cache (also used for rate limits): Redis when ``REDIS_URL`` is set, process memory otherwise."""

from __future__ import annotations

from config.env import env

REDIS_URL: str = env("REDIS_URL")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "servicepuls",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whether every web and worker process sees the same cache (Redis). Markers that coordinate
# processes, such as the stories' analysis-sweep marker, are only used then.
CACHE_SHARED: bool = bool(REDIS_URL)
