"""The Redis cache backend: Django's, with one client kept per connection pool."""

from __future__ import annotations

import socket

import pytest

from portal.cache import RedisCache

LOCATION = "redis://127.0.0.1:6379/14"


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
    except OSError:
        return False
    return True


def test_it_hands_out_the_same_client_for_every_call():
    cache = RedisCache(LOCATION, {})
    assert cache._cache.get_client() is cache._cache.get_client()
    assert cache._cache.get_client(write=True) is cache._cache.get_client("any key", write=True)


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_it_stores_and_reads_values_like_djangos_backend():
    cache = RedisCache(LOCATION, {"KEY_PREFIX": "remedy-test"})
    try:
        cache.set_many({"a": (1, b"page"), "b": "two"}, 30)
        assert cache.get_many(["a", "b", "missing"]) == {"a": (1, b"page"), "b": "two"}
        assert cache.add("counter", 1)
        assert cache.incr("counter") == 2 and cache.get("counter") == 2
    finally:
        cache.delete_many(["a", "b", "counter"])
