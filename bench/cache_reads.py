"""Times 20,000 reads of a present key through Django's stock Redis backend and through portal.cache.RedisCache.

.venv/bin/python bench/cache_reads.py          # Redis at REDIS_URL, else redis://127.0.0.1:6379/15
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import django
from django.conf import settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
LOCATION = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
BACKENDS = {"django's": "django.core.cache.backends.redis.RedisCache", "portal's": "portal.cache.RedisCache"}
READS = 20_000
ROUNDS = 5

settings.configure(
    CACHES={
        name: {"BACKEND": backend, "LOCATION": LOCATION, "KEY_PREFIX": f"bench-cache-reads-{index}"}
        for index, (name, backend) in enumerate(BACKENDS.items())
    }
)
django.setup()
from django.core.cache import caches  # noqa: E402

timings: dict[str, list[float]] = {name: [] for name in BACKENDS}
for _ in range(ROUNDS):
    for name in BACKENDS:
        cache = caches[name]
        cache.set("key", {"a": 1, "b": "x" * 100}, 300)
        for _ in range(500):
            cache.get("key")
        start = time.perf_counter()
        for _ in range(READS):
            cache.get("key")
        timings[name].append(time.perf_counter() - start)
for name, seconds in timings.items():
    caches[name].delete("key")
    rounds = " ".join(f"{s:.2f}s" for s in seconds)
    sys.stdout.write(f"{name:9} best {min(seconds) / READS * 1e6:6.1f} µs a read, rounds {rounds}\n")
