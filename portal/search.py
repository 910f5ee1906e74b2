"""One search box over the whole site: apps register search sources; `portal` only runs them.

Until the full-text search arrives (its own issue), each source does a simple
case-insensitive match that works on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    summary: str


@dataclass(frozen=True)
class SearchSource:
    key: str
    title: str
    # Called as search(query, user=..., limit=...) and returns at most `limit` hits.
    search: Callable[..., list[SearchHit]]
    order: int = 100


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    _sources[source.key] = source


def sources() -> list[SearchSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.key))
