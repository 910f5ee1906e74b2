"""The search sources of `community`: threads by title and posts by their text.

Only what a reader may see: visible posts in visible threads of listed forums (a forum whose condition is not
published is not listed), and members-only threads for signed-in members alone. Nothing waiting for a
moderator, hidden or removed ever appears — not even to its author, who finds it in the thread.
"""

from __future__ import annotations

from django.db.models import F, Func, OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from community.models import POSTS_PER_PAGE, Forum, Post, Thread, Visibility
from portal.search import (
    Highlighter,
    SearchHit,
    SearchResults,
    SearchSource,
    Terms,
    every_word_in,
    full_text,
    highlight_words,
    joined,
    one_page,
    rank,
    ts_query,
)


def readable_threads(user, *, prefix: str = "") -> Q:
    """Threads whose posts `user` may read in full, as a condition on a thread (prefix "thread__" for posts)."""
    condition = Q(**{f"{prefix}status": Visibility.VISIBLE, f"{prefix}forum__in": Forum.objects.listed()})
    if not user.is_authenticated:
        condition &= Q(**{f"{prefix}members_only": False})
    return condition


def search_threads(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
    readable = Thread.objects.filter(readable_threads(user))

    def thread_rows(ids):
        return (
            Thread.objects.filter(pk__in=ids)
            .select_related("forum", "first_post")
            .only(
                "title",
                "slug",
                "post_count",
                "members_only",
                "forum__slug",
                "forum__name",
                "first_post__body",
            )
        )

    if full_text():
        highlighter = Highlighter()
        matches = (
            readable.filter(search_document=ts_query(terms))
            .annotate(search_rank=rank(F("search_document"), terms))
            .order_by(F("search_rank").desc(), F("last_activity_at").desc(), "-pk")
        )
        rows, total = one_page(
            matches,
            offset=offset,
            limit=limit,
            # The opening post, with the query's words marked where it has them.
            rows=lambda ids: thread_rows(ids).annotate(
                snippet=highlighter.expression(F("first_post__body"), terms, words=25)
            ),
        )
        snippets = [highlighter.render(row.snippet) for row in rows]
    else:
        matches = readable.filter(every_word_in(terms, "title")).order_by("-last_activity_at", "-pk")
        rows, total = one_page(matches, offset=offset, limit=limit, rows=thread_rows)
        snippets = [highlight_words(row.first_post.body if row.first_post else "", terms.words) for row in rows]
    hits = [
        SearchHit(
            title=row.title,
            url=row.get_absolute_url(),
            snippet=snippet,
            detail=joined(
                [
                    row.forum.name,
                    ngettext("%(count)d reply", "%(count)d replies", row.reply_count) % {"count": row.reply_count},
                    _("members only") if row.members_only else "",
                ],
                " · ",
            ),
        )
        for row, snippet in zip(rows, snippets, strict=True)
    ]
    return SearchResults(hits, total)


def search_posts(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
    readable = Post.objects.visible().filter(readable_threads(user, prefix="thread__"))
    # Thread pages are made of 20 visible posts each: the page a post is on follows from the visible posts before it.
    # COUNT without GROUP BY, so the (thread, status, number) index answers it.
    before = Post.objects.filter(
        thread=OuterRef("thread_id"), status=Visibility.VISIBLE, number__lt=OuterRef("number")
    ).order_by()
    visible_before = Subquery(before.annotate(count=Func(F("pk"), function="COUNT")).values("count"))

    def post_rows(ids):
        return (
            Post.objects.filter(pk__in=ids)
            .select_related("thread__forum", "author")
            .only(
                "number",
                "body",
                "created_at",
                "thread__title",
                "thread__slug",
                "thread__forum__slug",
                "thread__forum__name",
                "author__display_name",
            )
            .annotate(visible_before=visible_before)
        )

    if full_text():
        highlighter = Highlighter()
        matches = (
            readable.filter(search_document=ts_query(terms))
            .annotate(search_rank=rank(F("search_document"), terms))
            .order_by(F("search_rank").desc(), F("created_at").desc(), "-pk")
        )
        rows, total = one_page(
            matches,
            offset=offset,
            limit=limit,
            rows=lambda ids: post_rows(ids).annotate(snippet=highlighter.expression(F("body"), terms)),
        )
        snippets = [highlighter.render(row.snippet) for row in rows]
    else:
        matches = readable.filter(every_word_in(terms, "body")).order_by("-created_at", "-pk")
        rows, total = one_page(matches, offset=offset, limit=limit, rows=post_rows)
        snippets = [highlight_words(row.body, terms.words) for row in rows]
    hits = [
        SearchHit(
            title=row.thread.title,
            url=_post_url(row),
            snippet=snippet,
            detail=joined(
                [
                    row.author.display_name if row.author else _("deleted member"),
                    row.thread.forum.name,
                    formats.date_format(timezone.localtime(row.created_at), "DATE_FORMAT"),
                ],
                " · ",
            ),
        )
        for row, snippet in zip(rows, snippets, strict=True)
    ]
    return SearchResults(hits, total)


def _post_url(post: Post) -> str:
    page = post.visible_before // POSTS_PER_PAGE + 1
    return f"{post.thread.get_absolute_url()}{f'?page={page}' if page > 1 else ''}#post-{post.number}"


def search_sources() -> list[SearchSource]:
    return [
        SearchSource("threads", gettext_lazy("Discussions"), search_threads, order=50),
        SearchSource("posts", gettext_lazy("Posts"), search_posts, order=60),
    ]
