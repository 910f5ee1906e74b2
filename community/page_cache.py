"""Whole-page cache of the discussion pages for visitors, invalidated the moment what they show changes.

Visitors (not signed in) get the same page for the same address, so the
rendered response is kept in the cache with the generation counters it was
rendered under: one for the whole site's discussions, one per forum and one
per thread. Any change bumps the counters it touches (after the transaction
commits, so a concurrent request cannot store the old page under the new
generation), and the next request, finding other counters, renders afresh. Members never get a
cached page: theirs carry read positions, unread counts and forms.

It needs a cache shared by every web process (Redis) to be correct across
processes, so it is on only when COMMUNITY_PAGE_CACHE is (by default: when
REDIS_URL is set).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation

PAGE_TIMEOUT = 60 * 60
GENERATION_TIMEOUT = None  # generations must outlive every page stored under them
SITE = "community:gen:site"  # names of members, conditions, therapies: rare changes seen on every page
LISTS = "community:gen:lists"  # the forum list: any thread or post anywhere


def _forum_key(forum: str) -> str:
    return f"community:gen:forum:{forum}"


def _thread_key(thread_id: int) -> str:
    return f"community:gen:thread:{thread_id}"


def enabled() -> bool:
    return getattr(settings, "COMMUNITY_PAGE_CACHE", False)


def changed(*, thread_ids=(), forum_slugs=(), everything: bool = False) -> None:
    """Forget the pages that show these threads and forums (and the forum list) once this commits."""
    keys = (
        [SITE] if everything else [LISTS, *(_forum_key(s) for s in forum_slugs), *(_thread_key(t) for t in thread_ids)]
    )
    transaction.on_commit(lambda: _bump(keys))


def _bump(keys: list[str]) -> None:
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:
            # Missing (never bumped, or evicted): any fresh value differs from what pages were stored under.
            cache.set(key, _fresh_generation(), GENERATION_TIMEOUT)


def _fresh_generation() -> int:
    return time.time_ns()


def _initialised(keys: list[str]) -> tuple:
    # Never store a page under "no generation": an evicted counter would bring old pages back to life.
    for key in keys:
        cache.add(key, _fresh_generation(), GENERATION_TIMEOUT)
    found = cache.get_many(keys)
    return tuple(found.get(key) for key in keys)


def cached_for_visitors(scope: Callable[..., tuple[str | None, int | None]]):
    """Mark a view whose page PageCacheMiddleware may keep for visitors; `scope(**view_kwargs)` names the
    (forum slug, thread id) the page shows.

    A thread page depends on its thread, a forum page on its forum, the forum list (neither) on every forum.
    """

    def decorator(view):
        view.page_cache_scope = scope
        return view

    return decorator


class PageCacheMiddleware:
    """Answers a visitor's request for a cached discussion page before the rest of the stack runs.

    It sits just below SecurityMiddleware and WhiteNoise, so a hit costs one cache round trip (the page and its
    generation counters in one MGET) and none of the session, auth or template work. The stored response carries
    the headers the inner middleware set (CSP, Vary, X-Frame-Options); SecurityMiddleware adds its own each time.
    Anyone with a session cookie, or a one-time message waiting, goes through the whole stack and is never cached:
    members' pages carry their own read positions, counts and forms.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        keys = self._keys(request) if enabled() else None
        if keys is None:
            return self.get_response(request)
        page_key, generation_keys = keys
        found = cache.get_many([page_key, *generation_keys])
        generations = tuple(found.get(key) for key in generation_keys)
        stored = found.get(page_key)
        if None in generations:
            generations = _initialised(generation_keys)
        elif stored is not None and stored[0] == generations:
            _generations, content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            cache.set(page_key, (generations, response.content, dict(response.items())), PAGE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _keys(request: HttpRequest) -> tuple[str, list[str]] | None:
        if request.method not in ("GET", "HEAD"):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES:
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        scope = getattr(match.func, "page_cache_scope", None)
        if scope is None:
            return None
        forum_slug, thread_id = scope(**match.kwargs)
        if thread_id:
            generation_keys = [SITE, _thread_key(thread_id)]
        elif forum_slug:
            generation_keys = [SITE, _forum_key(forum_slug)]
        else:
            generation_keys = [SITE, LISTS]
        signature = f"{request.get_full_path()}|{translation.get_language_from_request(request)}"
        return "community:page:" + hashlib.sha256(signature.encode()).hexdigest(), generation_keys

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not request.user.is_authenticated
        )


# --- What changes a page ---------------------------------------------------------------------------------------------


def connect() -> None:
    """Bump generations when a row a discussion page shows is saved or deleted (actions that update rows
    in bulk call `changed` themselves)."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save

    from community.models import Forum, HelpfulMark, Post, Thread
    from therapies.models import Condition, Therapy

    for model, handler in (
        (Post, _post_changed),
        (HelpfulMark, _helpful_changed),
        (Thread, _thread_changed),
        (Forum, _forum_changed),
        (Condition, _everything_changed),
        (Therapy, _everything_changed),
        (get_user_model(), _member_changed),
    ):
        post_save.connect(handler, sender=model, dispatch_uid=f"page_cache.save.{model.__name__}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"page_cache.delete.{model.__name__}")


def _post_changed(sender, instance, **kwargs) -> None:
    from community.models import Thread

    forum_slug = Thread.objects.filter(pk=instance.thread_id).values_list("forum__slug", flat=True).first()
    changed(thread_ids=[instance.thread_id], forum_slugs=[forum_slug] if forum_slug else [])


def _helpful_changed(sender, instance, **kwargs) -> None:
    from community.models import Post

    thread_id = Post.objects.filter(pk=instance.post_id).values_list("thread_id", flat=True).first()
    if thread_id:
        changed(thread_ids=[thread_id])


def _thread_changed(sender, instance, **kwargs) -> None:
    from community.models import Forum

    forum_slug = Forum.objects.filter(pk=instance.forum_id).values_list("slug", flat=True).first()
    changed(thread_ids=[instance.pk], forum_slugs=[forum_slug] if forum_slug else [])


def _forum_changed(sender, instance, **kwargs) -> None:
    changed(forum_slugs=[instance.slug])


def _everything_changed(sender, instance, **kwargs) -> None:
    changed(everything=True)


def _member_changed(sender, instance, update_fields=None, **kwargs) -> None:
    # Logging in saves last_login: that changes no page. A new display name, or a deleted member, does.
    if update_fields is not None and "display_name" not in update_fields and "is_active" not in update_fields:
        return
    changed(everything=True)
