"""A thread page's posts as HTML, each rendered once and then taken from the cache.

A post's `<article>` looks the same to every reader: what differs (the helpful button and whether this member
marked it, quote, edit and report links, the unread mark) is in holes that community/holes.py fills per request.
So each article is kept under a digest of everything it shows (its text and status, its counts, its author's name,
the language and time zone); a changed post gets a new key, so a stale fragment is never served and nothing has to
be forgotten explicitly. Only a post that is not visible — which its author and the moderators alone see — says
"only you can see it" to its author, so its fragment depends on whether the reader wrote it.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from community.models import Post
from portal import generations

TEMPLATE = "community/includes/post.html"
FRAGMENT_TIMEOUT = 24 * 60 * 60


def render_posts(posts: Iterable[Post], *, reader_id: int | None = None) -> SafeString:
    """The `<article>` of each post, in order, with its holes (the page fills them). `reader_id`: who reads, for
    the posts that are not visible (their own or not)."""
    posts = list(posts)
    if not posts:
        return mark_safe("")
    owns = [not post.is_visible and reader_id is not None and post.author_id == reader_id for post in posts]
    keys = [_key(post, own) for post, own in zip(posts, owns, strict=True)]
    try:
        found = cache.get_many(keys)
    except generations.CACHE_ERRORS:
        found = {}  # Redis is away: every post is rendered
    missing = {}
    parts = []
    for post, own, key in zip(posts, owns, keys, strict=True):
        html = found.get(key)
        if html is None:
            html = missing[key] = render_to_string(TEMPLATE, {"post": post, "own": own})
        parts.append(html)
    if missing:
        with contextlib.suppress(*generations.CACHE_ERRORS):
            cache.set_many(missing, FRAGMENT_TIMEOUT)
    return mark_safe("".join(parts))  # fragments come from our template, which escapes what members wrote


def _key(post: Post, own: bool) -> str:
    author = post.author.display_name if post.author_id else ""
    shown = (
        _template_digest(),
        post.pk,
        post.number,
        post.status,
        post.moderation_reason,
        post.helpful_count,
        post.author_id,
        author,
        post.created_at.isoformat(),
        post.edited_at.isoformat() if post.edited_at else "",
        post.body_html,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        own,
    )
    digest = hashlib.blake2b("\x1f".join(map(str, shown)).encode(), digest_size=16).hexdigest()
    return f"community:post:{post.pk}:{digest}"


_TEMPLATE_DIGEST: str | None = None


def _template_digest() -> str:
    """The template's own text, so fragments rendered by an older version of it are never used."""
    global _TEMPLATE_DIGEST
    if _TEMPLATE_DIGEST is None:
        from django.template import engines

        source = engines["django"].engine.find_template(TEMPLATE)[0].source
        _TEMPLATE_DIGEST = hashlib.blake2b(source.encode(), digest_size=8).hexdigest()
    return _TEMPLATE_DIGEST
