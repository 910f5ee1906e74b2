"""The search sources of `community`: threads by title and posts by their text.

Only what a reader may see: visible posts in visible threads of listed forums (a forum whose condition is not
published is not listed), and members-only threads for signed-in members alone. Nothing waiting for a
moderator, hidden or removed ever appears — not even to its author, who finds it in the thread.

On PostgreSQL each kind is one statement (portal.search.ranked_page) that reads at most the 1,001 newest matches:
for a common word PostgreSQL walks the (status, date) index from the newest and stops there, for a rare one it
takes the few matches from the GIN index. Words that are common and come together ("restless legs") fool the planner,
which takes them to be independent: their posts are first looked for among the newest (`recent_posts_since`). The
reading rules are written in SQL there (`readable_threads_sql`, and
its complement `unreadable_threads_sql` for posts), beside `Thread.objects.readable_by` for the ORM; the tests hold
them to the same answers. Elsewhere every word is matched.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import F, Func, OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from community.models import Forum, Post, Thread, Visibility
from portal import search as portal_search
from portal.search import (
    NEWEST_RANKED,
    QUERY,
    SearchHit,
    SearchResults,
    SearchSource,
    Terms,
    every_word_in,
    full_text,
    highlight_words,
    joined,
    loaded,
    one_page,
    ranked_page,
)
from therapies.models import Status

# The parameters of `readable_threads_sql` and `unreadable_threads_sql`.
STATUSES = {
    "visible": Visibility.VISIBLE.value,
    "unseen": [status.value for status in Visibility if status != Visibility.VISIBLE],
    "published": Status.PUBLISHED.value,
}
# A thread's snippet is shorter than a post's: its title says most.
THREAD_SNIPPET_CHARACTERS = 160


def readable_threads_sql(user) -> str:
    """`Thread.objects.readable_by(user)` in SQL, on a thread aliased `t`, with the parameters of STATUSES."""
    members_only = "" if user.is_authenticated else "AND NOT t.members_only"
    # The listed forums (Forum.objects.listed()): general ones, and those of published conditions. A handful, read
    # once into an array: planned apart, this costs half of what a semi-join costs to plan.
    return f"""t.status = %(visible)s {members_only}
        AND t.forum_id = ANY(ARRAY(
            SELECT f.id FROM community_forum f LEFT JOIN therapies_condition c ON c.id = f.condition_id
            WHERE f.condition_id IS NULL OR c.status = %(published)s
        ))"""


def unreadable_threads_sql(user) -> str:
    """The threads whose posts `user` may not read — the complement of `Thread.objects.readable_by(user)` — with the
    parameters of STATUSES. They are few and each part is on an index (status, the members-only partial index,
    forum), so the posts are checked against a small hashed list instead of joining the thread of every match."""
    members_only = "" if user.is_authenticated else "UNION ALL SELECT t.id FROM community_thread t WHERE t.members_only"
    return f"""
        SELECT t.id FROM community_thread t WHERE t.status = ANY(%(unseen)s)
        {members_only}
        UNION ALL
        SELECT t.id FROM community_thread t WHERE t.forum_id IN (
            SELECT f.id FROM community_forum f JOIN therapies_condition c ON c.id = f.condition_id
            WHERE c.status <> %(published)s
        )"""


def search_threads(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
    if not full_text():
        return _threads_with_every_word(terms, user=user, offset=offset, limit=limit)
    page = ranked_page(
        terms=terms,
        matches=f"""
            SELECT t.id, t.last_activity_at, t.search_document AS document, t.title, t.slug, t.post_count,
                t.members_only, t.forum_id, t.first_post_id
            FROM community_thread t
            WHERE t.search_document @@ {QUERY} AND {readable_threads_sql(user)}""",
        kept="last_activity_at DESC, id DESC",
        ranked=f"ts_rank(document, {QUERY}) DESC, last_activity_at DESC, id DESC",
        # The snippet is from the opening post, with the query's words marked where it has them. Single rows are
        # looked up in subqueries, which cost less to plan than joins.
        shown="""
            SELECT position, id, title, slug, post_count, members_only, forum_id,
                (SELECT f.slug FROM community_forum f WHERE f.id = page.forum_id) AS forum_slug,
                (SELECT f.name FROM community_forum f WHERE f.id = page.forum_id) AS forum_name,
                (SELECT opening.body FROM community_post opening WHERE opening.id = page.first_post_id) AS opening_body
            FROM page""",
        params=STATUSES,
        offset=offset,
        limit=limit,
    )
    hits = [
        _thread_hit(
            _thread(row, post_count=row["post_count"], members_only=row["members_only"]),
            highlight_words(row["opening_body"] or "", page.words, length=THREAD_SNIPPET_CHARACTERS),
        )
        for row in page.rows
    ]
    return SearchResults(hits, page.total, page.capped)


def _threads_with_every_word(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
    matches = (
        Thread.objects.readable_by(user).filter(every_word_in(terms, "title")).order_by("-last_activity_at", "-pk")
    )
    rows, total = one_page(
        matches,
        offset=offset,
        limit=limit,
        rows=lambda ids: (
            Thread.objects.filter(pk__in=ids)
            .select_related("forum", "first_post")
            .only("title", "slug", "post_count", "members_only", "forum__slug", "forum__name", "first_post__body")
        ),
    )
    hits = [
        _thread_hit(
            row,
            highlight_words(
                row.first_post.body if row.first_post else "", terms.words, length=THREAD_SNIPPET_CHARACTERS
            ),
        )
        for row in rows
    ]
    return SearchResults(hits, total)


def _thread(row: dict, **fields) -> Thread:
    """The thread of a result row, with what its link and line need."""
    thread = loaded(Thread, id=row["id"], title=row["title"], slug=row["slug"], forum_id=row["forum_id"], **fields)
    thread.forum = loaded(Forum, id=row["forum_id"], slug=row["forum_slug"], name=row["forum_name"])
    return thread


def _thread_hit(thread: Thread, snippet) -> SearchHit:
    replies = ngettext("%(count)d reply", "%(count)d replies", thread.reply_count) % {"count": thread.reply_count}
    return SearchHit(
        title=thread.title,
        url=thread.get_absolute_url(),
        snippet=snippet,
        detail=joined([thread.forum.name, replies, _("members only") if thread.members_only else ""], " · "),
    )


def search_posts(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
    if not full_text():
        return _posts_with_every_word(terms, user=user, offset=offset, limit=limit)
    since = recent_posts_since(terms)
    matches = f"""
        SELECT p.id, p.created_at, p.search_document AS document
        FROM community_post p
        WHERE p.search_document @@ {QUERY} AND p.status = %(visible)s
            AND p.thread_id NOT IN ({unreadable_threads_sql(user)})"""
    page = ranked_page(
        terms=terms,
        matches=matches,
        # The posts since `since`: PostgreSQL crosses the words' entries of the word index with the dates' entries of
        # the (status, date) index and reads only the posts in both.
        within=None if since is None else f"{matches} AND p.created_at >= %(since)s",
        kept="created_at DESC, id DESC",
        ranked=f"ts_rank(document, {QUERY}) DESC, created_at DESC, id DESC",
        # Thread pages are made of 20 visible posts each: the page a post is on follows from the visible posts
        # before it, counted on the (thread, status, number) index. Single rows are looked up in subqueries, which
        # cost less to plan than joins.
        shown="""
            SELECT page.position, page.created_at, p.number, p.body,
                t.id AS thread_id, t.title, t.slug, t.forum_id,
                (SELECT f.slug FROM community_forum f WHERE f.id = t.forum_id) AS forum_slug,
                (SELECT f.name FROM community_forum f WHERE f.id = t.forum_id) AS forum_name,
                (SELECT author.display_name FROM portal_user author WHERE author.id = p.author_id) AS author_name,
                (
                    SELECT count(*) FROM community_post earlier
                    WHERE earlier.thread_id = p.thread_id AND earlier.status = %(visible)s AND earlier.number < p.number
                ) AS visible_before
            FROM page JOIN community_post p ON p.id = page.id JOIN community_thread t ON t.id = p.thread_id""",
        params={**STATUSES, "since": since},
        offset=offset,
        limit=limit,
    )
    hits = [
        _post_hit(
            thread=_thread({**row, "id": row["thread_id"]}),
            number=row["number"],
            visible_before=row["visible_before"],
            author_name=row["author_name"],
            forum_name=row["forum_name"],
            created_at=row["created_at"],
            snippet=highlight_words(row["body"], page.words),
        )
        for row in page.rows
    ]
    return SearchResults(hits, page.total, page.capped)


# --- Words that come together --------------------------------------------------------------------------------------
#
# PostgreSQL multiplies the frequencies of a query's words: "restless" is in 17 % of the bench's posts and "legs" in
# 8 %, so it expects 1,400 posts with both where there are 8,300, and fetches them all from the word index to keep
# the newest 1,001 (9–14 ms). The frequencies it keeps (pg_stats, read every few minutes with the dates that mark off
# the newest posts: planner statistics, never results) say when every word of a plain query is so common that, were
# the words always together, the newest posts would hold the 1,001 newest matches twice over. Then those posts are
# searched first, crossing the word index with the date index (`ranked_page`'s `within`), and all the others only
# when too few of them match: the same rows either way. Common words that seldom come together ("legs week") pay for
# that first look (some 2 ms on the bench) before the usual one.

# The dates that mark off the newest visible posts: every RECENT_STEP-th, up to RECENT_STEP * RECENT_STEPS.
RECENT_STEP = 5_000
RECENT_STEPS = 8
# Searched first when they would hold this many times the matches a kind keeps, were the words always together.
RECENT_MARGIN = 2
# ... unless the planner, multiplying the frequencies, already expects so many matches that it walks the newest posts
# itself: it does for one word in 8 % of the posts ("legs"), not for 2.8 % ("night restless", 17 % each).
PLANNER_WALKS = 0.05
# How long the statistics are used before they are read again (ANALYZE refreshes them as the posts grow).
STATISTICS_SECONDS = 300
# A plain query: words of letters, all of which must be there (no quotes, no "-word"; "or" is checked apart).
_PLAIN_QUERY = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)+")
# What the English stemmer most often takes off a word, and what it leaves ("therapies" is 'therapi').
_ENDINGS = (("ies", "i"), ("es", ""), ("s", ""), ("y", "i"), ("ing", ""), ("ed", ""), ("e", ""), ("ly", ""))


@dataclass(frozen=True)
class PostStatistics:
    # The share of all posts with each of the commonest words (lexemes, as stemmed), from ANALYZE.
    frequencies: dict[str, float]
    # (n, the date of the n-th newest visible post), n growing.
    newest: list[tuple[int, datetime]]
    read_at: float


_statistics: PostStatistics | None = None


def post_statistics() -> PostStatistics:
    """The planner's statistics of the posts' words and the dates of the newest posts, read once every
    STATISTICS_SECONDS per process, in one statement."""
    global _statistics
    if _statistics is None or time.monotonic() - _statistics.read_at > STATISTICS_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT
                    (SELECT s.most_common_elems::text::text[] FROM pg_stats s
                     WHERE s.schemaname = current_schema() AND s.tablename = 'community_post'
                        AND s.attname = 'search_document'),
                    (SELECT s.most_common_elem_freqs FROM pg_stats s
                     WHERE s.schemaname = current_schema() AND s.tablename = 'community_post'
                        AND s.attname = 'search_document'),
                    ARRAY(
                        SELECT newest.created_at FROM (
                            SELECT p.created_at, row_number() OVER (ORDER BY p.created_at DESC) AS n
                            FROM community_post p WHERE p.status = %(visible)s
                            ORDER BY p.created_at DESC LIMIT %(last)s
                        ) AS newest
                        WHERE mod(newest.n, %(step)s) = 0 ORDER BY newest.n
                    )""",
                {"visible": Visibility.VISIBLE.value, "step": RECENT_STEP, "last": RECENT_STEP * RECENT_STEPS},
            )
            lexemes, frequencies, newest = cursor.fetchone()
        _statistics = PostStatistics(
            # most_common_elem_freqs ends with three more numbers (the least and greatest frequency, and nulls').
            frequencies=dict(zip(lexemes or [], frequencies or [], strict=False)),
            newest=[(RECENT_STEP * (index + 1), date) for index, date in enumerate(newest)],
            read_at=time.monotonic(),
        )
    return _statistics


def forget_post_statistics() -> None:
    global _statistics
    _statistics = None


def recent_posts_since(terms: Terms) -> datetime | None:
    """The date from which the posts are searched first for `terms` (see above), or None to search them all at once:
    for a query of one word (the planner knows its frequency), an unusual one ("or", a phrase, "-word"), one with a
    word that is not among the commonest, and one whose words the planner already expects in many posts."""
    words = terms.text.casefold().split(" ")
    if not _PLAIN_QUERY.fullmatch(terms.text) or "or" in words:
        return None
    statistics = post_statistics()
    frequencies = [_frequency(word, statistics.frequencies) for word in words]
    if None in frequencies or math.prod(frequencies) >= PLANNER_WALKS:
        return None
    posts = RECENT_MARGIN * (portal_search.MAX_RANKED + 1) / min(frequencies)
    return next((date for n, date in statistics.newest if n >= posts), None)


def _frequency(word: str, frequencies: dict[str, float]) -> float | None:
    """The frequency of the lexeme `word` most likely stems to. A wrong guess costs time, never results."""
    stems = [word] + [
        word[: -len(ending)] + rest
        for ending, rest in _ENDINGS
        if word.endswith(ending) and len(word) > len(ending) + 2
    ]
    return next((frequencies[stem] for stem in stems if stem in frequencies), None)


def _posts_with_every_word(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
    readable = Post.objects.readable_by(user)
    before = Post.objects.filter(
        thread=OuterRef("thread_id"), status=Visibility.VISIBLE, number__lt=OuterRef("number")
    ).order_by()
    visible_before = Subquery(before.annotate(count=Func(F("pk"), function="COUNT")).values("count"))
    rows, total = one_page(
        readable.filter(every_word_in(terms, "body")).order_by("-created_at", "-pk"),
        offset=offset,
        limit=limit,
        rows=lambda ids: (
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
        ),
    )
    hits = [
        _post_hit(
            thread=row.thread,
            number=row.number,
            visible_before=row.visible_before,
            author_name=row.author.display_name if row.author else None,
            forum_name=row.thread.forum.name,
            created_at=row.created_at,
            snippet=highlight_words(row.body, terms.words),
        )
        for row in rows
    ]
    return SearchResults(hits, total)


def _post_hit(
    *, thread: Thread, number: int, visible_before: int, author_name: str | None, forum_name: str, created_at, snippet
) -> SearchHit:
    return SearchHit(
        title=thread.title,
        url=thread.post_url(number, before=visible_before),
        snippet=snippet,
        detail=joined(
            [
                author_name or _("deleted member"),
                forum_name,
                formats.date_format(timezone.localtime(created_at), "DATE_FORMAT"),
            ],
            " · ",
        ),
    )


def search_sources() -> list[SearchSource]:
    return [
        SearchSource("threads", gettext_lazy("Discussions"), search_threads, order=50, capped_note=NEWEST_RANKED),
        SearchSource("posts", gettext_lazy("Posts"), search_posts, order=60, capped_note=NEWEST_RANKED),
    ]
