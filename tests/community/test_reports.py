"""Members report posts: a reason, a note, a snapshot, anonymity, auto-hiding, and urgency for self-harm."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import Client

from community import actions
from community.holes import needs_crisis_support
from community.models import Forum, ModerationAction, Notification, Post, Report, Thread, Visibility
from tests.clients import login
from tests.html import error_next_to, text

pytestmark = pytest.mark.django_db

# SPEC §5: the reasons a member can give, as the report form shows them.
SPEC_REASONS = [
    "Spam or promotion",
    "Abuse or harassment",
    "Unsafe medical advice or misinformation",
    "Personal information",
    "The member may be at risk of self-harm",
    "The member may be under age",
    "Off-topic",
    "Something else",
]


def report_url(post: Post) -> str:
    return f"/community/posts/{post.pk}/report/"


@pytest.fixture
def author(make_poster):
    return make_poster(display_name="Restless Rita")


@pytest.fixture
def thread(forum, make_thread, make_poster):
    return make_thread(forum=forum, author=make_poster(display_name="Opener Olga"), title="Iron and evenings")


@pytest.fixture
def post(thread, author) -> Post:
    """A visible reply by `author`, the post the tests report."""
    return actions.reply(author=author, thread=thread, body="Stop your iron tablets, magnets cure it all.")


def report_through_page(reporter, post: Post, reason: str = "misinformation", note: str = ""):
    return login(reporter).post(report_url(post), {"reason": reason, "note": note}, follow=True)


# --- Filing a report ------------------------------------------------------------------------------------------------


def test_the_report_page_offers_every_reason_of_the_spec_and_a_note(make_poster, post):
    page = text(login(make_poster()).get(report_url(post)))

    for label in SPEC_REASONS:
        assert label in page
    assert 'name="note"' in page
    assert "The author never learns who reported." in page
    assert "Stop your iron tablets" in page  # the post being reported is shown


@pytest.mark.parametrize("reason", Report.Reason.values)
def test_any_verified_member_can_report_a_post_with_each_reason_and_a_note(make_poster, post, reason):
    reporter = make_poster()

    response = report_through_page(reporter, post, reason=reason, note="  Please have a look.  ")

    report = Report.objects.get(post=post)
    assert (report.reporter, report.reason, report.state) == (reporter, reason, "open")
    assert report.note == "Please have a look."
    assert report.urgent is (reason == "self_harm")
    assert "Thank you. A moderator will look at it." in text(response)
    post.refresh_from_db()
    assert post.open_report_count == 1
    assert post.status == Visibility.VISIBLE  # one report alone hides nothing


def test_a_report_without_a_reason_shows_the_error_next_to_the_reason(make_poster, post):
    response = login(make_poster()).post(report_url(post), {"reason": "", "note": "hmm"})

    assert response.status_code == 200
    assert "This field is required." in error_next_to(response.content.decode(), "reason")
    assert not Report.objects.exists()


def test_an_unknown_reason_is_refused_next_to_the_reason(make_poster, post):
    response = login(make_poster()).post(report_url(post), {"reason": "boring"})

    assert "Select a valid choice." in error_next_to(response.content.decode(), "reason")
    assert not Report.objects.exists()


def test_a_member_with_an_unverified_address_cannot_report(make_member, post):
    response = login(make_member(verified=False)).post(report_url(post), {"reason": "spam"})

    assert response.status_code == 403
    assert not Report.objects.exists()


def test_a_visitor_is_sent_to_log_in(client, post):
    response = client.post(report_url(post), {"reason": "spam"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Report.objects.exists()


def test_one_cannot_report_ones_own_post(author, post):
    client = login(author)

    assert client.get(report_url(post)).status_code == 403
    assert client.post(report_url(post), {"reason": "spam"}).status_code == 403
    with pytest.raises(ValueError):
        actions.report_post(reporter=author, post=post, reason="spam")
    assert not Report.objects.exists()


def test_the_thread_page_offers_report_on_others_posts_only(author, post, make_poster):
    own_page = login(author).get(post.thread.get_absolute_url()).content.decode()
    other_page = login(make_poster()).get(post.thread.get_absolute_url()).content.decode()

    assert report_url(post) not in own_page
    assert report_url(post) in other_page


def test_a_post_that_is_not_visible_cannot_be_reported(make_poster, post, moderator):
    actions.hide_post(post=post, moderator=moderator, reason="Unsafe advice")

    assert login(make_poster()).get(report_url(post)).status_code in (403, 404)


def test_a_member_has_one_open_report_per_post(make_poster, post):
    reporter = make_poster()
    report_through_page(reporter, post, reason="spam", note="first")

    response = report_through_page(reporter, post, reason="abuse", note="second")

    assert "You have already reported this post" in text(response)
    assert list(Report.objects.values_list("reason", "note")) == [("spam", "first")]
    post.refresh_from_db()
    assert post.open_report_count == 1


def test_once_a_report_is_decided_the_member_may_report_the_post_again(make_poster, post, moderator):
    reporter = make_poster()
    actions.report_post(reporter=reporter, post=post, reason="spam")
    actions.dismiss_reports(post=post, moderator=moderator, reason="Not spam")

    _report, created = actions.report_post(reporter=reporter, post=post, reason="abuse")

    assert created
    assert list(Report.objects.order_by("pk").values_list("state", flat=True)) == ["dismissed", "open"]


# --- The snapshot, and anonymity ------------------------------------------------------------------------------------


def test_the_report_keeps_the_post_as_it_was_when_reported(make_poster, author, post):
    report_through_page(make_poster(), post, reason="misinformation")

    actions.edit_post(post=post, editor=author, body="Talk to your doctor before stopping iron.")

    report = Report.objects.get()
    assert report.snapshot == "Stop your iron tablets, magnets cure it all."
    assert Post.objects.get(pk=post.pk).body == "Talk to your doctor before stopping iron."


def test_the_authors_pages_never_show_who_reported(
    make_poster, author, post, django_capture_on_commit_callbacks, mailoutbox
):
    reporters = [make_poster(display_name=name) for name in ("Sharp Eyes", "Quiet Watcher", "Night Guard")]
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters:
            report_through_page(reporter, post, reason="abuse", note="Rude to Olga")

    client = login(author)
    seen = " ".join(
        text(client.get(url))
        for url in (post.thread.get_absolute_url(), "/community/notifications/", f"/community/members/{author.pk}/")
    )
    seen += client.get("/accounts/data/export/").content.decode()
    seen += " ".join(message.subject + message.body for message in mailoutbox if author.email in message.to)

    assert "Your post is hidden while a moderator looks at reports about it." in seen  # they are told…
    for reporter in reporters:  # …but never by whom
        assert reporter.display_name not in seen
        assert reporter.email not in seen
    assert "Rude to Olga" not in seen


# --- Enough reports hide a post -------------------------------------------------------------------------------------


def test_a_post_with_three_open_reports_is_hidden_until_a_moderator_looks(
    forum, thread, author, post, make_poster, django_capture_on_commit_callbacks
):
    forum.refresh_from_db()
    posts_before, threads_before = forum.post_count, forum.thread_count
    assert Thread.objects.get(pk=thread.pk).post_count == 2

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            report_through_page(make_poster(), post, reason="misinformation")
        assert Post.objects.get(pk=post.pk).status == Visibility.VISIBLE  # two are not enough
        report_through_page(make_poster(), post, reason="spam")

    post.refresh_from_db()
    assert post.status == Visibility.HIDDEN
    assert post.moderation_reason == "Hidden while a moderator looks at reports about it."
    thread.refresh_from_db()
    assert thread.post_count == 1
    assert thread.last_post_id == thread.first_post_id
    forum = Forum.objects.get(pk=forum.pk)
    assert forum.post_count == posts_before - 1
    assert forum.thread_count == threads_before
    audit = ModerationAction.objects.get(action=ModerationAction.Action.AUTO_HIDE)
    assert (audit.post, audit.thread, audit.member, audit.moderator) == (post, thread, author, None)
    assert audit.reason == "Hidden while a moderator looks at reports about it."
    assert Report.objects.filter(post=post, state="open").count() == 3  # still waiting for the moderator


def test_the_author_sees_why_their_post_is_hidden_and_others_do_not_see_it(
    thread, author, post, make_poster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            actions.report_post(reporter=make_poster(), post=post, reason="misinformation")

    authors_view = text(login(author).get(thread.get_absolute_url()))
    members_view = text(login(make_poster()).get(thread.get_absolute_url()))
    visitors_view = text(Client().get(thread.get_absolute_url()))

    assert "Stop your iron tablets" in authors_view
    assert "This post is hidden. Reason: Hidden while a moderator looks at reports about it." in authors_view
    assert "Only you can see it." in authors_view
    for view in (members_view, visitors_view):
        assert "Stop your iron tablets" not in view
        assert "Iron and evenings" in view  # the thread itself stays
    notification = Notification.objects.get(user=author)
    assert notification.kind == Notification.Kind.MODERATION


def test_reports_about_a_post_already_hidden_do_not_count_it_out_twice(
    forum, thread, post, make_poster, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            actions.report_post(reporter=make_poster(), post=post, reason="spam")

    thread.refresh_from_db()
    assert thread.post_count == 1
    assert ModerationAction.objects.filter(action="auto_hide").count() == 1


# --- Self-harm reports are urgent, and the author is shown where help is ---------------------------------------------


def test_a_self_harm_report_is_urgent_and_comes_first_in_the_queue(make_poster, thread, post):
    other = actions.reply(author=make_poster(), thread=thread, body="Buy my supplements at a discount.")
    actions.report_post(reporter=make_poster(), post=other, reason="spam")
    actions.report_post(reporter=make_poster(), post=post, reason="self_harm", note="They wrote they cannot go on")

    queue = list(Report.objects.filter(state="open"))

    assert [(r.post, r.urgent) for r in queue] == [(post, True), (other, False)]


def test_the_author_of_a_post_with_an_open_self_harm_report_is_offered_crisis_support(make_poster, author, post):
    reporter = make_poster()
    assert not needs_crisis_support(author)

    actions.report_post(reporter=reporter, post=post, reason="self_harm")

    assert needs_crisis_support(author)
    assert not needs_crisis_support(reporter)  # only the author, nobody else
    assert not needs_crisis_support(AnonymousUser())


def test_crisis_support_ends_when_the_urgent_report_is_decided(make_poster, author, post, moderator):
    actions.report_post(reporter=make_poster(), post=post, reason="self_harm")
    actions.dismiss_reports(post=post, moderator=moderator, reason="Checked in with them by message")

    assert not needs_crisis_support(author)


def test_the_thread_page_shows_the_author_crisis_resources_while_an_urgent_report_is_open(
    make_poster, author, thread, post
):
    actions.report_post(reporter=make_poster(), post=post, reason="self_harm")

    authors_page = login(author).get(thread.get_absolute_url()).content.decode()
    others_page = login(make_poster()).get(thread.get_absolute_url()).content.decode()

    assert 'class="crisis-support' in authors_page
    box = authors_page[authors_page.index('class="crisis-support') :].split("</aside>", 1)[0]
    assert "Need support now?" in box and 'href="/support/"' in box
    assert 'class="crisis-support' not in others_page
    assert 'class="crisis-support' not in Client().get(thread.get_absolute_url()).content.decode()


def test_the_crisis_resources_go_once_a_moderator_has_looked(make_poster, author, thread, post, moderator):
    actions.report_post(reporter=make_poster(), post=post, reason="self_harm")
    actions.dismiss_reports(post=post, moderator=moderator, reason="Reached out to them privately")

    page = login(author).get(thread.get_absolute_url()).content.decode()

    assert 'class="crisis-support' not in page


def test_a_non_urgent_report_shows_the_author_nothing(make_poster, author, thread, post):
    actions.report_post(reporter=make_poster(), post=post, reason="off_topic")

    assert not needs_crisis_support(author)
    assert 'class="crisis-support' not in login(author).get(thread.get_absolute_url()).content.decode()
    assert mail.outbox == []
