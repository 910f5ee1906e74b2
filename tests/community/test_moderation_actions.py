"""What moderators' actions do (community/actions.py), whatever screen calls them: posts, threads, members, audit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from community import actions
from community.models import (
    Forum,
    ModerationAction,
    Notification,
    Post,
    Report,
    Suspension,
    Thread,
    Visibility,
)
from tests.clients import login
from tests.html import text

pytestmark = pytest.mark.django_db

NOON = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)


def counts(obj) -> tuple[int, ...]:
    obj.refresh_from_db()
    if isinstance(obj, Forum):
        return obj.thread_count, obj.post_count
    return (obj.post_count,)


@pytest.fixture
def at_noon(time_machine):
    time_machine.move_to(NOON, tick=False)
    return time_machine


@pytest.fixture
def author(make_poster):
    return make_poster(display_name="Restless Rita")


@pytest.fixture
def thread(forum, make_thread, make_poster):
    return make_thread(forum=forum, author=make_poster(display_name="Opener Olga"), title="Iron and evenings")


@pytest.fixture
def post(thread, author) -> Post:
    return actions.reply(author=author, thread=thread, body="Magnets cured my legs, stop the iron.")


@pytest.fixture
def other_forum(db) -> Forum:
    return Forum.objects.get(slug="site-feedback")


# --- Approving waiting posts ----------------------------------------------------------------------------------------


def test_approving_a_waiting_reply_publishes_it_and_moves_the_counters(
    forum, thread, new_member, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    waiting = actions.reply(author=new_member, thread=thread, body="Iron helped me after six weeks.")
    assert waiting.status == Visibility.PENDING
    before_thread, before_forum = counts(thread), counts(forum)

    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_post(post=waiting, moderator=moderator, reason="Looks fine")

    waiting.refresh_from_db()
    assert waiting.status == Visibility.VISIBLE
    assert counts(thread) == (before_thread[0] + 1,)
    assert counts(forum) == (before_forum[0], before_forum[1] + 1)
    assert thread.last_post == waiting and forum.last_post == waiting
    assert "Iron helped me after six weeks." in text(Client().get(thread.get_absolute_url()))
    # The thread's starter follows it and hears about the reply only now.
    assert Notification.objects.filter(user=thread.author, post=waiting, kind="reply").exists()
    assert any("Iron helped me after six weeks." in m.body for m in mailoutbox)
    audit = ModerationAction.objects.get(action=ModerationAction.Action.APPROVE)
    assert (audit.moderator, audit.post, audit.thread, audit.member, audit.reason) == (
        moderator,
        waiting,
        thread,
        new_member,
        "Looks fine",
    )


def test_approving_a_waiting_new_thread_makes_it_appear_in_its_forum(forum, new_member, moderator):
    thread, first = actions.start_thread(
        author=new_member, forum=forum, title="First night in years", body="Hello all, new here."
    )
    assert thread.status == Visibility.PENDING
    assert counts(forum) == (0, 0)
    assert "First night in years" not in text(Client().get(forum.get_absolute_url()))

    actions.approve_post(post=first, moderator=moderator)

    thread.refresh_from_db()
    assert thread.status == Visibility.VISIBLE
    assert (thread.post_count, thread.first_post, thread.last_post) == (1, first, first)
    assert counts(forum) == (1, 1)
    assert forum.last_post == first
    assert "First night in years" in text(Client().get(forum.get_absolute_url()))
    assert "Hello all, new here." in text(Client().get(thread.get_absolute_url()))


def test_turning_down_a_waiting_new_thread_keeps_it_out_of_the_forum(forum, new_member, moderator):
    thread, first = actions.start_thread(author=new_member, forum=forum, title="Cheap pills here", body="Buy now.")

    actions.hide_post(post=first, moderator=moderator, reason="Advertising", remove=True)

    thread.refresh_from_db()
    assert thread.status == Visibility.REMOVED
    assert counts(forum) == (0, 0)
    assert Client().get(thread.get_absolute_url()).status_code == 404


def test_the_author_of_a_thread_turned_down_can_read_why(forum, new_member, moderator, mailoutbox):
    thread, first = actions.start_thread(author=new_member, forum=forum, title="Cheap pills", body="Buy now.")
    actions.hide_post(post=first, moderator=moderator, reason="Advertising is not allowed", remove=True)

    response = login(new_member).get(thread.get_absolute_url())

    assert response.status_code == 200
    assert "A moderator removed this post. Reason: Advertising is not allowed" in text(response)


def test_a_thread_turned_down_by_mistake_appears_once_its_opening_post_is_approved(forum, new_member, moderator):
    thread, first = actions.start_thread(author=new_member, forum=forum, title="Yoga at night", body="It helps.")
    actions.hide_post(post=first, moderator=moderator, reason="Looked like spam")

    actions.approve_post(post=first, moderator=moderator, reason="It was not spam")

    thread.refresh_from_db()
    assert thread.status == Visibility.VISIBLE
    assert counts(forum) == (1, 1)
    assert "It helps." in text(Client().get(thread.get_absolute_url()))


# --- Hiding and removing --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("remove", "status", "shown"),
    [(False, Visibility.HIDDEN, "This post is hidden."), (True, Visibility.REMOVED, "A moderator removed this post.")],
)
def test_hiding_or_removing_a_post_takes_it_out_of_sight_and_the_author_reads_why(
    forum, thread, author, post, moderator, make_poster, remove, status, shown, django_capture_on_commit_callbacks
):
    reporters = [make_poster(), make_poster()]
    for reporter in reporters:
        actions.report_post(reporter=reporter, post=post, reason="misinformation")
    before_thread, before_forum = counts(thread), counts(forum)

    with django_capture_on_commit_callbacks(execute=True):
        actions.hide_post(post=post, moderator=moderator, reason="Unsafe advice about iron", remove=remove)

    post.refresh_from_db()
    assert (post.status, post.moderation_reason, post.open_report_count) == (status, "Unsafe advice about iron", 0)
    assert counts(thread) == (before_thread[0] - 1,)
    assert counts(forum) == (before_forum[0], before_forum[1] - 1)
    assert thread.last_post == thread.first_post and forum.last_post == thread.first_post
    reports = Report.objects.filter(post=post)
    assert {(r.state, r.decided_by) for r in reports} == {("actioned", moderator)}
    authors_page = text(login(author).get(thread.get_absolute_url()))
    assert f"{shown} Reason: Unsafe advice about iron Only you can see it." in authors_page
    for viewer in (Client(), login(make_poster())):
        assert "Magnets cured my legs" not in text(viewer.get(thread.get_absolute_url()))
    audit = ModerationAction.objects.get(action="remove" if remove else "hide")
    assert (audit.moderator, audit.post, audit.thread, audit.member) == (moderator, post, thread, author)
    assert audit.reason == "Unsafe advice about iron"
    notice = Notification.objects.get(user=author, kind="moderation")
    assert "Unsafe advice about iron" in notice.text


def test_hiding_needs_a_reason_the_author_can_read(post, moderator):
    with pytest.raises(ValueError):
        actions.hide_post(post=post, moderator=moderator, reason="  ")

    assert Post.objects.get(pk=post.pk).status == Visibility.VISIBLE
    assert not ModerationAction.objects.exists()


def test_hiding_the_last_post_of_a_thread_moves_the_last_activity_back(forum, thread, post, moderator):
    first = thread.posts.get(number=1)

    actions.hide_post(post=post, moderator=moderator, reason="Off-topic")

    thread.refresh_from_db()
    forum.refresh_from_db()
    assert thread.last_post == first and thread.last_activity_at == first.created_at
    assert forum.last_post == first and forum.last_activity_at == first.created_at


def test_hiding_an_auto_hidden_post_counts_it_out_only_once(forum, thread, post, moderator, make_poster):
    for _ in range(3):
        actions.report_post(reporter=make_poster(), post=post, reason="spam")
    before_thread, before_forum = counts(thread), counts(forum)

    actions.hide_post(post=post, moderator=moderator, reason="Advertising")

    assert counts(thread) == before_thread and counts(forum) == before_forum
    post.refresh_from_db()
    assert post.moderation_reason == "Advertising"
    assert set(Report.objects.values_list("state", flat=True)) == {"actioned"}


# --- Dismissing reports ---------------------------------------------------------------------------------------------


def test_dismissing_the_reports_restores_a_post_they_hid(
    forum, thread, author, post, moderator, make_poster, django_capture_on_commit_callbacks, mailoutbox
):
    before_thread, before_forum = counts(thread), counts(forum)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            actions.report_post(reporter=make_poster(), post=post, reason="abuse")
    assert counts(thread) == (before_thread[0] - 1,)

    with django_capture_on_commit_callbacks(execute=True):
        actions.dismiss_reports(post=post, moderator=moderator, reason="Blunt, but within the rules")

    post.refresh_from_db()
    assert (post.status, post.moderation_reason, post.open_report_count) == (Visibility.VISIBLE, "", 0)
    assert counts(thread) == before_thread and counts(forum) == before_forum
    assert thread.last_post == post
    assert set(Report.objects.values_list("state", "decided_by")) == {("dismissed", moderator.pk)}
    assert "Magnets cured my legs" in text(Client().get(thread.get_absolute_url()))
    assert list(ModerationAction.objects.order_by("pk").values_list("action", flat=True)) == [
        "auto_hide",
        "dismiss",
        "restore",
    ]
    # The author was told it was hidden; now they are told it is back.
    notice = Notification.objects.get(user=author, kind="moderation")
    assert notice.read_at is None and "restored" in notice.text
    to_author = [m for m in mailoutbox if author.email in m.to]
    assert len(to_author) == 2
    assert "hidden while a moderator looks" in to_author[0].body
    assert "A moderator restored a post" in to_author[1].body


def test_dismissing_the_reports_about_a_visible_post_leaves_it_as_it_is(thread, post, moderator, make_poster):
    actions.report_post(reporter=make_poster(), post=post, reason="off_topic")
    before = counts(thread)

    actions.dismiss_reports(post=post, moderator=moderator, reason="On topic")

    post.refresh_from_db()
    assert (post.status, post.open_report_count) == (Visibility.VISIBLE, 0)
    assert counts(thread) == before
    assert Report.objects.get().state == "dismissed"
    assert ModerationAction.objects.get().action == "dismiss"


def test_dismissing_reports_does_not_bring_back_a_post_a_moderator_hid(post, moderator, make_poster):
    actions.hide_post(post=post, moderator=moderator, reason="Unsafe advice")

    actions.dismiss_reports(post=post, moderator=moderator)

    assert Post.objects.get(pk=post.pk).status == Visibility.HIDDEN


# --- Threads: lock, pin, move, slow mode ----------------------------------------------------------------------------


def test_a_locked_thread_takes_no_more_replies(thread, moderator, make_poster):
    member = make_poster()
    actions.set_thread_flag(thread=thread, moderator=moderator, flag="locked", value=True, reason="Going in circles")

    page = text(login(member).get(thread.get_absolute_url()))
    response = login(member).post(f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": "One more thing"})

    assert "This thread is locked: it takes no new replies." in page
    assert 'class="form reply-form"' not in page
    assert response.status_code == 403
    assert not Post.objects.filter(body="One more thing").exists()
    audit = ModerationAction.objects.get()
    assert (audit.action, audit.thread, audit.member) == ("lock", thread, thread.author)
    assert audit.reason == "Going in circles"


def test_an_unlocked_thread_takes_replies_again(thread, moderator, make_poster):
    actions.set_thread_flag(thread=thread, moderator=moderator, flag="locked", value=True)
    actions.set_thread_flag(thread=thread, moderator=moderator, flag="locked", value=False)

    response = login(make_poster()).post(f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": "Thanks!"})

    assert response.status_code == 302
    assert Post.objects.filter(thread=thread, body="Thanks!").exists()
    assert list(ModerationAction.objects.order_by("pk").values_list("action", flat=True)) == ["lock", "unlock"]


def test_an_unknown_thread_flag_changes_nothing(thread, moderator):
    with pytest.raises(KeyError):
        actions.set_thread_flag(thread=thread, moderator=moderator, flag="members_only", value=True)

    assert not Thread.objects.get(pk=thread.pk).members_only
    assert not ModerationAction.objects.exists()


def test_a_pinned_thread_is_listed_first(forum, make_thread, moderator, time_machine):
    time_machine.move_to(NOON - timedelta(days=2), tick=False)
    welcome = make_thread(forum=forum, title="Welcome: read this first")
    time_machine.move_to(NOON, tick=False)
    make_thread(forum=forum, title="Newer chatter about socks")

    before = text(Client().get(forum.get_absolute_url()))
    actions.set_thread_flag(thread=welcome, moderator=moderator, flag="pinned", value=True)
    after = text(Client().get(forum.get_absolute_url()))

    assert before.index("Newer chatter about socks") < before.index("Welcome: read this first")
    assert after.index("Welcome: read this first") < after.index("Newer chatter about socks")
    assert '<span class="badge">Pinned</span>' in after
    assert ModerationAction.objects.get().action == "pin"


def test_moving_a_thread_moves_the_forum_counters_and_last_posts(forum, other_forum, thread, post, moderator):
    before_from, before_to = counts(forum), counts(other_forum)

    actions.move_thread(thread=thread, moderator=moderator, forum=other_forum, reason="Belongs in feedback")

    thread.refresh_from_db()
    assert thread.forum == other_forum
    assert counts(forum) == (before_from[0] - 1, before_from[1] - 2)
    assert counts(other_forum) == (before_to[0] + 1, before_to[1] + 2)
    assert forum.last_post is None and other_forum.last_post == post
    assert "Iron and evenings" in text(Client().get(other_forum.get_absolute_url()))
    assert "Iron and evenings" not in text(Client().get(forum.get_absolute_url()))
    assert Client().get(thread.get_absolute_url()).status_code == 200
    audit = ModerationAction.objects.get()
    assert (audit.action, audit.thread, audit.reason) == ("move", thread, "Belongs in feedback")
    assert audit.detail == "from “Living with symptoms” to “Site feedback”"


def test_moving_a_thread_to_its_own_forum_does_nothing(forum, thread, moderator):
    before = counts(forum)

    actions.move_thread(thread=thread, moderator=moderator, forum=forum)

    assert counts(forum) == before
    assert not ModerationAction.objects.exists()


def test_the_old_address_of_a_moved_thread_leads_to_the_new_one(forum, other_forum, thread, moderator):
    old_url = thread.get_absolute_url()
    actions.move_thread(thread=thread, moderator=moderator, forum=other_forum)
    thread.refresh_from_db()

    response = Client().get(old_url)

    assert response.status_code == 301 and response["Location"] == thread.get_absolute_url()


def test_slow_mode_makes_a_member_wait_between_posts(thread, moderator, make_poster, at_noon):
    member = make_poster()
    actions.set_slow_mode(thread=thread, moderator=moderator, seconds=900, reason="Heated")
    client = login(member)
    client.post(f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": "First point."})

    at_noon.move_to(NOON + timedelta(minutes=5), tick=False)
    refused = client.post(f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": "Second point."})
    at_noon.move_to(NOON + timedelta(minutes=16), tick=False)
    accepted = client.post(f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": "Second point."})

    assert "This thread is in slow mode." in text(refused)
    assert accepted.status_code == 302
    assert list(thread.posts.filter(author=member).values_list("body", flat=True)) == ["First point.", "Second point."]
    audit = ModerationAction.objects.get()
    assert (audit.action, audit.thread, audit.detail, audit.reason) == ("slow_mode", thread, "900 s", "Heated")


# --- Suspensions ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("days", [1, 3, 7, 30])
def test_a_moderator_suspends_a_member_for_1_3_7_or_30_days(author, thread, moderator, days, at_noon):
    suspension = actions.suspend_member(member=author, moderator=moderator, days=days, reason="Insults")

    assert Suspension.objects.get() == suspension
    assert (suspension.member, suspension.moderator, suspension.reason) == (author, moderator, "Insults")
    assert suspension.until == NOON + timedelta(days=days)
    audit = ModerationAction.objects.get()
    assert (audit.action, audit.member, audit.moderator, audit.reason, audit.detail) == (
        "suspend",
        author,
        moderator,
        "Insults",
        f"{days} days",
    )
    page = text(login(author).get(thread.get_absolute_url()))
    assert "Your account is suspended until" in page and "Insults" in page
    response = login(author).post(f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": "Let me speak"})
    assert response.status_code == 403

    at_noon.move_to(NOON + timedelta(days=days, minutes=1), tick=False)
    assert login(author).post(f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": "Back"}).status_code == 302


@pytest.mark.parametrize("days", [0, 2, 365])
def test_other_suspension_lengths_are_refused(author, moderator, days):
    with pytest.raises(ValueError):
        actions.suspend_member(member=author, moderator=moderator, days=days, reason="Insults")

    assert not Suspension.objects.exists()
    assert not ModerationAction.objects.exists()


# --- The audit trail ------------------------------------------------------------------------------------------------


def test_every_action_is_recorded_with_who_what_target_reason_and_when(
    forum, other_forum, thread, author, post, moderator, make_poster, at_noon
):
    actions.report_post(reporter=make_poster(), post=post, reason="spam")
    steps = [
        lambda: actions.dismiss_reports(post=post, moderator=moderator, reason="r1"),
        lambda: actions.hide_post(post=post, moderator=moderator, reason="r2"),
        lambda: actions.approve_post(post=post, moderator=moderator, reason="r3"),
        lambda: actions.hide_post(post=post, moderator=moderator, reason="r4", remove=True),
        lambda: actions.set_thread_flag(thread=thread, moderator=moderator, flag="locked", value=True, reason="r5"),
        lambda: actions.set_thread_flag(thread=thread, moderator=moderator, flag="pinned", value=True, reason="r6"),
        lambda: actions.move_thread(thread=thread, moderator=moderator, forum=other_forum, reason="r7"),
        lambda: actions.set_slow_mode(thread=thread, moderator=moderator, seconds=60, reason="r8"),
        lambda: actions.suspend_member(member=author, moderator=moderator, days=1, reason="r9"),
    ]
    for minute, step in enumerate(steps):
        at_noon.move_to(NOON + timedelta(minutes=minute), tick=False)
        step()

    trail = list(ModerationAction.objects.order_by("created_at"))

    assert [(a.action, a.reason) for a in trail] == [
        ("dismiss", "r1"),
        ("hide", "r2"),
        ("restore", "r3"),
        ("remove", "r4"),
        ("lock", "r5"),
        ("pin", "r6"),
        ("move", "r7"),
        ("slow_mode", "r8"),
        ("suspend", "r9"),
    ]
    assert [a.created_at for a in trail] == [NOON + timedelta(minutes=m) for m in range(len(steps))]
    assert all(a.moderator == moderator for a in trail)
    assert all(a.post == post for a in trail[:4])
    assert all(a.thread == thread for a in trail[:8])
    assert all(a.member == author for a in trail[:4]) and trail[-1].member == author
    # Append-only: later actions added rows and changed none of the earlier ones.
    assert ModerationAction.objects.filter(action="hide").get().reason == "r2"
