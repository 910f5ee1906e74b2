"""The Redis cache backend: Django's cache API over one kept `redis.Redis` client."""

from __future__ import annotations

import socket
from unittest import mock

import pytest
import redis
from django.core.cache.backends.redis import RedisCache as DjangosRedisCache

from portal.cache import RedisCache

LOCATION = "redis://127.0.0.1:6379/14"


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
    except OSError:
        return False
    return True


needs_redis = pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture
def cache():
    cache = RedisCache(LOCATION, {"KEY_PREFIX": "remedy-test"})
    yield cache
    cache.delete_many(["a", "b", "counter", "gone", "kept", "flag"])


@needs_redis
def test_it_builds_no_redis_client_per_call(cache):
    with mock.patch.object(redis, "Redis", side_effect=AssertionError("a client built for one call")):
        cache.set("a", "one", 30)
        assert cache.get("a") == "one"
        assert cache.get_many(["a"]) == {"a": "one"}


@needs_redis
def test_it_stores_and_reads_values_like_djangos_backend(cache):
    cache.set_many({"a": (1, b"page"), "b": "two"}, 30)
    assert cache.get_many(["a", "b", "missing"]) == {"a": (1, b"page"), "b": "two"}
    assert cache.add("counter", 1)
    assert not cache.add("counter", 5)
    assert cache.incr("counter") == 2 and cache.get("counter") == 2
    assert cache.decr("counter") == 1
    with pytest.raises(ValueError):
        cache.incr("missing")
    cache.set("flag", True, 30)
    assert cache.get("flag") is True


@needs_redis
def test_it_reads_what_djangos_backend_wrote_and_the_other_way_round(cache):
    djangos = DjangosRedisCache(LOCATION, {"KEY_PREFIX": "remedy-test"})
    djangos.set("a", {"page": b"<p>"}, 30)
    cache.set("b", 7, 30)
    assert cache.get("a") == {"page": b"<p>"}
    assert djangos.get("b") == 7 and djangos.incr("b") == 8


@needs_redis
def test_timeouts_mean_what_they_mean_in_django(cache):
    cache.set("gone", "x", 0)
    assert not cache.has_key("gone")
    cache.set("kept", "x", None)
    assert cache.client.ttl(cache.make_key("kept")) == -1  # no expiry
    assert cache.touch("kept", 30) and 0 < cache.client.ttl(cache.make_key("kept")) <= 30
    assert cache.delete("kept") and not cache.delete("kept")
    assert not cache.touch("kept", 30)
