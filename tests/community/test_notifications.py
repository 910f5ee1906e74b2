"""Notifications: who hears about a reply, a mention or a moderator's decision, in the app and by e-mail."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from community import actions, notify, trust
from community.models import Notification, Post, ReadPosition, Subscription, Thread
from portal.models import User
from tests.clients import login
from tests.html import text

pytestmark = pytest.mark.django_db


def mails_to(outbox, member) -> list:
    return [message for message in outbox if message.to == [member.email]]


def unsubscribe_path(message) -> str:
    url = re.search(r"http://testserver(/community/unsubscribe/[^/\s]+/)", message.body)
    assert url, message.body
    return url.group(1)


@pytest.fixture
def opener(make_poster):
    return make_poster(display_name="Opener Olga")


@pytest.fixture
def follower(make_poster):
    return make_poster(display_name="Follower Fred")


@pytest.fixture
def replier(make_poster):
    return make_poster(display_name="Restless Rita")


@pytest.fixture
def thread(forum, opener, follower, make_thread) -> Thread:
    """Olga's thread, which Fred follows because he replied in it."""
    thread = make_thread(forum=forum, author=opener, title="Iron and evenings", body="What time do you take iron?")
    actions.reply(author=follower, thread=thread, body="Mornings, with orange juice.")
    return thread


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run an action the way a request does: notifications go out once its transaction commits."""

    def run(action, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(**kwargs)

    return run


# --- Who is notified ------------------------------------------------------------------------------------------------


def test_a_reply_notifies_the_followers_but_not_its_author(publish, thread, opener, follower, replier, make_poster):
    bystander = make_poster()

    post = publish(actions.reply, author=replier, thread=thread, body="Evenings, but never with tea.")

    notified = Notification.objects.filter(post=post)
    assert sorted((n.user.display_name, n.kind, n.text) for n in notified) == [
        ("Follower Fred", "reply", "Restless Rita replied"),
        ("Opener Olga", "reply", "Restless Rita replied"),
    ]
    assert not Notification.objects.filter(user__in=[replier, bystander]).exists()


def test_starting_or_replying_to_a_thread_follows_it(forum, make_poster):
    opener, replier = make_poster(), make_poster()

    thread, _post = actions.start_thread(author=opener, forum=forum, title="Socks or no socks", body="At night?")
    actions.reply(author=replier, thread=thread, body="Socks, always.")

    assert set(Subscription.objects.filter(thread=thread).values_list("user", flat=True)) == {opener.pk, replier.pk}
    assert "Stop following" in text(login(replier).get(thread.get_absolute_url()))


def test_a_member_who_stops_following_hears_nothing_more(publish, thread, follower, replier):
    login(follower).post(f"/community/{thread.forum.slug}/{thread.pk}/follow/", {"follow": "0"})

    post = publish(actions.reply, author=replier, thread=thread, body="Another idea.")

    assert not Notification.objects.filter(user=follower, post=post).exists()


def test_a_mention_notifies_the_member_named_once_even_if_they_follow(publish, thread, follower, replier, mailoutbox):
    post = publish(actions.reply, author=replier, thread=thread, body="@Follower Fred, does the juice matter?")

    assert list(Notification.objects.filter(user=follower).values_list("kind", "text")) == [
        ("mention", "Restless Rita mentioned you")
    ]
    assert f'<a href="/community/members/{follower.pk}/" rel="nofollow ugc noopener">@Follower Fred</a>' in (
        Post.objects.get(pk=post.pk).body_html
    )
    mails = mails_to(mailoutbox, follower)
    assert len(mails) == 1 and mails[0].subject == "You were mentioned in “Iron and evenings”"


def test_a_mention_reaches_a_member_who_does_not_follow_the_thread(publish, thread, replier, make_poster):
    named = make_poster(display_name="Sleepy Sam")

    post = publish(actions.reply, author=replier, thread=thread, body="Sleepy Sam knows this. @sleepy sam?")

    assert Notification.objects.get(user=named).kind == "mention"
    assert Notification.objects.get(user=named).post == post


def test_a_mention_at_the_end_of_a_sentence_keeps_its_full_stop(publish, thread, replier, make_poster):
    named = make_poster(display_name="Sleepy Sam")

    post = publish(actions.reply, author=replier, thread=thread, body="Ask @Sleepy Sam. She knows.")

    assert Notification.objects.filter(user=named, kind="mention").exists()
    html = Post.objects.get(pk=post.pk).body_html
    assert f'<a href="/community/members/{named.pk}/" rel="nofollow ugc noopener">@Sleepy Sam</a>. She knows.' in html


def test_mentioning_oneself_or_an_unknown_name_notifies_nobody(publish, forum, make_thread, replier, opener):
    thread = make_thread(forum=forum, author=opener, title="Quiet thread")

    publish(actions.reply, author=replier, thread=thread, body="@Restless Rita and @Nobody Here say hi.")

    assert list(Notification.objects.values_list("user__display_name", "kind")) == [("Opener Olga", "reply")]


def test_quoting_a_post_does_not_notify_the_members_it_mentioned_again(publish, thread, replier, make_poster):
    named = make_poster(display_name="Sleepy Sam")
    publish(actions.reply, author=replier, thread=thread, body="@Sleepy Sam try magnesium.")

    quoting = publish(
        actions.reply, author=make_poster(), thread=thread, body="> @Sleepy Sam try magnesium.\n\n@Restless Rita why?"
    )

    assert not Notification.objects.filter(user=named, post=quoting).exists()
    assert Notification.objects.get(user=replier, post=quoting).kind == "mention"


def test_a_post_naming_many_members_notifies_only_the_first_twenty(publish, forum, make_thread, make_member, replier):
    named = [make_member(display_name=f"Reader {number:02}") for number in range(25)]
    thread = make_thread(forum=forum, title="Roll call")

    publish(actions.reply, author=replier, thread=thread, body=" ".join(f"@{m.display_name}" for m in named))

    assert set(Notification.objects.filter(kind="mention").values_list("user", flat=True)) == {m.pk for m in named[:20]}


def test_a_member_who_turned_off_reply_notifications_is_not_notified(publish, thread, follower, replier):
    User.objects.filter(pk=follower.pk).update(notify_on_replies=False)

    publish(actions.reply, author=replier, thread=thread, body="Evenings here.")

    assert not Notification.objects.filter(user=follower).exists()


def test_a_member_who_turned_off_mention_notifications_is_not_notified_of_mentions(
    publish, forum, make_thread, replier, make_poster
):
    named = make_poster(display_name="Sleepy Sam", notify_on_mentions=False)
    thread = make_thread(forum=forum, title="Naps")

    publish(actions.reply, author=replier, thread=thread, body="@Sleepy Sam do you nap?")

    assert not Notification.objects.filter(user=named).exists()


def test_a_waiting_post_notifies_nobody_until_it_is_approved(publish, thread, follower, new_member, moderator):
    waiting = publish(actions.reply, author=new_member, thread=thread, body="@Follower Fred hello!")
    assert not Notification.objects.filter(post=waiting).exists()

    publish(actions.approve_post, post=waiting, moderator=moderator)

    assert Notification.objects.get(user=follower, post=waiting).kind == "mention"


def test_the_author_of_a_waiting_post_hears_when_a_moderator_approves_it(publish, thread, new_member, moderator):
    waiting = publish(actions.reply, author=new_member, thread=thread, body="My first reply here.")
    assert not Notification.objects.filter(user=new_member).exists()

    publish(actions.approve_post, post=waiting, moderator=moderator, reason="Welcome!")

    told = Notification.objects.get(user=new_member, post=waiting)
    assert (told.kind, told.text) == ("moderation", "A moderator approved a post: Welcome!")


# --- E-mail, as the member chose ------------------------------------------------------------------------------------


def test_a_member_who_wants_email_at_once_gets_it_at_once(publish, thread, follower, replier, mailoutbox):
    post = publish(actions.reply, author=replier, thread=thread, body="Evenings, *never* with tea & coffee.")

    [message] = mails_to(mailoutbox, follower)
    assert message.subject == "New reply in “Iron and evenings”"
    assert "Restless Rita replied — “Iron and evenings”" in message.body
    assert "Evenings, never with tea & coffee." in message.body  # an excerpt, as plain text
    assert f"http://testserver{thread.get_absolute_url()}#post-{post.number}" in message.body
    assert message.content_subtype == "plain" and not message.alternatives
    assert Notification.objects.get(user=follower).emailed_at is not None


def test_a_member_who_wants_no_email_gets_none_but_sees_the_notification(
    publish, thread, follower, replier, mailoutbox
):
    User.objects.filter(pk=follower.pk).update(email_frequency="never")

    publish(actions.reply, author=replier, thread=thread, body="Evenings.")

    assert mails_to(mailoutbox, follower) == []
    assert Notification.objects.filter(user=follower, kind="reply").exists()


def test_a_daily_digest_collects_what_the_member_has_not_read(
    publish, forum, make_thread, thread, follower, replier, make_poster, mailoutbox
):
    User.objects.filter(pk=follower.pk).update(email_frequency="daily")
    publish(actions.reply, author=replier, thread=thread, body="First reply of the day.")
    publish(actions.reply, author=make_poster(), thread=thread, body="Second reply of the day.")
    elsewhere = make_thread(forum=forum, title="Cold feet")
    publish(actions.reply, author=replier, thread=elsewhere, body="@Follower Fred what about you?")
    assert mails_to(mailoutbox, follower) == []  # nothing at once

    sent = notify.send_daily_digests.call()

    [digest] = mails_to(mailoutbox, follower)
    assert sent == 1
    assert digest.subject == "3 new notifications on Remedy Commons"
    for words in ("First reply of the day.", "Second reply of the day.", "what about you?", "Cold feet"):
        assert words in digest.body
    assert "To stop all notification e-mails, open:" in digest.body
    assert notify.send_daily_digests.call() == 0  # each notification goes out once
    assert len(mails_to(mailoutbox, follower)) == 1


def test_no_email_for_a_post_the_member_has_already_read(publish, thread, follower, replier, mailoutbox):
    User.objects.filter(pk=follower.pk).update(email_frequency="daily")
    publish(actions.reply, author=replier, thread=thread, body="Read before the digest.")
    login(follower).get(thread.get_absolute_url())  # reading the thread moves the read position

    notify.send_daily_digests.call()

    assert mails_to(mailoutbox, follower) == []
    assert Notification.objects.get(user=follower).emailed_at is not None  # and it is not kept for tomorrow


def test_no_immediate_email_when_the_member_read_the_post_before_it_went_out(
    django_capture_on_commit_callbacks, thread, follower, replier, mailoutbox
):
    with django_capture_on_commit_callbacks() as callbacks:
        post = actions.reply(author=replier, thread=thread, body="Seen already.")
    ReadPosition.objects.filter(user=follower, thread=thread).update(last_read_number=post.number)
    for callback in callbacks:
        callback()

    assert Notification.objects.filter(user=follower, post=post).exists()
    assert mails_to(mailoutbox, follower) == []


def test_a_title_cannot_break_the_subject_line(publish, forum, opener, follower, make_poster, mailoutbox):
    title = "Two\nlines\r\nBcc: x@evil.example"
    thread, _post = actions.start_thread(author=opener, forum=forum, title=title, body="x")
    actions.reply(author=follower, thread=thread, body="Following.")

    publish(actions.reply, author=make_poster(), thread=thread, body="A reply.")

    [message] = mails_to(mailoutbox, follower)
    assert message.subject == "New reply in “Two lines Bcc: x@evil.example”"
    assert message.bcc == []


# --- Unsubscribing from the e-mail ------------------------------------------------------------------------------------


def test_the_email_carries_a_signed_unsubscribe_link_and_list_unsubscribe_headers(
    publish, thread, follower, replier, mailoutbox
):
    publish(actions.reply, author=replier, thread=thread, body="Evenings.")

    [message] = mails_to(mailoutbox, follower)
    path = unsubscribe_path(message)
    token = path.split("/")[-2]
    assert notify.read_unsubscribe_token(token) == {"u": follower.pk, "t": thread.pk}
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{path}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "To stop e-mails about this thread (you will stop following it), open:" in message.body


def test_opening_the_unsubscribe_link_changes_nothing_and_shows_one_button(
    publish, thread, follower, replier, mailoutbox
):
    publish(actions.reply, author=replier, thread=thread, body="Evenings.")
    path = unsubscribe_path(mails_to(mailoutbox, follower)[0])

    response = Client().get(path)  # what a mail scanner or a link preview does

    page = text(response)
    assert response.status_code == 200
    assert "Stop e-mails about “Iron and evenings”? You will stop following it." in page
    assert 'method="post"' in response.content.decode()
    assert "Stop e-mails about this thread" in page
    assert Subscription.objects.filter(user=follower, thread=thread).exists()
    assert User.objects.get(pk=follower.pk).email_frequency == "immediate"


def test_pressing_the_button_stops_the_emails_about_the_thread(publish, thread, follower, replier, mailoutbox):
    publish(actions.reply, author=replier, thread=thread, body="Evenings.")
    path = unsubscribe_path(mails_to(mailoutbox, follower)[0])

    page = text(Client().post(path))  # no login needed
    publish(actions.reply, author=replier, thread=thread, body="And another thing.")

    assert "Done: you no longer follow “Iron and evenings”, and we will not e-mail you about it." in page
    assert not Subscription.objects.filter(user=follower, thread=thread).exists()
    assert len(mails_to(mailoutbox, follower)) == 1
    assert User.objects.get(pk=follower.pk).email_frequency == "immediate"  # other threads still e-mail


def test_opening_the_link_again_after_stopping_says_it_is_done(thread, follower):
    path = f"/community/unsubscribe/{notify.unsubscribe_token(follower, thread=thread)}/"
    Client().post(path)

    page = text(Client().get(path))

    assert "Done: you no longer follow “Iron and evenings”" in page
    assert "Stop e-mails about this thread" not in page


def test_the_link_in_a_mention_email_stops_all_notification_email_after_one_button(
    publish, thread, replier, make_poster, mailoutbox
):
    named = make_poster(display_name="Sleepy Sam")
    publish(actions.reply, author=replier, thread=thread, body="@Sleepy Sam, hello.")
    [message] = mails_to(mailoutbox, named)
    assert "To stop all notification e-mails, open:" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    opened = text(Client().get(unsubscribe_path(message)))
    assert "Stop all notification e-mails? You will still see notifications on the site." in opened
    assert User.objects.get(pk=named.pk).email_frequency == "immediate"

    page = text(Client().post(unsubscribe_path(message)))
    publish(actions.reply, author=replier, thread=thread, body="@Sleepy Sam, are you there?")

    assert "Done: we will not send you notification e-mails any more." in page
    assert User.objects.get(pk=named.pk).email_frequency == "never"
    assert len(mails_to(mailoutbox, named)) == 1
    assert Notification.objects.filter(user=named).count() == 2  # the site still shows them


def test_a_tampered_unsubscribe_link_changes_nothing_and_says_so(publish, thread, follower, replier, mailoutbox):
    publish(actions.reply, author=replier, thread=thread, body="Evenings.")
    path = unsubscribe_path(mails_to(mailoutbox, follower)[0])
    forged = notify.unsubscribe_token(follower, thread=thread).replace(":", ":x", 1)

    responses = [
        send(link)
        for send in (Client().get, Client().post)
        for link in (path[:-3] + "AA/", f"/community/unsubscribe/{forged}/")
    ]

    for response in responses:
        assert response.status_code == 400
        assert "This link is not valid." in text(response)
    assert Subscription.objects.filter(user=follower, thread=thread).exists()
    assert User.objects.get(pk=follower.pk).email_frequency == "immediate"


def test_the_link_for_a_thread_that_was_deleted_does_not_stop_all_email(thread, follower):
    token = notify.unsubscribe_token(follower, thread=thread)
    thread.delete()

    page = text(Client().post(f"/community/unsubscribe/{token}/"))

    assert "That discussion no longer exists" in page
    assert User.objects.get(pk=follower.pk).email_frequency == "immediate"


def test_a_token_signed_for_something_else_is_not_an_unsubscribe_link(follower):
    from django.core import signing

    other = signing.dumps({"u": follower.pk, "t": None})  # right key, wrong salt

    response = Client().post(f"/community/unsubscribe/{other}/")

    assert response.status_code == 400
    assert User.objects.get(pk=follower.pk).email_frequency == "immediate"


def test_a_mail_providers_one_click_post_unsubscribes_without_a_session_or_csrf_token(thread, follower):
    token = notify.unsubscribe_token(follower, thread=thread)

    response = Client(enforce_csrf_checks=True).post(
        f"/community/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert "Done: you no longer follow" in text(response)
    assert not Subscription.objects.filter(user=follower, thread=thread).exists()


# --- Moderators' decisions ------------------------------------------------------------------------------------------


def test_a_moderator_hiding_a_post_tells_its_author_why(publish, thread, follower, moderator, mailoutbox):
    post = thread.posts.get(author=follower)

    publish(actions.hide_post, post=post, moderator=moderator, reason="Please don't give dosing advice")

    notice = Notification.objects.get(user=follower, kind="moderation")
    assert notice.text == "A moderator hid a post: Please don't give dosing advice"
    [message] = mails_to(mailoutbox, follower)
    assert message.subject == "A moderator acted on your post in “Iron and evenings”"
    assert "Please don't give dosing advice" in message.body
    assert "To stop all notification e-mails, open:" in message.body
    page = text(login(follower).get("/community/notifications/"))
    assert "A moderator hid a post: Please don&#x27;t give dosing advice" in page


def test_a_daily_digest_includes_a_moderators_decision_even_about_a_read_post(
    publish, thread, follower, moderator, mailoutbox
):
    User.objects.filter(pk=follower.pk).update(email_frequency="daily")
    publish(actions.hide_post, post=thread.posts.get(author=follower), moderator=moderator, reason="Dosing advice")

    notify.send_daily_digests.call()

    [digest] = mails_to(mailoutbox, follower)
    assert "A moderator hid a post: Dosing advice" in digest.body


# --- The notifications page and the unread count --------------------------------------------------------------------


def test_the_notifications_page_lists_them_newest_first_and_marks_them_read(
    publish, thread, opener, replier, make_poster
):
    publish(actions.reply, author=replier, thread=thread, body="One.")
    publish(actions.reply, author=make_poster(display_name="Late Larry"), thread=thread, body="@Opener Olga two.")
    client = login(opener)

    first_visit = text(client.get("/community/notifications/"))
    second_visit = text(client.get("/community/notifications/"))

    assert first_visit.index("Late Larry mentioned you") < first_visit.index("Restless Rita replied")
    assert first_visit.count('<span class="badge">New</span>') == 2
    assert f'href="{thread.get_absolute_url()}#post-4">Iron and evenings</a>' in first_visit
    assert "Restless Rita replied" in second_visit and '<span class="badge">New</span>' not in second_visit
    assert not Notification.objects.filter(user=opener, read_at__isnull=True).exists()


def test_the_notifications_page_shows_only_ones_own(publish, thread, opener, replier, make_poster):
    publish(actions.reply, author=replier, thread=thread, body="One.")

    page = text(login(make_poster()).get("/community/notifications/"))

    assert "Restless Rita replied" not in page
    assert "Nothing yet." in page


def test_a_visitor_is_sent_to_log_in_for_notifications(client, db):
    response = client.get("/community/notifications/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_unread_count_counts_what_the_member_has_not_opened(publish, thread, opener, replier):
    publish(actions.reply, author=replier, thread=thread, body="One.")
    publish(actions.reply, author=replier, thread=thread, body="Two.")

    assert trust.standing_of(opener).unread_notifications == 2
    login(opener).get("/community/notifications/")
    assert trust.standing_of(opener).unread_notifications == 0


def test_a_visitor_has_no_unread_count_and_no_notifications_link(db):
    from django.contrib.auth.models import AnonymousUser

    assert trust.standing_of(AnonymousUser()) is None
    assert "/community/notifications/" not in Client().get("/community/").content.decode()


def test_the_header_shows_the_unread_count(publish, thread, opener, replier):
    publish(actions.reply, author=replier, thread=thread, body="One.")
    client = login(opener)

    before = text(client.get("/community/"))
    client.get("/community/notifications/")
    after = text(client.get("/community/"))

    header = before[before.index('<nav class="account-nav"') :].split("</nav>", 1)[0]
    assert 'href="/community/notifications/"' in header
    assert '<span class="badge notification-count">1</span>' in header
    assert "notification-count" not in after


def test_a_notification_links_to_the_page_that_holds_the_post(publish, forum, make_thread, opener, make_poster):
    thread = make_thread(forum=forum, author=opener, title="A long one")
    others = [make_poster() for _ in range(3)]
    for number in range(2, 25):
        actions.reply(author=others[number % 3], thread=thread, body=f"Reply {number}.")
    late = publish(actions.reply, author=make_poster(), thread=thread, body="Reply 25.")

    page = text(login(opener).get("/community/notifications/"))

    assert f'href="{thread.get_absolute_url()}?page=2#post-{late.number}"' in page
