"""A thread page's posts as HTML, each rendered once and then taken from the cache.

Rendering twenty posts is most of the cost of a member's thread page, and almost all of a post looks the same to
every member. So each post's `<article>` is kept in the cache under a digest of everything it shows (its text and
status, its counts, its author's name, the language and time zone) and of the few things that differ between
readers (their own post or not, marked helpful, editable, unread, whether they may quote). A changed post gets a
new key, so a stale fragment is never served and nothing has to be forgotten explicitly; unused ones expire.

The CSRF token is the one per-request part: fragments are rendered with a placeholder in the helpful form's hidden
input, replaced by the request's token when the page is put together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from community.models import Post

TEMPLATE = "community/includes/post.html"
FRAGMENT_TIMEOUT = 24 * 60 * 60
# What `{% csrf_token %}` prints in a fragment, replaced by the request's token. Members' text cannot produce it:
# the renderer drops <input> elements and escapes angle brackets.
CSRF_PLACEHOLDER = "csrf-token-placeholder"
CSRF_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}">'
# Bump when post.html changes, so fragments rendered by the old template are not used.
TEMPLATE_VERSION = "1"


def render_posts(request, posts: Iterable[Post], *, read_up_to: int = 0, can_quote: bool = False) -> SafeString:
    """The `<article>` of each post, in order, as seen by `request.user`.

    Each post may carry `can_edit` (from rules.editable_post_ids) and `marked_helpful` (annotated by the view).
    """
    posts = list(posts)
    if not posts:
        return mark_safe("")
    user = request.user
    viewers = [_viewer(post, user=user, read_up_to=read_up_to, can_quote=can_quote) for post in posts]
    keys = [_key(post, viewer) for post, viewer in zip(posts, viewers, strict=True)]
    found = cache.get_many(keys)
    missing = {}
    parts = []
    for post, viewer, key in zip(posts, viewers, keys, strict=True):
        html = found.get(key)
        if html is None:
            context = {"post": post, "viewer": viewer, "csrf_token": CSRF_PLACEHOLDER}
            html = missing[key] = render_to_string(TEMPLATE, context)
        parts.append(html)
    if missing:
        cache.set_many(missing, FRAGMENT_TIMEOUT)
    page = "".join(parts)
    if CSRF_INPUT in page:
        page = page.replace(CSRF_INPUT, CSRF_INPUT.replace(CSRF_PLACEHOLDER, get_token(request)))
    return mark_safe(page)  # fragments come from our template, which escapes what members wrote


def render_post(request, post: Post, **viewer) -> SafeString:
    """One post, e.g. a reply just posted, answered to the page's script."""
    return render_posts(request, [post], **viewer)


def _viewer(post: Post, *, user, read_up_to: int, can_quote: bool) -> dict[str, bool]:
    """What differs between readers of the same post; the template asks only these, never `user`."""
    signed_in = user.is_authenticated
    own = signed_in and post.author_id == user.pk
    return {
        "signed_in": signed_in,
        "own": own,
        "may_mark": signed_in and post.is_visible and not own,
        "marked": bool(getattr(post, "marked_helpful", False)),
        "may_quote": can_quote and post.is_visible,
        "may_edit": bool(getattr(post, "can_edit", False)),
        "unread": bool(read_up_to) and post.number > read_up_to,
    }


def _key(post: Post, viewer: dict[str, bool]) -> str:
    author = post.author.display_name if post.author_id else ""
    shown = (
        TEMPLATE_VERSION,
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
        *(name for name, value in sorted(viewer.items()) if value),
    )
    digest = hashlib.blake2b("\x1f".join(map(str, shown)).encode(), digest_size=16).hexdigest()
    return f"community:post:{post.pk}:{digest}"
