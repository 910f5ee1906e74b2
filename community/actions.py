"""Changes to the discussions: posting, editing, helpful marks, reports and moderation.

Every flow runs in one transaction and moves the denormalised counters
(thread and forum post counts, last-post pointers, helpful and report counts)
with it. Checks of who may do what live in `community.permissions`; callers ask
those first, and these functions re-check what matters for integrity.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import notify, permissions, trust
from community.forms import ReplyForm, ThreadForm
from community.invalidation import discussions_changed
from community.models import (
    Forum,
    HelpfulMark,
    ModerationAction,
    Post,
    PostRevision,
    ReadPosition,
    Report,
    RulesAcceptance,
    Subscription,
    Suspension,
    Thread,
    ThreadFacts,
    Visibility,
)
from community.trust import AUTO_HIDE_REPORTS, Refusal, needs_premoderation
from therapies.models import Therapy

log = logging.getLogger(__name__)

# The suspensions a moderator can give, in days.
SUSPENSION_DAYS = (1, 3, 7, 30)
# What the author of a post hidden by reports reads on it; a dismissal restores only posts hidden this way.
AUTO_HIDE_REASON = "Hidden while a moderator looks at reports about it."


# --- Rules -----------------------------------------------------------------------------------------------------------


def accept_rules(*, member, rules) -> None:
    RulesAcceptance.objects.get_or_create(member=member, rules=rules)


# --- Posting ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def start_thread(
    *, author, forum: Forum, title: str, body: str, therapy=None, members_only: bool = False
) -> tuple[Thread, Post]:
    status = Visibility.PENDING if needs_premoderation(author, body) else Visibility.VISIBLE
    thread = Thread.objects.create(
        forum=forum,
        title=title.strip(),
        author=author,
        therapy=therapy,
        members_only=members_only,
        status=status,
        next_number=1,
    )
    post = _add_post(thread=thread, author=author, body=body, status=status)
    Subscription.objects.get_or_create(user=author, thread=thread)
    # The counters and pointers moved in the database; hand back the thread as it now is.
    thread.refresh_from_db(
        fields=["status", "post_count", "first_post", "last_post", "next_number", "last_activity_at"]
    )
    return thread, post


@transaction.atomic
def reply(*, author, thread: Thread, body: str) -> Post:
    status = Visibility.PENDING if needs_premoderation(author, body) else Visibility.VISIBLE
    post = _add_post(thread=thread, author=author, body=body, status=status)
    Subscription.objects.get_or_create(user=author, thread=thread)
    return post


# --- Posting as the pages and the API do it: checks, form, trust rules, then the post ---------------------------------


@dataclass
class Submission:
    """What became of a thread or a reply a member sent; the pages and the API answer from it alike.

    One of: `post` is set (written; its status says whether it waits for a moderator); `refusal` (the member may
    not post here at all now, and nothing was read); `duplicate` (the same text was just posted: `thread` is where
    it is, `message` says so); `spam` (the honeypot was filled: answer as if posted, nothing was created); or
    messages per field on `form` (`limited` is set when the message is a rate limit or slow mode).
    """

    form: forms.Form | None = None
    post: Post | None = None
    thread: Thread | None = None
    refusal: Refusal | None = None
    limited: Refusal | None = None
    duplicate: bool = False
    spam: bool = False
    message: str = ""

    @property
    def posted_message(self) -> str:
        """What the member is told of the thread or reply written (`post`): posted, or waiting for a moderator."""
        return posted_message(self.post)


def posted_message(post: Post) -> str:
    """What a member is told once their thread (its first post) or reply is written: posted, or waiting."""
    if post.status == Visibility.PENDING:
        if post.number == 1:
            return _("Thank you. Your thread is waiting for a moderator; it appears once approved.")
        return _("Thank you. Your reply is waiting for a moderator; it appears once approved.")
    return _("Your thread is posted.") if post.number == 1 else _("Your reply is posted.")


def published_therapies() -> list[Therapy]:
    """The therapies a thread may be about."""
    return list(Therapy.objects.published().only("name", "slug"))


def submit_thread(
    *, author, forum: Forum, data: Mapping[str, Any], therapies: list[Therapy] | None = None
) -> Submission:
    """Start a thread from what the member sent (`data`, as the thread form reads it), if every rule allows."""
    refusal = permissions.posting_refusal(author)
    if refusal is not None:
        return Submission(refusal=refusal)
    therapies = published_therapies() if therapies is None else therapies
    needed_rules = trust.needs_rules_acceptance(author)
    form = ThreadForm(data, therapies=therapies, rules=needed_rules)
    if not form.is_valid():
        return Submission(form=form)
    if form.is_spam:
        log.info("honeypot filled on a new thread by member %s", author.pk)
        return Submission(form=form, spam=True)
    cleaned = form.cleaned_data
    with transaction.atomic():
        _one_post_at_a_time(author)
        # A double submit is answered with what was posted, before any limit could refuse it.
        if trust.is_duplicate(author, body=cleaned["body"], title=cleaned["title"]):
            existing = (
                Thread.objects.filter(author=author, title__iexact=cleaned["title"].strip())
                .order_by("-created_at")
                .first()
            )
            return Submission(
                form=form, duplicate=True, thread=existing, message=_("You have already posted this; here it is.")
            )
        limited = trust.rate_limit_refusal(author, kind="thread")
        if limited is not None:
            form.add_error(None, limited.message)
            return Submission(form=form, limited=limited)
        if needed_rules is not None:
            accept_rules(member=author, rules=needed_rules)
        thread, post = start_thread(
            author=author,
            forum=forum,
            title=cleaned["title"],
            body=cleaned["body"],
            therapy=next((t for t in therapies if t.slug == cleaned["therapy"]), None),
            members_only=cleaned["members_only"],
        )
    return Submission(form=form, thread=thread, post=post)


def submit_reply(*, author, thread: Thread, data: Mapping[str, Any]) -> Submission:
    """Reply in `thread` from what the member sent (`data`, as the reply form reads it), if every rule allows."""
    refusal = permissions.reply_refusal(author, thread)
    if refusal is not None:
        return Submission(refusal=refusal)
    needed_rules = trust.needs_rules_acceptance(author)
    form = ReplyForm(data, rules=needed_rules)
    if not form.is_valid():
        return Submission(form=form)
    if form.is_spam:
        log.info("honeypot filled on a reply by member %s", author.pk)
        return Submission(form=form, spam=True)
    body = form.cleaned_data["body"]
    with transaction.atomic():
        _one_post_at_a_time(author)
        # A double submit is answered as such, before a rate limit or slow mode could refuse it.
        if trust.is_duplicate(author, body=body, thread=thread):
            return Submission(
                form=form, duplicate=True, thread=thread, message=_("You have already posted this reply.")
            )
        limited = trust.rate_limit_refusal(author, kind="reply", thread=thread)
        if limited is not None:
            form.add_error(None, limited.message)
            return Submission(form=form, limited=limited)
        if needed_rules is not None:
            accept_rules(member=author, rules=needed_rules)
        post = reply(author=author, thread=thread, body=body)
    return Submission(form=form, thread=thread, post=post)


def _one_post_at_a_time(user) -> None:
    """Serialise one member's posting (a double click sends two requests at once) until the transaction ends."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk").first()


def _add_post(*, thread: Thread, author, body: str, status: str) -> Post:
    # Lock the thread row: numbers and counters of concurrent replies serialise here.
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    post = Post.objects.create(
        thread=locked, author=author, body=body.strip(), status=status, number=locked.next_number
    )
    Thread.objects.filter(pk=locked.pk).update(next_number=F("next_number") + 1)
    if status == Visibility.VISIBLE:
        _published(post, opens_thread=post.number == 1)
    _mark_read(user=author, thread=locked, number=post.number)
    thread.next_number = locked.next_number + 1
    return post


def _published(post: Post, *, opens_thread: bool = False) -> None:
    """A post became visible: move the counters and pointers, notify followers and mentioned members.

    `opens_thread` is true when this post makes its thread appear (a new thread, or an approved waiting one).
    """
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    updates = {"post_count": F("post_count") + 1, "last_activity_at": Greatest(F("last_activity_at"), post.created_at)}
    if thread.first_post_id is None or post.number < _number_of(thread.first_post_id):
        updates["first_post"] = post
    if thread.last_post_id is None or post.number > _number_of(thread.last_post_id):
        updates["last_post"] = post
    if opens_thread:
        updates["status"] = Visibility.VISIBLE
    Thread.objects.filter(pk=thread.pk).update(**updates)
    if opens_thread or thread.is_visible:
        forum_updates = {"post_count": F("post_count") + 1}
        if opens_thread:
            forum_updates["thread_count"] = F("thread_count") + 1
        Forum.objects.filter(pk=thread.forum_id).update(**forum_updates)
        _refresh_forum_last_post(thread.forum_id)
    transaction.on_commit(lambda: notify.post_published(post.pk))


def _number_of(post_id: int) -> int:
    return Post.objects.filter(pk=post_id).values_list("number", flat=True).first() or 0


def _unpublished(post: Post) -> None:
    """A visible post was hidden or removed: take it out of the counters and pointers."""
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    Thread.objects.filter(pk=thread.pk).update(post_count=Greatest(F("post_count") - 1, 0))
    _refresh_thread_pointers(thread)
    if thread.is_visible:
        Forum.objects.filter(pk=thread.forum_id).update(post_count=Greatest(F("post_count") - 1, 0))
        _refresh_forum_last_post(thread.forum_id)


def _refresh_thread_pointers(thread: Thread) -> None:
    visible = Post.objects.filter(thread=thread, status=Visibility.VISIBLE)
    last = visible.order_by("-number").values("pk", "created_at").first()
    first = visible.order_by("number").values_list("pk", flat=True).first()
    Thread.objects.filter(pk=thread.pk).update(
        last_post_id=last["pk"] if last else None,
        first_post_id=first,
        last_activity_at=last["created_at"] if last else thread.created_at,
    )


def _refresh_forum_last_post(forum_id: int) -> None:
    latest = (
        Thread.objects.filter(forum_id=forum_id, status=Visibility.VISIBLE, last_post__isnull=False)
        .order_by("-last_activity_at")
        .values("last_post_id", "last_activity_at")
        .first()
    )
    Forum.objects.filter(pk=forum_id).update(
        last_post_id=latest["last_post_id"] if latest else None,
        last_activity_at=latest["last_activity_at"] if latest else None,
    )


@transaction.atomic
def edit_post(*, post: Post, editor, body: str) -> Post:
    body = body.strip()
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    return post


# --- Reading ---------------------------------------------------------------------------------------------------------


def _mark_read(*, user, thread: Thread, number: int) -> None:
    if not user.is_authenticated:
        return
    updated = ReadPosition.objects.filter(user=user, thread_id=thread.pk, last_read_number__lt=number).update(
        last_read_number=number, updated_at=timezone.now()
    )
    if not updated:
        # No row yet (or one further along already): one INSERT that leaves an existing row alone.
        ReadPosition.objects.bulk_create(
            [ReadPosition(user=user, thread_id=thread.pk, last_read_number=number)], ignore_conflicts=True
        )


def mark_read(*, user, thread: Thread | ThreadFacts, number: int) -> None:
    """Remember that `user` has seen posts up to `number` (never moves backwards)."""
    _mark_read(user=user, thread=thread, number=number)


# --- Helpful marks and subscriptions ---------------------------------------------------------------------------------


@transaction.atomic
def toggle_helpful(*, user, post: Post) -> tuple[bool, int]:
    """Mark or unmark; returns (marked now, helpful count)."""
    Post.objects.select_for_update().filter(pk=post.pk).values_list("pk").get()
    deleted, _rows = HelpfulMark.objects.filter(post=post, user=user).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(helpful_count=Greatest(F("helpful_count") - 1, 0))
    else:
        HelpfulMark.objects.create(post=post, user=user)
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
    count = Post.objects.filter(pk=post.pk).values_list("helpful_count", flat=True).get()
    return not deleted, count


def set_subscription(*, user, thread: Thread, follow: bool) -> None:
    if follow:
        Subscription.objects.get_or_create(user=user, thread=thread)
    else:
        Subscription.objects.filter(user=user, thread=thread).delete()


@transaction.atomic
def unsubscribe_by_link(*, member, thread: Thread | None) -> None:
    """The signed link in a notification e-mail: a link about one thread stops e-mail about it (the member stops
    following it); any other link stops all notification e-mail (the site still shows the notifications)."""
    if thread is not None:
        set_subscription(user=member, thread=thread, follow=False)
    elif member.email_frequency != get_user_model().EmailFrequency.NEVER:
        member.email_frequency = get_user_model().EmailFrequency.NEVER
        member.save(update_fields=["email_frequency"])


# --- Reports ---------------------------------------------------------------------------------------------------------


class TooManyReports(Exception):
    """The member has sent as many reports as `trust.report_rate_refusal` allows for now; `refusal` says until when."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.message)
        self.refusal = refusal


# What the reporter reads, on the page and from the API.
REPORT_RECEIVED = gettext_lazy("Thank you. A moderator will look at it. The author will not learn who reported.")
ALREADY_REPORTED = gettext_lazy("You have already reported this post; a moderator will look at it.")


@transaction.atomic
def report_post(*, reporter, post: Post, reason: str, note: str = "") -> tuple[Report, bool]:
    """File a report (one open report per member and post); returns (report, created).

    The report keeps the text as it was; enough open reports hide a visible post until a moderator looks. Raises
    TooManyReports, and stores nothing, when the member reached the report limit (reporting a post again still
    answers with the open report).
    """
    if reason not in Report.Reason.values:
        raise ValueError(f"Unknown report reason {reason!r}")
    # The member's row first, as posting locks it: two reports sent at once are counted one after the other.
    _one_post_at_a_time(reporter)
    # of=("self",) wherever related rows come along: lock only this row (PostgreSQL also refuses FOR UPDATE on the
    # nullable side of an outer join, which a nullable author brings).
    locked = Post.objects.select_for_update(of=("self",)).select_related("thread").get(pk=post.pk)
    if locked.author_id is not None and locked.author_id == reporter.pk:
        raise ValueError("A member cannot report their own post.")
    existing = Report.objects.filter(post=locked, reporter=reporter, state=Report.State.OPEN).first()
    if existing is not None:
        return existing, False
    if (limited := trust.report_rate_refusal(reporter)) is not None:
        raise TooManyReports(limited)
    report = Report.objects.create(
        post=locked,
        reporter=reporter,
        reason=reason,
        note=note.strip(),
        snapshot=locked.body,
        urgent=reason == Report.Reason.SELF_HARM,
    )
    Post.objects.filter(pk=locked.pk).update(open_report_count=F("open_report_count") + 1)
    if report.urgent:
        # Someone may be at risk: the moderators hear now, not when they next open the queue.
        transaction.on_commit(lambda: notify.urgent_report(report.pk))
    locked.refresh_from_db(fields=["open_report_count"])
    if locked.is_visible and locked.open_report_count >= AUTO_HIDE_REPORTS:
        locked.status = Visibility.HIDDEN
        locked.moderation_reason = AUTO_HIDE_REASON
        locked.save(update_fields=["status", "moderation_reason"])
        _unpublished(locked)
        action = _record(None, ModerationAction.Action.AUTO_HIDE, post=locked, reason=AUTO_HIDE_REASON)
        transaction.on_commit(lambda: notify.moderated(action.pk))
    return report, True


# --- Moderation ------------------------------------------------------------------------------------------------------


def _record(moderator, action: str, *, post=None, thread=None, member=None, reason: str = "", detail: str = ""):
    return ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        post=post,
        thread=thread or (post.thread if post else None),
        member=member or (post.author if post else None),
        reason=reason,
        detail=detail[:300],
    )


def _close_reports(post: Post, *, moderator, state: str) -> int:
    closed = Report.objects.filter(post=post, state=Report.State.OPEN).update(
        state=state, decided_by=moderator, decided_at=timezone.now()
    )
    if closed:
        Post.objects.filter(pk=post.pk).update(open_report_count=0)
    return closed


@transaction.atomic
def approve_post(*, post: Post, moderator, reason: str = "") -> Post:
    """Publish a waiting post, or restore a hidden or removed one; open reports about it are dismissed."""
    post = Post.objects.select_for_update(of=("self",)).select_related("thread", "author").get(pk=post.pk)
    previous = post.status
    post.status = Visibility.VISIBLE
    post.moderation_reason = ""
    post.save(update_fields=["status", "moderation_reason"])
    _close_reports(post, moderator=moderator, state=Report.State.DISMISSED)
    if previous != Visibility.VISIBLE:
        # The opening post of a thread that never appeared (waiting, or turned down earlier) opens it now.
        _published(post, opens_thread=post.number == 1 and post.thread.status != Visibility.VISIBLE)
    action = _record(
        moderator,
        ModerationAction.Action.RESTORE
        if previous in (Visibility.HIDDEN, Visibility.REMOVED)
        else ModerationAction.Action.APPROVE,
        post=post,
        reason=reason,
    )
    if previous != Visibility.VISIBLE:
        # The author read "waiting for a moderator" or why it was hidden; they should read that it is out now.
        transaction.on_commit(lambda: notify.moderated(action.pk))
    return post


@transaction.atomic
def hide_post(*, post: Post, moderator, reason: str, remove: bool = False) -> Post:
    """Hide (or remove) a post with a reason the author sees; open reports about it are closed as acted on."""
    if not reason.strip():
        raise ValueError("Hiding or removing a post needs a reason the author can read.")
    post = Post.objects.select_for_update(of=("self",)).select_related("thread", "author").get(pk=post.pk)
    was_visible = post.is_visible
    post.status = Visibility.REMOVED if remove else Visibility.HIDDEN
    post.moderation_reason = reason.strip()[:300]
    post.save(update_fields=["status", "moderation_reason"])
    _close_reports(post, moderator=moderator, state=Report.State.ACTIONED)
    if was_visible:
        _unpublished(post)
    if post.number == 1 and post.thread.status == Visibility.PENDING:
        Thread.objects.filter(pk=post.thread_id).update(status=post.status)
    action = _record(
        moderator,
        ModerationAction.Action.REMOVE if remove else ModerationAction.Action.HIDE,
        post=post,
        reason=post.moderation_reason,
    )
    transaction.on_commit(lambda: notify.moderated(action.pk))
    return post


@transaction.atomic
def dismiss_reports(*, post: Post, moderator, reason: str = "") -> None:
    """Close the open reports about a post as unfounded; a post that the reports hid comes back."""
    post = Post.objects.select_for_update(of=("self",)).select_related("thread", "author").get(pk=post.pk)
    _close_reports(post, moderator=moderator, state=Report.State.DISMISSED)
    _record(moderator, ModerationAction.Action.DISMISS, post=post, reason=reason)
    if post.status == Visibility.HIDDEN and post.moderation_reason == AUTO_HIDE_REASON:
        approve_post(post=post, moderator=moderator, reason=reason or "Reports dismissed")


@transaction.atomic
def set_thread_flag(*, thread: Thread, moderator, flag: str, value: bool, reason: str = "") -> None:
    """Lock or unlock, pin or unpin a thread."""
    actions = {
        ("locked", True): ModerationAction.Action.LOCK,
        ("locked", False): ModerationAction.Action.UNLOCK,
        ("pinned", True): ModerationAction.Action.PIN,
        ("pinned", False): ModerationAction.Action.UNPIN,
    }
    action = actions[(flag, bool(value))]  # anything else is a programming error, before any change
    Thread.objects.filter(pk=thread.pk).update(**{flag: bool(value)})
    setattr(thread, flag, bool(value))
    discussions_changed(thread_ids=[thread.pk], forum_slugs=[thread.forum.slug])
    _record(moderator, action, thread=thread, member=thread.author, reason=reason)


@transaction.atomic
def move_thread(*, thread: Thread, moderator, forum: Forum, reason: str = "") -> None:
    """Move a thread to another forum; both forums' counters and last posts follow."""
    thread = Thread.objects.select_for_update(of=("self",)).select_related("forum", "author").get(pk=thread.pk)
    old_forum = thread.forum
    if old_forum.pk == forum.pk:
        return
    Thread.objects.filter(pk=thread.pk).update(forum=forum)
    discussions_changed(thread_ids=[thread.pk], forum_slugs=[old_forum.slug, forum.slug])
    if thread.is_visible:
        Forum.objects.filter(pk=old_forum.pk).update(
            thread_count=Greatest(F("thread_count") - 1, 0), post_count=Greatest(F("post_count") - thread.post_count, 0)
        )
        Forum.objects.filter(pk=forum.pk).update(
            thread_count=F("thread_count") + 1, post_count=F("post_count") + thread.post_count
        )
        _refresh_forum_last_post(old_forum.pk)
        _refresh_forum_last_post(forum.pk)
    _record(moderator, ModerationAction.Action.MOVE, thread=thread, member=thread.author, reason=reason,
            detail=f"from “{old_forum.name}” to “{forum.name}”")  # fmt: skip


@transaction.atomic
def set_slow_mode(*, thread: Thread, moderator, seconds: int, reason: str = "") -> None:
    """Members may post in the thread at most once per `seconds` (0 turns slow mode off)."""
    if seconds < 0:
        raise ValueError("Slow mode cannot be negative.")
    Thread.objects.filter(pk=thread.pk).update(slow_mode_seconds=seconds)
    thread.slow_mode_seconds = seconds
    _record(moderator, ModerationAction.Action.SLOW_MODE, thread=thread, reason=reason, detail=f"{seconds} s")


@transaction.atomic
def suspend_member(*, member, moderator, days: int, reason: str) -> Suspension:
    """The member cannot post for `days` (1, 3, 7 or 30) and sees until when and why."""
    if days not in SUSPENSION_DAYS:
        raise ValueError(f"A suspension lasts {', '.join(map(str, SUSPENSION_DAYS))} days, not {days}.")
    until = timezone.now() + timedelta(days=days)
    return _suspend(member=member, moderator=moderator, until=until, reason=reason, detail=f"{days} days")


@transaction.atomic
def suspend_member_until(*, member, moderator, until: datetime, reason: str) -> Suspension:
    """The member cannot post until the moment the moderator chose (the admin's suspension form)."""
    return _suspend(
        member=member, moderator=moderator, until=until, reason=reason, detail=f"until {until:%Y-%m-%d %H:%M}"
    )


def _suspend(*, member, moderator, until: datetime, reason: str, detail: str) -> Suspension:
    if not reason.strip():
        raise ValueError("A suspension needs a reason the member can read.")
    suspension = Suspension.objects.create(member=member, until=until, reason=reason.strip(), moderator=moderator)
    _record(moderator, ModerationAction.Action.SUSPEND, member=member, reason=reason.strip(), detail=detail)
    return suspension


@transaction.atomic
def change_suspension(*, suspension: Suspension, moderator, member, until: datetime, reason: str) -> None:
    """A moderator corrects a suspension (whom, until when, why) and becomes its moderator. Not logged as a new
    suspension: the audit trail keeps the one that was given."""
    if not reason.strip():
        raise ValueError("A suspension needs a reason the member can read.")
    suspension.member, suspension.until, suspension.reason = member, until, reason.strip()
    suspension.moderator = moderator
    suspension.save(update_fields=["member", "until", "reason", "moderator"])
