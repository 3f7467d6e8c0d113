"""The rate limits' counters, in process memory and in a real Redis."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import BaseCache
from django.core.cache.backends.locmem import LocMemCache

from servicepuls.common.counters import counter_hit

# CI (``.ci/run``) starts Redis and sets REDIS_URL: there a missing Redis is a failure. A
# developer's machine without REDIS_URL skips the Redis half, saying so.
REDIS_REQUIRED = bool(os.environ.get("REDIS_URL"))
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


@pytest.fixture
def memory() -> BaseCache:
    return LocMemCache(f"counters-{secrets.token_hex(4)}", {})


@pytest.fixture
def redis_cache() -> Iterator[BaseCache]:
    from django_redis.cache import RedisCache

    store = RedisCache(REDIS_URL, {"KEY_PREFIX": f"counters-test-{secrets.token_hex(4)}"})
    client = store.client.get_client(write=True)
    try:
        client.ping()
    except Exception as error:  # any failure to connect means no Redis here
        if REDIS_REQUIRED:
            pytest.fail(f"REDIS_URL is set but {REDIS_URL} does not answer: {error}")
        pytest.skip(f"REDIS_URL is not set and no Redis answers at {REDIS_URL}: {error}")
    yield store
    for key in client.scan_iter(match=f"{store.key_prefix}:*"):
        client.delete(key)


@pytest.mark.parametrize("store_name", ["memory", "redis_cache"])
def test_counts_each_hit_per_key(store_name: str, request: pytest.FixtureRequest) -> None:
    store = request.getfixturevalue(store_name)

    first = [counter_hit("a", timeout=60, using=store) for _ in range(3)]
    other = counter_hit("b", timeout=60, using=store)

    assert first == [1, 2, 3]
    assert other == 1
    assert store.get("a") == 3  # the counter is an ordinary cache value too


@pytest.mark.parametrize("store_name", ["memory", "redis_cache"])
def test_a_window_ends_after_its_timeout_and_starts_again(
    store_name: str, request: pytest.FixtureRequest
) -> None:
    store = request.getfixturevalue(store_name)
    counter_hit("window", timeout=1, using=store)
    counter_hit("window", timeout=1, using=store)

    time.sleep(1.2)

    assert counter_hit("window", timeout=1, using=store) == 1


def test_in_redis_later_hits_do_not_extend_the_window(redis_cache: BaseCache) -> None:
    client = redis_cache.client.get_client(write=True)  # type: ignore[attr-defined]
    key = redis_cache.make_key("fixed")
    counter_hit("fixed", timeout=100, using=redis_cache)
    client.expire(key, 5)  # as if 95 seconds had passed

    counter_hit("fixed", timeout=100, using=redis_cache)

    assert 0 < client.ttl(key) <= 5


def test_in_redis_concurrent_hits_are_all_counted(redis_cache: BaseCache) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(
            pool.map(lambda _: counter_hit("busy", timeout=60, using=redis_cache), range(200))
        )

    assert sorted(counts) == list(range(1, 201))


def test_in_redis_the_script_survives_a_server_that_forgot_it(redis_cache: BaseCache) -> None:
    client = redis_cache.client.get_client(write=True)  # type: ignore[attr-defined]
    counter_hit("flushed", timeout=60, using=redis_cache)
    client.script_flush()

    assert counter_hit("flushed", timeout=60, using=redis_cache) == 2
