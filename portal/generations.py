"""The site's content generations: one counter per kind of content, bumped when that content changes.

Everything kept because it is the same for every reader — a visitor's whole page, the member-independent body of a
member's page, an API answer — is stored with the generations of the content it shows, and used only while they
are still current. A change bumps the counters it touches once its transaction commits (a concurrent request can
then not store the old page under the new generation), so the very next request renders afresh. Nothing has to be
found and deleted, and a page is never stale.

Scopes are plain strings. The site-wide ones are the constants below; the narrow ones are built by the helpers
(a forum, a thread, one vote tally). `portal` knows no app: the apps name what they change.

A counter that is gone (expired, or evicted by Redis under memory pressure) comes back as a fresh value that no
stored page carries, never as "no generation": what was kept under it is rendered again, never served stale. A
bump the cache could not take (Redis away) is made again as soon as it answers.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
# What the cache raises when Redis does not answer.
CACHE_ERRORS = (RedisConnectionError, RedisTimeoutError)

PREFIX = "gen:"
# What is kept under generations lives at most this long (portal/shared_pages.py, portal/kept.py), and so do the
# counters: an address nobody reads again leaves nothing behind an hour later, even one that names no page (a
# crawler's made-up slug creates its counters, whose lifetime is all they cost). A counter that expires comes back as
# a fresh value, so what was kept under it is only rendered again, never served stale.
KEEP_SECONDS = 60 * 60
COUNTER_SECONDS = KEEP_SECONDS
# A scope names an object by what its address says (a slug): a longer name is stored by its digest.
LONGEST_KEY = 200

# Conditions, therapies, therapy-for-condition pages, references, acupoints, FAQ, reviewers: the knowledge base.
KNOWLEDGE = "knowledge"
# Published practitioner listings.
DIRECTORY = "directory"
# The survey's stored statistics (a refresh) and the survey's published definitions.
STATISTICS = "statistics"
# Any thread or post anywhere: lists across forums (the forum list, the home page, a condition's newest threads).
DISCUSSIONS = "discussions"
# Members' public names, the community rules: rare changes seen on many pages.
SITE = "site"


def forum(slug: str) -> str:
    return f"forum:{slug}"


def thread(thread_id: int) -> str:
    return f"thread:{thread_id}"


def today() -> str:
    """The date, as a scope: what a page shows because of the date alone (a review that has become overdue) is
    rendered afresh when the day changes, though no content changed. A new day's counter is simply a fresh one."""
    return f"day:{timezone.localdate().isoformat()}"


def tally(kind: str, object_id: int) -> str:
    """The votes on one therapy or therapy-for-condition page."""
    return f"votes:{kind}:{object_id}"


# Every kept page and answer shows at least one of these, so bumping them all makes everything out of date.
SITE_WIDE = (KNOWLEDGE, DIRECTORY, STATISTICS, DISCUSSIONS, SITE)


def bump_everything() -> None:
    """After a bulk load that sends no signals (the demo seed, a restored backup): nothing kept is current."""
    bump(*SITE_WIDE)


def bump(*scopes: str) -> None:
    """Make everything stored under these scopes out of date, once the current transaction commits."""
    names = keys(scope for scope in dict.fromkeys(scopes) if scope)
    if names:
        when_committed(lambda: _bump(names))


# After the commit, not before: a request between the bump and the commit would store the old content under the new
# generation. (Tests, which never commit, run it at once: tests/conftest.py.)
when_committed = transaction.on_commit


def _bump(keys: list[str]) -> None:
    forget_read()
    for key in keys:
        try:
            try:
                cache.incr(key)
            except ValueError:
                # Missing (never bumped, or evicted): any fresh value differs from what was stored before.
                cache.set(key, _fresh(), COUNTER_SECONDS)
        except CACHE_ERRORS as error:
            # The cache is away: remember the bump and make it as soon as it answers again (`current` tries first),
            # so that no page kept before the change is served once it is back.
            log.error("generations: could not bump %s (%s); retrying when the cache answers", key, error)
            _pending.add(key)


_pending: set[str] = set()


def _retry_pending() -> None:
    for key in list(_pending):
        _pending.discard(key)
        _bump([key])


def _fresh() -> int:
    return time.time_ns()


def keys(scopes: Iterable[str]) -> list[str]:
    return [_key(scope) for scope in scopes]


def _key(scope: str) -> str:
    if len(scope) <= LONGEST_KEY:
        return PREFIX + scope
    return f"{PREFIX}{scope[:40]}~{hashlib.blake2b(scope.encode(), digest_size=16).hexdigest()}"


def current(scopes: Iterable[str], *, found: dict | None = None) -> tuple:
    """The scopes' generations now; `found` is what a caller's own `get_many` already read of their keys.

    A missing counter is created first: storing something under "no generation" would let an evicted counter
    bring it back to life.
    """
    if _pending:
        _retry_pending()
    names = keys(scopes)
    if found is None:
        found = cache.get_many(names)
    values = [found.get(name) for name in names]
    if None in values:
        for name, value in zip(names, values, strict=True):
            if value is None:
                cache.add(name, _fresh(), COUNTER_SECONDS)
        found = cache.get_many(names)
        values = [found.get(name) for name in names]
    read = _read.get()
    if read is not None:
        read.update(zip(names, values, strict=True))
    return tuple(values)


# --- Read once a request ----------------------------------------------------------------------------------------------

# The counters read so far by the request being answered: a page that keeps several parts (a search's form, its
# cards, the page around them) reads the generations from Redis once, not once a part. Only between request_started
# and request_finished (portal/apps.py), so a task or command always reads them afresh; forgotten at a bump, so the
# rest of a request that changed something sees the change too. A request that began before a bump may finish with
# what was current when it began, as if it had read everything at once; the next request reads the new counters.
_read: ContextVar[dict[str, int] | None] = ContextVar("generations_read", default=None)


def already_read(scopes: Iterable[str]) -> tuple | None:
    """The scopes' generations when this request has read them all already, else None."""
    read = _read.get()
    if read is None:
        return None
    try:
        return tuple(read[name] for name in keys(scopes))
    except KeyError:
        return None


def start_request(**kwargs) -> None:
    _read.set({})


def end_request(**kwargs) -> None:
    _read.set(None)


def forget_read() -> None:
    read = _read.get()
    if read is not None:
        read.clear()
