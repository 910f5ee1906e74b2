"""The demo discussions: plausible talk in every forum, exact counters, a moderation queue with something in it, a
second run that changes nothing, and the large benchmark set.

The seed steps are called directly, in the order `manage.py seed_demo` runs them, so these tests cover the
discussions' step whatever else is registered.
"""

import hashlib
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.db import transaction
from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone
from django.utils.html import escape

from community.demo_data import DEMO_DOMAIN, LOGIN_EMAILS
from community.demo_data.members import MEMBERS, NEW_MEMBERS, TEAM
from community.demo_data.seed import (
    BENCHMARK_POSTS,
    BENCHMARK_PREFIX,
    BENCHMARK_THREADS,
    LONG_THREAD_POSTS,
    TOPICS,
    seed_discussions,
)
from community.models import (
    Forum,
    HelpfulMark,
    ModerationAction,
    Notification,
    Post,
    PostRevision,
    ReadPosition,
    Report,
    RulesAcceptance,
    Subscription,
    Thread,
    Visibility,
)
from community.trust import is_new_member
from portal.models import User
from portal.seed import seed_demo_logins
from therapies.demo_data.seed import seed_knowledge_base
from therapies.directory.demo import seed_directory

DISCUSSION_MODELS = [
    User,
    RulesAcceptance,
    Forum,
    Thread,
    Post,
    PostRevision,
    HelpfulMark,
    Subscription,
    ReadPosition,
    Notification,
    Report,
    ModerationAction,
]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def seed(*, scale: str = "demo", with_logins: bool = False) -> str:
    """Run the demo logins, knowledge base, directory and discussions steps; what the discussions step printed."""
    output = StringIO()
    with transaction.atomic():
        seed_demo_logins(scale=scale, stdout=StringIO(), with_logins=with_logins)
        seed_knowledge_base(scale="demo", stdout=StringIO(), with_logins=with_logins)
        seed_directory(scale="demo", stdout=StringIO(), with_logins=with_logins)
        seed_discussions(scale=scale, stdout=output, with_logins=with_logins)
    return output.getvalue()


def snapshot() -> dict[str, str]:
    """A fingerprint of every row of the tables the discussions step writes to."""
    state = {}
    for model in DISCUSSION_MODELS:
        rows = sorted(map(repr, model._default_manager.values_list()))
        state[model._meta.db_table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return state


def assert_counters_match_the_posts() -> None:
    """Every denormalised counter and pointer equals what a count over the posts gives, in a few queries."""
    visible = Q(posts__status=Visibility.VISIBLE)
    threads = Thread.objects.values(
        "pk", "post_count", "next_number", "last_activity_at", "created_at",
        "first_post__number", "first_post__thread_id", "first_post__status",
        "last_post__number", "last_post__thread_id", "last_post__status", "last_post__created_at",
    ).annotate(
        counted=Count("posts", filter=visible),
        first=Min("posts__number", filter=visible),
        last=Max("posts__number", filter=visible),
        highest=Max("posts__number"),
    )  # fmt: skip
    for thread in threads:
        assert thread["post_count"] == thread["counted"], thread
        assert thread["next_number"] == (thread["highest"] or 0) + 1, thread
        assert thread["first_post__number"] == thread["first"], thread
        assert thread["last_post__number"] == thread["last"], thread
        if thread["counted"]:
            assert thread["first_post__thread_id"] == thread["last_post__thread_id"] == thread["pk"], thread
            assert thread["first_post__status"] == thread["last_post__status"] == Visibility.VISIBLE, thread
            assert thread["last_activity_at"] == thread["last_post__created_at"], thread
        else:
            assert thread["last_activity_at"] == thread["created_at"], thread

    for forum in Forum.objects.all():
        shown = Post.objects.filter(thread__forum=forum, thread__status=Visibility.VISIBLE, status=Visibility.VISIBLE)
        latest = shown.order_by("-created_at").first()
        assert forum.thread_count == Thread.objects.filter(forum=forum, status=Visibility.VISIBLE).count(), forum
        assert forum.post_count == shown.count(), forum
        assert forum.last_post_id == (latest.pk if latest else None), forum
        assert forum.last_activity_at == (latest.created_at if latest else None), forum

    counted = Post.objects.alias(
        marks=Count("helpful_marks", distinct=True),
        open_reports=Count("reports", filter=Q(reports__state=Report.State.OPEN), distinct=True),
    )
    assert not counted.exclude(helpful_count=F("marks"), open_report_count=F("open_reports")).exists()


@pytest.mark.django_db
def test_the_demo_fills_every_forum_with_at_least_40_threads_and_300_posts():
    seed()

    assert Thread.objects.count() >= 40
    assert Post.objects.count() >= 300
    for forum in Forum.objects.all():
        threads = Thread.objects.filter(forum=forum)
        assert threads.count() >= 4, forum
        welcome = threads.get(pinned=True)
        assert welcome.is_visible
        assert welcome.author.display_name == TEAM.display_name
        assert welcome.first_post.author == welcome.author
    tagged = Thread.objects.filter(therapy__isnull=False)
    assert tagged.count() >= 20
    assert tagged.values("therapy").distinct().count() >= 8
    # Sleeping apart because of my legs, and the member in crisis (see test_demo_cautions.py).
    assert Thread.objects.filter(members_only=True).count() == 2
    assert HelpfulMark.objects.count() >= 20
    mentioning = Post.objects.filter(body__contains="@")
    assert mentioning.count() >= 10
    assert mentioning.filter(body_html__contains='href="/community/members/').count() == mentioning.count()
    # The posts are written indented in the data modules; none may turn into a code block.
    assert not Post.objects.filter(body_html__contains="<pre>").exists()


@pytest.mark.django_db
def test_the_demo_posts_are_spread_over_the_last_two_months_in_the_order_of_their_numbers():
    seed()
    now = timezone.now()

    dates = Post.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
    assert now - timedelta(days=61) <= dates["first"] <= now - timedelta(days=55)
    assert now - timedelta(days=1) <= dates["last"] <= now
    for thread in Thread.objects.all():
        times = list(thread.posts.order_by("number").values_list("created_at", flat=True))
        assert times == sorted(times), thread
        assert thread.created_at == times[0], thread


@pytest.mark.django_db
def test_every_demo_member_is_a_pseudonym_on_the_demo_domain_who_cannot_sign_in():
    seed()

    people = [*MEMBERS, *NEW_MEMBERS, TEAM]
    accounts = User.objects.filter(email__in=[person.email for person in people])
    assert accounts.count() == len(people) >= 15
    for account in accounts:
        assert account.email.endswith(f"@{DEMO_DOMAIN}")
        assert not account.has_usable_password()
        assert not account.is_staff
        assert account.email_frequency == User.EmailFrequency.NEVER
    assert not User.objects.filter(email__in=LOGIN_EMAILS.values()).exists()
    assert not Post.objects.filter(author__isnull=True).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("with_logins", [False, True])
def test_counters_and_last_post_pointers_match_the_visible_posts(with_logins):
    seed(with_logins=with_logins)

    assert_counters_match_the_posts()


@pytest.mark.django_db
@pytest.mark.parametrize("with_logins", [False, True])
def test_the_moderation_queue_holds_new_members_waiting_posts_and_open_reports_one_urgent(with_logins):
    seed(with_logins=with_logins)

    waiting = Post.objects.filter(status=Visibility.PENDING).select_related("author", "thread")
    assert waiting.count() >= 3
    assert all(is_new_member(post.author) for post in waiting)
    waiting_thread = Thread.objects.get(status=Visibility.PENDING)
    assert waiting_thread.forum.slug == "introductions"
    assert list(waiting_thread.posts.values_list("status", flat=True)) == [Visibility.PENDING]

    reports = Report.objects.filter(state=Report.State.OPEN).select_related("post")
    assert 2 <= reports.count() <= 3
    urgent = reports.get(urgent=True)
    assert urgent.reason == Report.Reason.SELF_HARM
    assert [report.urgent for report in reports] == [True] + [False] * (reports.count() - 1)  # urgent first
    for report in reports:
        assert report.post.is_visible
        assert report.post.open_report_count == 1
        assert report.snapshot == report.post.body
        assert report.reporter_id != report.post.author_id


@pytest.mark.django_db
def test_running_the_discussions_step_again_changes_no_row():
    seed(with_logins=True)
    before = snapshot()

    output = seed(with_logins=True)

    assert snapshot() == before
    assert "Threads: 0 created, 0 updated" in output
    assert "posts: 0 created, 0 updated" in output


@pytest.mark.django_db
def test_a_demo_post_whose_text_changed_since_an_earlier_seed_shows_the_new_text(client):
    seed()
    post = Post.objects.filter(status=Visibility.VISIBLE, number=2).select_related("thread").first()
    new_text = post.body
    Post.objects.filter(pk=post.pk).update(
        body="The words of an earlier seed.", body_html="<p>The words of an earlier seed.</p>"
    )

    output = seed()

    post.refresh_from_db()
    assert "posts: 0 created, 1 updated" in output
    assert post.body == new_text
    assert "earlier seed" not in post.body_html
    page = client.get(post.thread.get_absolute_url()).content.decode()
    assert "earlier seed" not in page
    assert escape(new_text.split()[0]) in page


@pytest.mark.django_db
def test_a_moderators_decisions_on_demo_posts_survive_another_run():
    seed()
    waiting = Post.objects.filter(status=Visibility.PENDING).first()
    Post.objects.filter(pk=waiting.pk).update(status=Visibility.REMOVED)
    Report.objects.update(state=Report.State.DISMISSED)
    Post.objects.update(open_report_count=0)

    seed()

    assert Post.objects.get(pk=waiting.pk).status == Visibility.REMOVED
    assert not Report.objects.filter(state=Report.State.OPEN).exists()


@pytest.mark.django_db
def test_with_demo_logins_the_demo_members_have_threads_of_their_own_and_unread_notifications():
    seed(with_logins=True)
    member = User.objects.get(email=LOGIN_EMAILS["member"])
    member2 = User.objects.get(email=LOGIN_EMAILS["member2"])

    assert Thread.objects.filter(author=member).exists()
    assert Thread.objects.filter(author=member2).exists()
    for login in (member, member2):
        notifications = Notification.objects.filter(user=login)
        assert notifications.filter(read_at__isnull=True).exists(), login
        assert not notifications.filter(emailed_at__isnull=True).exists(), login
        for position in ReadPosition.objects.filter(user=login):
            own_last = Post.objects.filter(thread=position.thread, author=login).aggregate(n=Max("number"))["n"]
            assert position.last_read_number == own_last
    assert Notification.objects.filter(user=member, kind=Notification.Kind.MENTION).exists()
    assert not Notification.objects.exclude(user__in=[member, member2]).exists()
    # The demo logins are left to accept the rules themselves, on their first post.
    assert not RulesAcceptance.objects.filter(member__in=[member, member2]).exists()


@pytest.mark.django_db
def test_every_visible_demo_thread_page_shows_its_title_and_opening_to_a_visitor(client):
    seed()

    for thread in Thread.objects.filter(status=Visibility.VISIBLE).select_related("forum", "first_post"):
        response = client.get(thread.get_absolute_url())
        assert response.status_code == 200, thread
        page = response.content.decode()
        assert escape(thread.title) in page, thread
        if thread.members_only:
            assert 'content="noindex"' in page
            assert escape(thread.first_post.body[:40]) in page, thread
            assert thread.first_post.body_html not in page, thread
        else:
            assert thread.first_post.body_html in page, thread


def test_no_demo_thread_says_the_same_sentence_twice_and_no_member_marks_their_own_post():
    known = {person.key for person in [*MEMBERS, *NEW_MEMBERS, TEAM]} | LOGIN_EMAILS.keys()
    bodies = [say.body for topic in TOPICS for say in topic.posts]
    assert len(bodies) == len(set(bodies))
    assert len({(topic.forum, topic.title) for topic in TOPICS}) == len(TOPICS)
    for topic in TOPICS:
        sentences = [sentence for say in topic.posts for sentence in SENTENCE_END.split(say.body) if len(sentence) > 12]
        assert len(sentences) == len(set(sentences)), topic.title
        assert topic.people <= known, topic.title
        for say in topic.posts:
            assert say.author not in say.helpful, topic.title
            assert say.flag is None or say.flag.reporter != say.author, topic.title


# Slow (about half a minute on SQLite): it writes the 5,000 benchmark threads and their 100,000 posts.
@pytest.mark.django_db
def test_the_large_scale_adds_5000_threads_and_100000_posts_with_one_thread_of_10000_once():
    output = seed(scale="large")
    benchmark = Thread.objects.filter(title__startswith=BENCHMARK_PREFIX)

    assert benchmark.count() == BENCHMARK_THREADS
    assert Post.objects.filter(thread__in=benchmark).count() == BENCHMARK_POSTS
    longest = benchmark.order_by("-post_count").first()
    assert longest.post_count == LONG_THREAD_POSTS
    assert longest.posts.count() == LONG_THREAD_POSTS
    assert longest.forum.slug == "restless-legs-syndrome"
    assert benchmark.filter(therapy__isnull=False).exists()
    assert not Post.objects.filter(thread__in=benchmark, body_html="").exists()
    assert_counters_match_the_posts()
    # The demo threads stay on top of every forum: benchmark posts are older than all of them.
    for forum in Forum.objects.all():
        assert not forum.last_post.thread.title.startswith(BENCHMARK_PREFIX), forum
    assert "100,000 posts created in" in output

    output = seed(scale="large")

    assert "already there" in output
    assert benchmark.count() == BENCHMARK_THREADS
    assert Post.objects.filter(thread__in=benchmark).count() == BENCHMARK_POSTS
