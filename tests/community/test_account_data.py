"""A member's discussions in their data export, and what deleting the account does to them."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from community import actions
from community.account_data import DELETED_TEXT
from community.models import (
    Forum,
    HelpfulMark,
    Notification,
    Post,
    PostRevision,
    ReadPosition,
    Report,
    Subscription,
    Thread,
    Visibility,
)
from portal.actions import delete_account
from portal.models import RulesVersion, User
from tests.clients import login
from tests.factories.members import PASSWORD
from tests.html import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver(make_poster):
    return make_poster(display_name="Leaving Lena")


@pytest.fixture
def others(make_poster):
    return [make_poster(display_name=name) for name in ("Staying Sue", "Staying Tom")]


@pytest.fixture
def history(forum, leaver, others, django_capture_on_commit_callbacks):
    """Lena started a thread, replied in Sue's, edited a post, marked Sue's post helpful and reported Tom's."""
    sue, tom = others
    with django_capture_on_commit_callbacks(execute=True):
        own, _ = actions.start_thread(author=leaver, forum=forum, title="My iron diary", body="Week 1: tired.")
        actions.reply(author=sue, thread=own, body="Keep going, Lena!")
        theirs, _ = actions.start_thread(author=sue, forum=forum, title="Sue asks", body="Does yoga help?")
        lenas_reply = actions.reply(author=leaver, thread=theirs, body="Yoga helped me, @Staying Sue.")
        actions.edit_post(post=lenas_reply, editor=leaver, body="Yoga helped me a lot, @Staying Sue.")
        toms = actions.reply(author=tom, thread=theirs, body="Buy my magnet socks.")
        actions.report_post(reporter=leaver, post=toms, reason="spam", note="An advert")
        actions.report_post(reporter=sue, post=lenas_reply, reason="off_topic", note="Hm")
        actions.toggle_helpful(user=leaver, post=theirs.posts.get(number=1))
        actions.toggle_helpful(user=tom, post=theirs.posts.get(number=1))
    return {"own": own, "theirs": theirs, "lenas_reply": lenas_reply, "toms": toms}


def consistent(thread: Thread) -> None:
    """The thread's and its forum's counters and last-post pointers match their visible posts."""
    thread.refresh_from_db()
    visible = Post.objects.filter(thread=thread, status=Visibility.VISIBLE).order_by("number")
    assert thread.post_count == visible.count()
    assert thread.last_post == visible.last() and thread.first_post == visible.first()
    forum = Forum.objects.get(pk=thread.forum_id)
    shown = Thread.objects.filter(forum=forum, status=Visibility.VISIBLE)
    assert forum.thread_count == shown.count()
    assert forum.post_count == Post.objects.filter(thread__in=shown, status=Visibility.VISIBLE).count()


# --- Export ---------------------------------------------------------------------------------------------------------


def test_the_export_holds_the_members_posts_follows_reports_and_accepted_rules(leaver, history):
    data = json.loads(login(leaver).get("/accounts/data/export/").content)["sections"]["discussions"]

    posts = [(p["thread"], p["text"], p["status"]) for p in data["posts"] if p["forum"] == "Living with symptoms"]
    assert posts == [
        ("My iron diary", "Week 1: tired.", "visible"),
        ("Sue asks", "Yoga helped me a lot, @Staying Sue.", "visible"),
    ]
    reply = next(p for p in data["posts"] if p["thread"] == "Sue asks")
    assert reply["url"] == f"{history['theirs'].get_absolute_url()}#post-2"
    assert reply["edited"] is not None
    assert sorted(data["following"]) == ["My iron diary", "Sue asks"]
    assert [(r["thread"], r["reason"], r["note"], r["state"]) for r in data["reports_you_made"]] == [
        ("Sue asks", "spam", "An advert", "open")
    ]
    assert [r["version"] for r in data["rules_accepted"]] == [RulesVersion.objects.current().version]


def test_the_export_never_says_who_reported_the_member(leaver, history):
    body = login(leaver).get("/accounts/data/export/").content.decode()

    assert "Staying Sue" not in body.replace("@Staying Sue", "")
    assert '"Hm"' not in body and "off_topic" not in body


# --- Deletion, keeping the text -------------------------------------------------------------------------------------


def test_deleting_the_account_and_keeping_the_text_leaves_the_posts_under_deleted_member(leaver, history):
    client = login(leaver)

    response = client.post(
        "/accounts/data/delete/", {"password": PASSWORD, "confirm": "on", "keep_contributions": "on"}, follow=True
    )

    assert "Your account and your data have been deleted" in text(response)
    assert not User.objects.filter(display_name="Leaving Lena").exists()
    for thread in (history["own"], history["theirs"]):
        page = text(Client().get(thread.get_absolute_url()))
        assert "Leaving Lena" not in page.replace("@Staying Sue", "")
        assert "Deleted member" in page
    assert "Week 1: tired." in text(Client().get(history["own"].get_absolute_url()))
    assert "Yoga helped me a lot" in text(Client().get(history["theirs"].get_absolute_url()))
    assert PostRevision.objects.filter(post=history["lenas_reply"]).count() == 1
    assert Thread.objects.get(pk=history["own"].pk).author is None
    consistent(history["own"])
    consistent(history["theirs"])


# --- Deletion, removing the text ------------------------------------------------------------------------------------


def test_deleting_the_account_without_keeping_the_text_replaces_it_and_its_history(leaver, history):
    lenas_posts = list(Post.objects.filter(author=leaver).values_list("pk", flat=True))

    delete_account(user=leaver, keep_contributions=False)

    for post in Post.objects.filter(pk__in=lenas_posts):
        assert post.author is None
        assert post.body == DELETED_TEXT and DELETED_TEXT in post.body_html
    assert not PostRevision.objects.filter(post_id__in=lenas_posts).exists()
    page = text(Client().get(history["theirs"].get_absolute_url()))
    assert "Yoga helped me" not in page
    assert "Deleted member" in page and "This member deleted their account and their post with it." in page
    assert "Keep going, Lena!" in text(Client().get(history["own"].get_absolute_url()))  # others' words stay
    # What reporters saw is not kept against the member's choice either.
    assert Report.objects.get(post=history["lenas_reply"]).snapshot == DELETED_TEXT


@pytest.mark.parametrize("keep", [True, False])
def test_thread_and_forum_counters_stay_consistent_after_deletion(leaver, history, keep):
    before = {pk: Thread.objects.get(pk=pk).post_count for pk in (history["own"].pk, history["theirs"].pk)}

    delete_account(user=leaver, keep_contributions=keep)

    for thread in (history["own"], history["theirs"]):
        consistent(thread)
        assert thread.post_count == before[thread.pk]  # the posts keep their places


def test_deleting_the_account_withdraws_the_members_helpful_marks(leaver, history, others):
    marked = history["theirs"].posts.get(number=1)
    assert Post.objects.get(pk=marked.pk).helpful_count == 2

    delete_account(user=leaver, keep_contributions=True)

    assert Post.objects.get(pk=marked.pk).helpful_count == 1
    assert list(HelpfulMark.objects.filter(post=marked).values_list("user", flat=True)) == [others[1].pk]
    assert "1 member found this helpful" in text(Client().get(history["theirs"].get_absolute_url()))


def test_what_was_only_about_the_member_goes_with_the_account(leaver, history):
    leaver_id = leaver.pk

    delete_account(user=leaver, keep_contributions=True)

    for model in (Subscription, ReadPosition, Notification, HelpfulMark):
        assert not model.objects.filter(user_id=leaver_id).exists()


def test_others_notifications_no_longer_name_the_deleted_member(leaver, history, others):
    sue = others[0]
    assert set(Notification.objects.filter(user=sue).values_list("text", flat=True)) >= {"Leaving Lena mentioned you"}

    delete_account(user=leaver, keep_contributions=True)

    texts = set(Notification.objects.filter(user=sue).values_list("text", flat=True))
    assert "A former member mentioned you" in texts
    assert not any("Leaving Lena" in t for t in texts)
    assert "Leaving Lena" not in text(login(sue).get("/community/notifications/"))


def test_reports_the_member_made_stay_for_the_moderators(leaver, history):
    delete_account(user=leaver, keep_contributions=False)

    report = Report.objects.get(post=history["toms"])
    assert (report.reporter, report.state, report.note) == (None, "open", "An advert")
    assert Post.objects.get(pk=history["toms"].pk).body == "Buy my magnet socks."
