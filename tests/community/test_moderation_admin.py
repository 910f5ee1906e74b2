"""Moderators work one queue in the admin: urgent first, counts, bulk actions with reasons, an audit trail."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from community import actions
from community.models import Forum, ModerationAction, ModeratorScope, Post, Report, Suspension, Visibility
from tests.admin_pages import result_rows, with_two_factor

pytestmark = pytest.mark.django_db
QUEUE = "/admin/community/queuepost/"


@pytest.fixture
def make_moderator(make_member):
    def make(*, forums=None, **fields):
        moderator = with_two_factor(make_member(is_staff=True, **fields))
        moderator.groups.add(Group.objects.get(name="Moderators"))
        if forums is not None:
            ModeratorScope.objects.create(moderator=moderator).forums.set(forums)
        return moderator

    return make


@pytest.fixture
def moderator_client(make_moderator):
    client = Client()
    client.force_login(make_moderator(display_name="Mod Mira"))
    return client


@pytest.fixture
def reported(forum, make_thread, make_poster):
    """A thread with a calm post, a post reported for spam and a post reported as a self-harm risk."""
    thread = make_thread(forum=forum, body="Magnesium helped me a little.")
    spam = actions.reply(author=make_poster(), thread=thread, body="Buy cheap pills at the shop on the corner.")
    worried = actions.reply(author=make_poster(), thread=thread, body="I don't see the point of anything any more.")
    reporter = make_poster()
    actions.report_post(reporter=reporter, post=spam, reason=Report.Reason.SPAM, note="advert")
    actions.report_post(reporter=reporter, post=worried, reason=Report.Reason.SELF_HARM, note="please check on them")
    return {"thread": thread, "spam": spam, "worried": worried}


def test_the_queue_shows_urgent_reports_first_with_counts(moderator_client, reported):
    page = moderator_client.get(QUEUE).content.decode()
    rows = result_rows(page)
    assert rows.index("point of anything") < rows.index("cheap pills")
    assert "URGENT" in rows
    assert "1 urgent" in page and "2 reported posts" in page
    assert "Magnesium helped" not in rows


def test_hiding_needs_a_reason_and_then_the_author_sees_it(moderator_client, reported, client):
    spam = reported["spam"]
    data = {"action": "hide", "_selected_action": [spam.pk], "reason": ""}
    page = moderator_client.post(QUEUE, data, follow=True).content.decode()
    assert "Please give a reason" in page
    assert Post.objects.get(pk=spam.pk).status == Visibility.VISIBLE

    moderator_client.post(QUEUE, {**data, "reason": "Advertising is not allowed here."})
    spam.refresh_from_db()
    assert spam.status == Visibility.HIDDEN and spam.moderation_reason == "Advertising is not allowed here."
    record = ModerationAction.objects.get(action="hide")
    assert record.post == spam and record.reason == "Advertising is not allowed here."
    assert record.moderator.display_name == "Mod Mira"
    assert Report.objects.get(post=spam).state == Report.State.ACTIONED

    client.force_login(spam.author)
    page = client.get(reported["thread"].get_absolute_url()).content.decode()
    assert "Advertising is not allowed here." in page
    client.logout()
    assert "cheap pills" not in client.get(reported["thread"].get_absolute_url()).content.decode()


def test_suspending_from_the_queue_records_how_long_and_why(moderator_client, reported):
    spam = reported["spam"]
    moderator_client.post(
        QUEUE, {"action": "suspend_authors", "_selected_action": [spam.pk], "reason": "Repeated adverts", "days": "7"}
    )
    suspension = Suspension.objects.get(member=spam.author)
    assert suspension.reason == "Repeated adverts"
    assert 6.9 < (suspension.until - suspension.created_at).total_seconds() / 86400 < 7.1
    assert ModerationAction.objects.filter(action="suspend", member=spam.author).exists()


def test_a_moderator_limited_to_one_forum_sees_and_acts_only_there(make_moderator, reported, make_thread, make_poster):
    other_forum = Forum.objects.get(slug="site-feedback")
    moderator = make_moderator(forums=[other_forum])
    client = Client()
    client.force_login(moderator)
    page = client.get(QUEUE).content.decode()
    assert "cheap pills" not in page and "point of anything" not in page
    client.post(QUEUE, {"action": "hide", "_selected_action": [reported["spam"].pk], "reason": "no"})
    assert Post.objects.get(pk=reported["spam"].pk).status == Visibility.VISIBLE

    elsewhere = make_thread(forum=other_forum, author=make_poster(), body="The font is small on my phone.")
    first = Post.objects.get(thread=elsewhere, number=1)
    actions.report_post(reporter=make_poster(), post=first, reason=Report.Reason.OFF_TOPIC)
    assert "The font is small" in result_rows(client.get(QUEUE).content.decode())


def test_the_audit_trail_cannot_be_changed_or_deleted(moderator_client, reported):
    actions.hide_post(post=reported["spam"], moderator=None, reason="x")
    record = ModerationAction.objects.get(action="hide")
    assert moderator_client.get("/admin/community/moderationaction/").status_code == 200
    response = moderator_client.post(f"/admin/community/moderationaction/{record.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert ModerationAction.objects.filter(pk=record.pk).exists()


def test_members_and_staff_without_the_permission_cannot_open_the_queue(client, member, make_member, reported):
    client.force_login(member)
    assert client.get(QUEUE).status_code == 302
    staff = with_two_factor(make_member(is_staff=True))
    client.force_login(staff)
    assert client.get(QUEUE).status_code == 403


def test_an_urgent_report_emails_the_forums_moderators_at_once(
    forum, make_thread, make_poster, make_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    everywhere = make_moderator(email="all-forums@example.org")
    make_moderator(email="elsewhere@example.org", forums=[Forum.objects.get(slug="site-feedback")])
    thread = make_thread(forum=forum, body="Everything feels pointless tonight.")
    reporter = make_poster(display_name="Worried Friend")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.report_post(reporter=reporter, post=Post.objects.get(thread=thread, number=1), reason="self_harm")

    assert [message.to for message in mailoutbox] == [[everywhere.email]]
    message = mailoutbox[0]
    assert message.subject == f"Urgent: a member in {forum.name} may be at risk"
    assert thread.title in message.body
    assert "/admin/community/queuepost/" in message.body
    assert "Worried Friend" not in message.body and reporter.email not in message.body


@pytest.mark.parametrize("size", [3, 30])
def test_the_queue_costs_the_same_at_any_size(size, moderator_client, forum, make_thread, make_poster,
                                              django_assert_max_num_queries):  # fmt: skip
    thread = make_thread(forum=forum)
    reporters = [make_poster(), make_poster()]  # a member may report 20 posts an hour
    for number in range(size):
        post = actions.reply(author=make_poster(), thread=thread, body=f"Reply number {number} about sleep.")
        actions.report_post(reporter=reporters[number % 2], post=post, reason=Report.Reason.OFF_TOPIC)
    # 1. session  2. moderator  3. two-factor check  4. moderator's scope  5-7. the three counts above the list
    # 8-9. the moderator's and their groups' permissions  10. scope again (the change list's queryset)
    # 11. forums for the filter  12-13. filtered and total count  14. the page of posts with thread, forum and author
    # 15. their open reports (one query, not one per row)  16. forums for the "move to" choice
    with django_assert_max_num_queries(16):
        page = moderator_client.get(QUEUE).content.decode()
    assert f"{size} reported posts" in page


def test_slow_mode_that_is_not_a_number_of_minutes_is_refused_with_a_message_in_both_lists(
    moderator_client, forum, make_thread
):
    from community.models import Thread

    thread = make_thread(forum=forum, title="A heated one")
    post = thread.first_post
    for url, selected in (("/admin/community/thread/", thread.pk), (QUEUE, post.pk)):
        for minutes in ("soon", "-5"):
            data = {"action": "slow_mode", "_selected_action": [selected], "slow_mode_minutes": minutes, "reason": ""}
            page = moderator_client.post(url, data, follow=True)
            assert page.status_code == 200
            assert "Slow mode set." not in page.content.decode()
        assert Thread.objects.get(pk=thread.pk).slow_mode_seconds == 0
    data = {"action": "slow_mode", "_selected_action": [thread.pk], "slow_mode_minutes": "5", "reason": ""}
    assert "Slow mode set." in moderator_client.post("/admin/community/thread/", data, follow=True).content.decode()
    assert Thread.objects.get(pk=thread.pk).slow_mode_seconds == 300


# --- Suspensions from their own admin page ---------------------------------------------------------------------------


def _suspension_rows():
    suspensions = list(Suspension.objects.values_list("member", "moderator", "until", "reason", "created_at"))
    audit = list(
        ModerationAction.objects.values_list("action", "member", "moderator", "reason", "detail", "created_at")
    )
    return suspensions, audit


@pytest.mark.parametrize("via", ["admin", "action"])
def test_a_suspension_from_the_admin_form_records_what_the_action_records(via, make_moderator, make_poster):
    import time_machine
    from django.utils import timezone

    moderator, member = make_moderator(display_name="Mod Mira"), make_poster(display_name="Loud Voice")
    moment = timezone.make_aware(timezone.datetime(2026, 3, 2, 12, 0))
    until = timezone.make_aware(timezone.datetime(2026, 3, 9, 18, 30))
    with time_machine.travel(moment, tick=False):
        if via == "admin":
            client = Client()
            client.force_login(moderator)
            data = {"member": member.pk, "until_0": "2026-03-09", "until_1": "18:30:00", "reason": "Insults"}
            response = client.post("/admin/community/suspension/add/", data)
            assert response.status_code == 302, response.content.decode()[:2000]
        else:
            actions.suspend_member_until(member=member, moderator=moderator, until=until, reason="Insults")

    suspensions, audit = _suspension_rows()
    assert suspensions == [(member.pk, moderator.pk, until, "Insults", moment)]
    assert audit == [("suspend", member.pk, moderator.pk, "Insults", "until 2026-03-09 18:30", moment)]


def test_correcting_a_suspension_in_the_admin_keeps_one_audit_row(make_moderator, make_poster):
    # Moderators may not change a suspension once given; an administrator may.
    first, second = make_moderator(display_name="Mod Mira"), make_moderator(display_name="Ada Admin", is_superuser=True)
    member = make_poster(display_name="Loud Voice")
    suspension = actions.suspend_member(member=member, moderator=first, days=3, reason="Insults")
    client = Client()
    client.force_login(second)
    data = {"member": member.pk, "until_0": "2030-01-01", "until_1": "10:00:00", "reason": "Insults, again"}

    response = client.post(f"/admin/community/suspension/{suspension.pk}/change/", data)

    assert response.status_code == 302
    suspension.refresh_from_db()
    assert (suspension.moderator, suspension.reason, suspension.until.year) == (second, "Insults, again", 2030)
    assert ModerationAction.objects.get().moderator == first
