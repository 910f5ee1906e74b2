"""Whole-page cache of the discussion pages for visitors, invalidated the moment what they show changes.

Visitors (not signed in) get the same page for the same address, so the
rendered HTML is kept in the cache under a key that includes generation
counters: one for the whole site's discussions, one per forum and one per
thread. Any change bumps the counters it touches (after the transaction
commits, so a concurrent request cannot store the old page under the new
generation), and the next request renders afresh. Members never get a
cached page: theirs carry read positions, unread counts and forms.

It needs a cache shared by every web process (Redis) to be correct across
processes, so it is on only when COMMUNITY_PAGE_CACHE is (by default: when
REDIS_URL is set).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

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


def _generations(keys: list[str]) -> dict[str, int]:
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        # Never store a page under "no generation": an evicted counter would bring old pages back to life.
        for key in missing:
            cache.add(key, _fresh_generation(), GENERATION_TIMEOUT)
        found = cache.get_many(keys)
    return found


def _visitor_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    # A page with a one-time message ("You were signed out") belongs to this visitor only.
    return not list(get_messages(request))


def cached_for_visitors(scope: Callable[..., tuple[str | None, int | None]]):
    """Serve a view's page to visitors from the cache; `scope(**view_kwargs)` names its (forum slug, thread id).

    A thread page depends on its thread, a forum page on its forum, the forum list (neither) on every forum.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not enabled() or not _visitor_request(request):
                return view(request, *args, **kwargs)
            forum_slug, thread_id = scope(**kwargs)
            if thread_id:
                keys = [SITE, _thread_key(thread_id)]
            elif forum_slug:
                keys = [SITE, _forum_key(forum_slug)]
            else:
                keys = [SITE, LISTS]
            generations = _generations(keys)
            signature = "|".join(
                [
                    request.get_full_path(),
                    getattr(request, "LANGUAGE_CODE", ""),
                    *(str(generations.get(k, 0)) for k in keys),
                ]
            )
            page_key = "community:page:" + hashlib.sha256(signature.encode()).hexdigest()
            stored = cache.get(page_key)
            if stored is not None:
                content, content_type = stored
                response = HttpResponse(content, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False):
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                cache.set(page_key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
                response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator


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
