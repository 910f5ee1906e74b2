"""Values kept per content generation: parts that are the same for every reader on pages that are not kept whole.

A search's results page is one reader's own, yet most of what it shows is not: the search form's choices, each
listing's card. Like a kept page (portal/shared_pages.py), such a value is stored in the cache with the generations
of the content it shows (portal/generations.py) and used while they are current, so a change shows on the very next
request. Keeping follows the pages' switch (`SHARED_PAGES`, a cache shared by every web process); off, every value is
computed each time.

Each process also holds the values it read last, with their generations: while those are current, a value costs
reading the generation counters, not fetching and unpickling it again (a search form's fields are 40 KB); and the
counters are read once a request (generations.already_read), so held values cost no round trip after the first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import get_language

from portal import generations, shared_pages

PREFIX = "kept:"
KEEP_SECONDS = shared_pages.KEEP_SECONDS
HELD_MOST = 5000  # values held per process (a listing's card is ~1 KB); past that the process starts afresh

_held: dict[str, tuple[tuple, Any]] = {}


def kept_values(
    keys: Iterable[str], *, scopes: Iterable[str], compute: Callable[[list[str]], dict[str, Any]]
) -> dict[str, Any]:
    """The value of every key: kept while the scopes' generations are current, else `compute(missing keys)` (a dict
    of their values), which is kept. One cache round trip when every value is kept."""
    keys = list(keys)
    if not shared_pages.enabled():
        return compute(keys)
    scopes = list(scopes)
    held = {key: _held[key] for key in keys if key in _held}
    unheld = [key for key in keys if key not in held]
    known = generations.already_read(scopes)
    wanted = [PREFIX + key for key in unheld] + ([] if known else generations.keys(scopes))
    try:
        found = cache.get_many(wanted) if wanted else {}
        current = known or generations.current(scopes, found=found)
    except generations.CACHE_ERRORS:
        return compute(keys)  # Redis is away: computed for this request, and not kept
    values, missing = {}, []
    for key in keys:
        stored = held.get(key) or found.get(PREFIX + key)
        if stored is not None and stored[0] == current:
            values[key] = stored[1]
            if key not in held:
                _hold(key, stored)
        else:
            missing.append(key)
    if missing:
        computed = compute(missing)
        with contextlib.suppress(*generations.CACHE_ERRORS):
            cache.set_many({PREFIX + key: (current, value) for key, value in computed.items()}, KEEP_SECONDS)
        for key, value in computed.items():
            _hold(key, (current, value))
        values.update(computed)
    return values


def kept_value(key: str, *, scopes: Iterable[str], compute: Callable[[], Any]) -> Any:
    """One value: kept while the scopes' generations are current, else `compute()`d and kept."""
    return kept_values([key], scopes=scopes, compute=lambda missing: {key: compute()})[key]


def kept_shell(
    request: HttpRequest, name: str, *, scopes: Iterable[str], template: str, context: dict[str, Any]
) -> shared_pages.Shell:
    """A page that is the same for every request to it but for its holes (a search's page around the search's own
    title and results), rendered once per language and kept while the scopes' generations are current. `context`
    puts holes (`shared_pages.hole`) where each request's own parts go; the view passes them to `respond()`."""

    def render_shell() -> shared_pages.Shell:
        response = render(request, template, context)
        return shared_pages.Shell(html=response.content, headers={"Content-Type": response["Content-Type"]}, meta={})

    return kept_value(f"{name}:{get_language()}", scopes=scopes, compute=render_shell)


def _hold(key: str, stored: tuple[tuple, Any]) -> None:
    if len(_held) >= HELD_MOST:
        _held.clear()
    _held[key] = stored
