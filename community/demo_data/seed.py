"""The discussions' part of `manage.py seed_demo`: demo members, threads and posts in every demo forum, and a
moderation queue with something in it. Scale "large" adds 5,000 benchmark threads holding 100,000 posts.

The words live in the other modules of `community.demo_data`. Threads are matched on (forum, title) and posts on
(thread, number); a row is written only when it is missing or its text changed, so a second run writes nothing. New
posts are dated relative to the run that writes them, over the last two months. What moderators decide (a post's
status, pinning, reports already dealt with) is left as they made it. Rows are created directly rather than through
`community.actions`, so that posts keep their dates and nobody is notified; instead, the counters and last-post
pointers of every thread and forum a run touched are recomputed from the posts at the end. Members and threads are
written as demo content (portal/demo.py); a real thread is never taken for a demo one.
"""

from __future__ import annotations

import functools
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from community.actions import accept_rules
from community.demo_data import LOGIN_EMAILS, Say, Topic, benchmark, conditions, general, logins, restless_legs, welcome
from community.demo_data.members import MEMBERS, NEW_MEMBERS, TEAM
from community.models import (
    Forum,
    HelpfulMark,
    Notification,
    Post,
    ReadPosition,
    Report,
    Subscription,
    Thread,
    Visibility,
)
from community.text import mentioned_member_ids, render_post
from portal.models import RulesVersion, User
from portal.text import render_markdown
from therapies.demo_data.seed import Tally
from therapies.models import Therapy

TOPICS = [*welcome.TOPICS, *restless_legs.TOPICS, *conditions.TOPICS, *general.TOPICS, *logins.TOPICS]
THERAPY_SLUGS = sorted({topic.therapy for topic in TOPICS if topic.therapy})

# Hours from one post to the next, cycled with an offset per thread so that threads do not move in step.
REPLY_GAPS_HOURS = (3, 7, 1.5, 16, 5, 26, 9, 2.5, 40, 12, 4, 20)

BENCHMARK_PREFIX = "Benchmark thread "
BENCHMARK_THREADS = 5_000
BENCHMARK_POSTS = 100_000
LONG_THREAD_POSTS = 10_000
# Most benchmark threads go to the busiest forum, as in a real community; the long thread is the first of them.
BENCHMARK_FORUMS = {
    "restless-legs-syndrome": 2_000,
    "insomnia": 600,
    "fibromyalgia": 500,
    "chronic-low-back-pain": 500,
    "migraine": 500,
    "living-with-symptoms": 500,
    "introductions": 300,
    "site-feedback": 100,
}
# Benchmark posts are older than every demo post, so the demo threads stay on the first page of each forum.
BENCHMARK_NEWEST = timedelta(days=61)
BATCH_SIZE = 5_000


def seed_discussions(*, scale: str, stdout, with_logins: bool) -> None:
    """Load the demo discussions; with scale "large", add the benchmark set as well."""
    started = time.perf_counter()
    now = timezone.now().replace(second=0, microsecond=0)
    accounts, member_tally = seed_members(now=now, with_logins=with_logins)
    stdout.write(f"  Demo members: {member_tally}")
    thread_tally, post_tally = seed_topics(TOPICS, accounts=accounts, now=now)
    stdout.write(f"  Threads: {thread_tally}; posts: {post_tally} ({time.perf_counter() - started:.2f} s)")
    if scale == "large":
        authors = [accounts[member.key] for member in MEMBERS]
        stdout.write(f"  Benchmark discussions: {seed_benchmark(authors=authors, now=now)}")


# --- Members ---------------------------------------------------------------------------------------------------------


def seed_members(*, now: datetime, with_logins: bool) -> tuple[dict[str, User], Tally]:
    """The demo accounts by key, and the demo logins (as "member" and "member2") when asked for and present."""
    tally = Tally()
    people = [*MEMBERS, *NEW_MEMBERS, TEAM]
    existing = {user.email: user for user in User.objects.filter(email__in=[person.email for person in people])}
    accounts = {}
    for person in people:
        user = existing.get(person.email)
        if user is None:
            user = User(
                email=person.email,
                display_name=person.display_name,
                bio=person.bio,
                date_joined=now - timedelta(days=person.joined_days_ago),
                # Nobody reads these inboxes: whatever happens to their posts stays in the notifications on the site.
                email_frequency=User.EmailFrequency.NEVER,
                demo=True,
            )
            # They exist to have written the demo discussions; nobody signs in as them.
            user.set_unusable_password()
            user.save()
            tally.created += 1
        elif (user.display_name, user.bio) != (person.display_name, person.bio):
            user.display_name, user.bio = person.display_name, person.bio
            user.save(update_fields=["display_name", "bio"])
            tally.updated += 1
        else:
            tally.unchanged += 1
        accounts[person.key] = user
    # They have posted, so they accepted the rules. The demo logins are left to accept them on their first post.
    if (rules := RulesVersion.objects.current()) is not None:
        for person in [*MEMBERS, *NEW_MEMBERS]:
            accept_rules(member=accounts[person.key], rules=rules)
    if with_logins:
        by_email = {user.email: user for user in User.objects.filter(email__in=LOGIN_EMAILS.values())}
        accounts.update({key: by_email[email] for key, email in LOGIN_EMAILS.items() if email in by_email})
    return accounts, tally


# --- Threads and posts -----------------------------------------------------------------------------------------------


@dataclass
class Placed:
    """A post of the demo data, and its row (new, or found by thread and number)."""

    topic: Topic
    say: Say
    post: Post
    new: bool


def seed_topics(topics: Sequence[Topic], *, accounts: Mapping[str, User], now: datetime) -> tuple[Tally, Tally]:
    # Threads of the demo logins wait until those accounts exist.
    topics = [topic for topic in topics if topic.people <= accounts.keys()]
    forums = demo_forums({topic.forum for topic in topics})
    therapies = {therapy.slug: therapy for therapy in Therapy.objects.filter(slug__in=THERAPY_SLUGS)}
    threads = existing_threads(topics, forums)
    rows = {(post.thread_id, post.number): post for post in Post.objects.filter(thread__in=threads.values())}
    thread_tally, post_tally = Tally(), Tally()
    placed: list[Placed] = []
    new_thread_ids: set[int] = set()
    for index, topic in enumerate(topics):
        thread = threads.get((topic.forum, topic.title))
        therapy = therapies.get(topic.therapy)
        if thread is None:
            thread = Thread.objects.create(
                forum=forums[topic.forum],
                title=topic.title,
                author=accounts[topic.posts[0].author],
                therapy=therapy,
                members_only=topic.members_only,
                pinned=topic.pinned,
                status=Visibility.PENDING if topic.posts[0].pending else Visibility.VISIBLE,
                demo=True,
            )
            new_thread_ids.add(thread.pk)
            thread_tally.created += 1
        elif (thread.therapy_id, thread.members_only) != (therapy and therapy.pk, topic.members_only):
            thread.therapy, thread.members_only = therapy, topic.members_only
            thread.save(update_fields=["therapy", "members_only"])
            thread_tally.updated += 1
        else:
            thread_tally.unchanged += 1
        times = post_times(topic, index=index, now=now)
        placed += place_posts(topic, thread=thread, rows=rows, accounts=accounts, times=times, tally=post_tally)

    new_posts = [entry.post for entry in placed if entry.new]
    Post.objects.bulk_create(new_posts)
    post_tally.created = len(new_posts)
    recounted_posts = seed_helpful_marks(placed, accounts=accounts) | seed_reports(placed, accounts=accounts, now=now)
    follow_new_posts(new_posts)
    notify_demo_logins(placed, login_ids={accounts[key].pk for key in LOGIN_EMAILS if key in accounts})

    refresh_post_counters(recounted_posts)
    touched = {post.thread_id for post in new_posts} | {
        entry.post.thread_id for entry in placed if entry.post.pk in recounted_posts
    }
    date_new_threads(new_thread_ids)
    refresh_thread_counters(touched)
    refresh_forum_counters({forums[entry.topic.forum].pk for entry in placed if entry.post.thread_id in touched})
    return thread_tally, post_tally


def demo_forums(slugs: Iterable[str]) -> dict[str, Forum]:
    slugs = set(slugs)
    forums = {forum.slug: forum for forum in Forum.objects.filter(slug__in=slugs)}
    if missing := slugs - forums.keys():
        raise LookupError(f"Forums missing (the knowledge base step creates the conditions' ones): {sorted(missing)}")
    return forums


def existing_threads(topics: Sequence[Topic], forums: Mapping[str, Forum]) -> dict[tuple[str, str], Thread]:
    """The demo threads already there, by (forum slug, title); the oldest wins if a title was used twice."""
    slug_of = {forum.pk: slug for slug, forum in forums.items()}
    found: dict[tuple[str, str], Thread] = {}
    candidates = Thread.objects.filter(
        forum__in=forums.values(), title__in={topic.title for topic in topics}, demo=True
    )
    for thread in candidates.order_by("-pk"):
        found[(slug_of[thread.forum_id], thread.title)] = thread
    return found


def place_posts(
    topic: Topic,
    *,
    thread: Thread,
    rows: Mapping[tuple[int, int], Post],
    accounts: Mapping[str, User],
    times: Sequence[datetime],
    tally: Tally,
) -> list[Placed]:
    placed = []
    previous_at = None
    for number, (say, at) in enumerate(zip(topic.posts, times, strict=True), start=1):
        author = accounts[say.author]
        post = rows.get((thread.pk, number))
        if post is None:
            if previous_at is not None:
                at = max(at, previous_at + timedelta(minutes=5))
            post = Post(
                thread=thread,
                author=author,
                number=number,
                body=say.body,
                body_html=render_post(say.body),
                status=Visibility.PENDING if say.pending else Visibility.VISIBLE,
                created_at=at,
            )
            placed.append(Placed(topic, say, post, new=True))
        else:
            # A post someone else wrote under this number (a member replied in a demo thread) is left alone.
            if post.author_id == author.pk and post.body != say.body:
                post.body, post.body_html = say.body, render_post(say.body)
                post.save(update_fields=["body", "body_html"])
                tally.updated += 1
            else:
                tally.unchanged += 1
            placed.append(Placed(topic, say, post, new=False))
        previous_at = post.created_at
    return placed


def post_times(topic: Topic, *, index: int, now: datetime) -> list[datetime]:
    """When each post of a new thread was written: its own `days_ago`, or a few hours after the post before."""
    latest = now - timedelta(minutes=15)
    times: list[datetime] = []
    for number, say in enumerate(topic.posts):
        days_ago = topic.days_ago if number == 0 else say.days_ago
        if days_ago is not None:
            at = now - timedelta(days=days_ago)
        else:
            at = times[-1] + timedelta(hours=REPLY_GAPS_HOURS[(index + number) % len(REPLY_GAPS_HOURS)])
        at = min(at, latest)
        if times:
            at = max(at, times[-1] + timedelta(minutes=5))
        times.append(at)
    return times


def seed_helpful_marks(placed: Sequence[Placed], *, accounts: Mapping[str, User]) -> set[int]:
    """Add the missing helpful marks; returns the posts that got one."""
    wanted = {(entry.post.pk, accounts[key].pk) for entry in placed for key in entry.say.helpful}
    existing = set(
        HelpfulMark.objects.filter(post_id__in={post_id for post_id, _user in wanted}).values_list("post_id", "user_id")
    )
    missing = sorted(wanted - existing)
    HelpfulMark.objects.bulk_create(HelpfulMark(post_id=post_id, user_id=user_id) for post_id, user_id in missing)
    return {post_id for post_id, _user in missing}


def seed_reports(placed: Sequence[Placed], *, accounts: Mapping[str, User], now: datetime) -> set[int]:
    """File the reports of the demo data that were never filed (a report a moderator closed stays closed)."""
    flagged = [entry for entry in placed if entry.say.flag is not None]
    reports_on_them = Report.objects.filter(post__in=[entry.post for entry in flagged])
    filed = set(reports_on_them.values_list("post_id", "reporter_id", "reason"))
    reports = []
    for entry in flagged:
        flag, post = entry.say.flag, entry.post
        reporter, reason = accounts[flag.reporter], Report.Reason(flag.reason)
        if (post.pk, reporter.pk, reason) in filed:
            continue
        reports.append(
            Report(
                post=post,
                reporter=reporter,
                reason=reason,
                note=flag.note,
                snapshot=post.body,
                urgent=reason == Report.Reason.SELF_HARM,
                created_at=min(post.created_at + timedelta(hours=2), now),
            )
        )
    Report.objects.bulk_create(reports)
    return {report.post_id for report in reports}


def follow_new_posts(posts: Sequence[Post]) -> None:
    """What posting does besides the post (see `community.actions.reply`): the author follows the thread and has
    read it up to their post."""
    read_to: dict[tuple[int, int], int] = {}
    for post in posts:
        key = (post.author_id, post.thread_id)
        read_to[key] = max(read_to.get(key, 0), post.number)
    thread_ids = {thread_id for _author, thread_id in read_to}
    following = set(Subscription.objects.filter(thread_id__in=thread_ids).values_list("user_id", "thread_id"))
    Subscription.objects.bulk_create(
        Subscription(user_id=user_id, thread_id=thread_id)
        for user_id, thread_id in sorted(read_to)
        if (user_id, thread_id) not in following
    )
    positions = {(row.user_id, row.thread_id): row for row in ReadPosition.objects.filter(thread_id__in=thread_ids)}
    ReadPosition.objects.bulk_create(
        ReadPosition(user_id=user_id, thread_id=thread_id, last_read_number=number)
        for (user_id, thread_id), number in sorted(read_to.items())
        if (user_id, thread_id) not in positions
    )
    for key, number in read_to.items():
        if key in positions and positions[key].last_read_number < number:
            ReadPosition.objects.filter(pk=positions[key].pk).update(last_read_number=number, updated_at=timezone.now())


def notify_demo_logins(placed: Sequence[Placed], *, login_ids: set[int]) -> None:
    """The notifications the demo logins would have had for the new posts, as `notify.fan_out_post` makes them: an
    @mention, or a reply in a thread they follow. Those after the member's own last post in the thread are unread.

    The invented members get none: nobody will ever read them. All are marked as e-mailed, so that no digest goes
    to a demo inbox.
    """
    if not login_ids:
        return
    by_thread: dict[int, list[Placed]] = defaultdict(list)
    for entry in placed:
        by_thread[entry.post.thread_id].append(entry)
    notifications = []
    for entries in by_thread.values():
        entries.sort(key=lambda entry: entry.post.number)
        own_last = {entry.post.author_id: entry.post.number for entry in entries if entry.post.author_id in login_ids}
        followers: set[int] = set()
        for entry in entries:
            post = entry.post
            if entry.new and post.is_visible and post.thread.is_visible:
                mentioned = set(mentioned_member_ids(post.body_html))
                for user_id in login_ids - {post.author_id}:
                    if user_id in mentioned:
                        kind, text = Notification.Kind.MENTION, f"{post.author.display_name} mentioned you"
                    elif user_id in followers:
                        kind, text = Notification.Kind.REPLY, f"{post.author.display_name} replied"
                    else:
                        continue
                    read = post.number <= own_last.get(user_id, 0)
                    notifications.append(
                        Notification(
                            user_id=user_id,
                            kind=kind,
                            post=post,
                            text=text,
                            created_at=post.created_at,
                            read_at=post.created_at if read else None,
                            emailed_at=post.created_at,
                        )
                    )
            if post.author_id in login_ids:
                followers.add(post.author_id)
    Notification.objects.bulk_create(notifications)


# --- Counters --------------------------------------------------------------------------------------------------------


def chunked(ids: Iterable[int], size: int = 500) -> Iterator[list[int]]:
    ids = sorted(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def count_of(queryset, *, per: str) -> Coalesce:
    """How many rows a correlated queryset holds (grouped on its `per` column), as a value for update()."""
    return Coalesce(Subquery(queryset.order_by().values(per).annotate(n=Count("pk")).values("n")), 0)


def refresh_post_counters(post_ids: Iterable[int]) -> None:
    for chunk in chunked(post_ids):
        Post.objects.filter(pk__in=chunk).update(
            helpful_count=count_of(HelpfulMark.objects.filter(post=OuterRef("pk")), per="post"),
            open_report_count=count_of(Report.objects.filter(post=OuterRef("pk"), state=Report.State.OPEN), per="post"),
        )


def date_new_threads(thread_ids: Iterable[int]) -> None:
    """A new thread was started when its first post was written (created_at is set to "now" on insert)."""
    opening = Post.objects.filter(thread=OuterRef("pk"), number=1).values("created_at")[:1]
    for chunk in chunked(thread_ids):
        Thread.objects.filter(pk__in=chunk).update(created_at=Subquery(opening))


def refresh_thread_counters(thread_ids: Iterable[int]) -> None:
    """Post count, first and last post, next number and last activity, from the posts (as `community.actions`
    keeps them: visible posts count, every post takes a number)."""
    posts = Post.objects.filter(thread=OuterRef("pk"))
    visible = posts.filter(status=Visibility.VISIBLE)
    for chunk in chunked(thread_ids):
        Thread.objects.filter(pk__in=chunk).update(
            post_count=count_of(visible, per="thread"),
            first_post=Subquery(visible.order_by("number").values("pk")[:1]),
            last_post=Subquery(visible.order_by("-number").values("pk")[:1]),
            next_number=Coalesce(Subquery(posts.order_by("-number").values("number")[:1]), 0) + 1,
            last_activity_at=Coalesce(Subquery(visible.order_by("-number").values("created_at")[:1]), F("created_at")),
        )


def refresh_forum_counters(forum_ids: Iterable[int]) -> None:
    """Thread and post counts of visible threads, and the latest of their last posts; saved only when different."""
    for forum in Forum.objects.filter(pk__in=set(forum_ids)):
        threads = Thread.objects.filter(forum=forum, status=Visibility.VISIBLE)
        totals = threads.aggregate(threads=Count("pk"), posts=Coalesce(Sum("post_count"), 0))
        latest = (
            threads.filter(last_post__isnull=False)
            .order_by("-last_activity_at")
            .values("last_post_id", "last_activity_at")
            .first()
        ) or {"last_post_id": None, "last_activity_at": None}
        values = {
            "thread_count": totals["threads"],
            "post_count": totals["posts"],
            "last_post_id": latest["last_post_id"],
            "last_activity_at": latest["last_activity_at"],
        }
        changed = [name for name, value in values.items() if getattr(forum, name) != value]
        if changed:
            for name in changed:
                setattr(forum, name, values[name])
            forum.save(update_fields=changed)


# --- Benchmark set ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkThread:
    number: int
    forum: str
    title: str
    posts: int
    therapy: str


def benchmark_plan() -> list[BenchmarkThread]:
    """The 5,000 benchmark threads: the long one first, then the rest, spread over the forums and over time."""
    # Interleave the forums in proportion to their share, so each forum's threads span the whole period.
    slots = sorted(
        ((index + 0.5) / count, order, slug)
        for order, (slug, count) in enumerate(BENCHMARK_FORUMS.items())
        for index in range(count)
    )
    sizes = benchmark_sizes()
    plan = []
    for position, ((_share, _order, slug), size) in enumerate(zip(slots, sizes, strict=True)):
        number = position + 1
        subject = "one long conversation" if number == 1 else benchmark.SUBJECTS[number % len(benchmark.SUBJECTS)]
        therapy = THERAPY_SLUGS[number // 3 % len(THERAPY_SLUGS)] if number % 3 == 0 else ""
        plan.append(BenchmarkThread(number, slug, f"{BENCHMARK_PREFIX}{number:04d}: {subject}", size, therapy))
    return plan


def benchmark_sizes() -> list[int]:
    """Posts per thread: 10,000 for the first, between 3 and 33 for the others, 100,000 in all."""
    others = BENCHMARK_THREADS - 1
    average = (BENCHMARK_POSTS - LONG_THREAD_POSTS) // others
    sizes = []
    for index in range(others):
        swing = (index // 2 * 7) % 31 - 15
        sizes.append(average + (swing if index % 2 == 0 else -swing))
    sizes[-1] += BENCHMARK_POSTS - LONG_THREAD_POSTS - sum(sizes)
    return [LONG_THREAD_POSTS, *sizes]


@functools.cache
def benchmark_html(body: str) -> str:
    # A few dozen distinct bodies: each is rendered once, not once per post.
    return render_markdown(body, profile="post")


def benchmark_posts(entry: BenchmarkThread, *, thread: Thread, authors: Sequence[User], now: datetime):
    # The long thread gets a post every 20 minutes (about 139 days); the others one every 41 minutes.
    gap = timedelta(minutes=20 if entry.posts > 1_000 else 41)
    last_at = now - BENCHMARK_NEWEST - timedelta(minutes=97 * entry.number)
    for number in range(1, entry.posts + 1):
        opening = benchmark.OPENINGS[(entry.number + number) % len(benchmark.OPENINGS)]
        closing = benchmark.CLOSINGS[(entry.number * 3 + number // 12) % len(benchmark.CLOSINGS)]
        body = f"{opening} {closing}"
        yield Post(
            thread=thread,
            author=authors[(entry.number + number) % len(authors)],
            number=number,
            body=body,
            body_html=benchmark_html(body),
            status=Visibility.VISIBLE,
            created_at=last_at - gap * (entry.posts - number),
        )


def seed_benchmark(*, authors: Sequence[User], now: datetime) -> str:
    """Bulk-create the benchmark threads that are not there yet, then set their counters and their forums'."""
    started = time.perf_counter()
    plan = benchmark_plan()
    present = set(Thread.objects.filter(title__startswith=BENCHMARK_PREFIX, demo=True).values_list("title", flat=True))
    missing = [entry for entry in plan if entry.title not in present]
    if not missing:
        return f"already there ({len(plan):,} threads)"
    forums = demo_forums(BENCHMARK_FORUMS)
    therapies = {therapy.slug: therapy for therapy in Therapy.objects.filter(slug__in=THERAPY_SLUGS)}
    threads = Thread.objects.bulk_create(
        [
            Thread(
                forum=forums[entry.forum],
                title=entry.title,
                slug=slugify(entry.title)[:150],  # what Thread.save() would store
                author=authors[entry.number % len(authors)],
                therapy=therapies.get(entry.therapy),
                status=Visibility.VISIBLE,
                demo=True,
            )
            for entry in missing
        ],
        batch_size=1_000,
    )
    created = 0
    batch: list[Post] = []
    for entry, thread in zip(missing, threads, strict=True):
        for post in benchmark_posts(entry, thread=thread, authors=authors, now=now):
            batch.append(post)
            if len(batch) == BATCH_SIZE:
                Post.objects.bulk_create(batch, batch_size=BATCH_SIZE)
                created, batch = created + len(batch), []
    Post.objects.bulk_create(batch, batch_size=BATCH_SIZE)
    created += len(batch)
    inserted = time.perf_counter()
    thread_ids = [thread.pk for thread in threads]
    date_new_threads(thread_ids)
    refresh_thread_counters(thread_ids)
    refresh_forum_counters(forum.pk for forum in forums.values())
    return (
        f"{len(threads):,} threads and {created:,} posts created in {time.perf_counter() - started:.1f} s "
        f"({inserted - started:.1f} s inserting, {time.perf_counter() - inserted:.1f} s setting counters)"
    )
