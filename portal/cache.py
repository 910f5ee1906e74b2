"""The Redis cache backend: Django's cache API over one `redis.Redis` client, built on public APIs only.

Django's own backend builds a new `redis.Redis` object for every cache call, and redis-py fills a table of some two
hundred response callbacks each time: a read of a present key took 85–140 µs with it against 32–50 µs with one
client kept (bench/cache_reads.py, figures in bench/README.md). A client is safe to share between threads, its
connections coming from its pool, so each backend instance keeps one, on a pool from
`redis.ConnectionPool.from_url(LOCATION, **OPTIONS)`; one server, no replicas. Values are stored as Django's backend
stores them (integers as such, so INCR works; anything else pickled), so either backend reads what the other wrote.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from typing import Any

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache


def _dumps(value: Any) -> int | bytes:
    # type() and not isinstance(): a bool is pickled, and read back as a bool.
    return value if type(value) is int else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> Any:
    try:
        return int(data)
    except ValueError:
        return pickle.loads(data)


class RedisCache(BaseCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        pool = redis.ConnectionPool.from_url(server, **params.get("OPTIONS", {}))
        self.client = redis.Redis(connection_pool=pool)

    def get_backend_timeout(self, timeout: float | None = DEFAULT_TIMEOUT) -> int | None:
        """Whole seconds; None keeps the key for good, and 0 or less deletes it (as Django's backend)."""
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else max(0, int(timeout))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout == 0:
            if added := bool(self.client.set(key, _dumps(value), nx=True)):
                self.client.delete(key)
            return added
        return bool(self.client.set(key, _dumps(value), ex=timeout, nx=True))

    def get(self, key, default=None, version=None) -> Any:
        value = self.client.get(self.make_and_validate_key(key, version=version))
        return default if value is None else _loads(value)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout == 0:
            self.client.delete(key)
        else:
            self.client.set(key, _dumps(value), ex=timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        return bool(self.client.persist(key) if timeout is None else self.client.expire(key, timeout))

    def delete(self, key, version=None) -> bool:
        return bool(self.client.delete(self.make_and_validate_key(key, version=version)))

    def get_many(self, keys: Iterable, version=None) -> dict:
        names = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not names:
            return {}
        values = self.client.mget(list(names))
        return {names[name]: _loads(value) for name, value in zip(names, values, strict=True) if value is not None}

    def has_key(self, key, version=None) -> bool:
        return bool(self.client.exists(self.make_and_validate_key(key, version=version)))

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        if not self.client.exists(key):
            raise ValueError(f"Key '{key}' not found.")
        return self.client.incr(key, delta)

    def set_many(self, data: dict, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        if not data:
            return []
        values = {self.make_and_validate_key(key, version=version): _dumps(value) for key, value in data.items()}
        timeout = self.get_backend_timeout(timeout)
        pipeline = self.client.pipeline()
        pipeline.mset(values)
        if timeout is not None:
            # MSET takes no expiry; a timeout of 0 expires the keys at once, as set() deletes them.
            for name in values:
                pipeline.expire(name, timeout)
        pipeline.execute()
        return []

    def delete_many(self, keys: Iterable, version=None) -> None:
        names = [self.make_and_validate_key(key, version=version) for key in keys]
        if names:
            self.client.delete(*names)

    def clear(self) -> bool:
        """Empties the whole Redis database of LOCATION, as Django's backend does."""
        return bool(self.client.flushdb())
