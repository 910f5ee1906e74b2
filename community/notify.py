"""Notifications: the in-app list and the e-mails, fanned out by background tasks, never in the request.

A published post notifies the thread's followers and the members it
@mentions; a moderator's action notifies the post's author. E-mail goes out
at once or in a daily digest, per the member's preference, and never for a
post the member has already read. Every e-mail carries a signed one-click
link that stops it.
"""

from __future__ import annotations

import html

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django_tasks import task

from portal.mail import send_later, templated_message

UNSUBSCRIBE_SALT = "community.unsubscribe"


def post_published(post_id: int) -> None:
    fan_out_post.enqueue(post_id)


def moderated(action_id: int) -> None:
    notify_moderation.enqueue(action_id)


def urgent_report(report_id: int) -> None:
    alert_moderators.enqueue(report_id)


@task()
def alert_moderators(report_id: int) -> int:
    """E-mail every moderator of the post's forum about an urgent (self-harm) report. Never names the reporter."""
    from django.contrib.auth import get_user_model

    from community.models import Report
    from community.permissions import can_moderate_forum

    report = Report.objects.select_related("post__thread__forum").filter(pk=report_id, state="open").first()
    if report is None:
        return 0
    staff = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="change_post", groups__permissions__content_type__app_label="community")
            | Q(user_permissions__codename="change_post", user_permissions__content_type__app_label="community")
        )
    )
    moderators = [user for user in staff.distinct() if can_moderate_forum(user, report.post.thread.forum_id)]
    context = {
        "report": report,
        "thread": report.post.thread,
        "queue_url": settings.SITE_URL + reverse("admin:community_queuepost_change", args=[report.post_id]),
    }
    for moderator in moderators:
        send_later(templated_message("community/email/urgent_report", context, to=moderator.email))
    return len(moderators)


@task()
def fan_out_post(post_id: int) -> int:
    """Create the notifications for a newly visible post and e-mail those who want it at once."""
    from community.models import Notification, Post, Subscription
    from community.text import mentioned_member_ids

    post = Post.objects.select_related("thread__forum", "author").filter(pk=post_id).first()
    if post is None or not post.is_visible or not post.thread.is_visible:
        return 0
    User = get_user_model()
    mentioned = {
        user.pk: user
        for user in User.objects.filter(
            pk__in=mentioned_member_ids(post.body_html), is_active=True, notify_on_mentions=True
        ).exclude(pk=post.author_id)
    }
    followers = (
        Subscription.objects.filter(thread=post.thread, user__is_active=True, user__notify_on_replies=True)
        .exclude(user_id=post.author_id)
        .exclude(user_id__in=mentioned)
        .select_related("user")
    )
    author = post.author.display_name if post.author else "A former member"
    rows = [
        Notification(user=user, kind=Notification.Kind.MENTION, post=post, text=f"{author} mentioned you")
        for user in mentioned.values()
    ]
    rows += [
        Notification(user=follow.user, kind=Notification.Kind.REPLY, post=post, text=f"{author} replied")
        for follow in followers
        if post.number > 1
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return send_immediate(Notification.objects.filter(post=post, emailed_at__isnull=True))


@task()
def notify_moderation(action_id: int) -> int:
    """Tell the author what a moderator (or enough reports) did to their post, and why."""
    from community.models import ModerationAction, Notification

    action = ModerationAction.objects.select_related("post", "member").filter(pk=action_id).first()
    if action is None or action.post is None or action.member is None:
        return 0
    if action.action == ModerationAction.Action.AUTO_HIDE:
        text = "Your post is hidden while a moderator looks at reports about it."
    else:
        text = f"A moderator {action.get_action_display().lower()}: {action.reason}".rstrip(": ")
    # One row per member, kind and post: a later decision (hidden, then restored) replaces the earlier one,
    # comes back as unread and is e-mailed again.
    Notification.objects.update_or_create(
        user=action.member,
        kind=Notification.Kind.MODERATION,
        post=action.post,
        defaults={"text": text[:300], "created_at": timezone.now(), "read_at": None, "emailed_at": None},
    )
    return send_immediate(
        Notification.objects.filter(post=action.post, user=action.member, kind=Notification.Kind.MODERATION),
        include_read=True,
    )


def send_immediate(notifications, *, include_read: bool = False) -> int:
    """E-mail each notification whose member wants e-mail at once; returns how many were sent."""
    sent = 0
    for notification in notifications.select_related("user", "post__thread__forum").filter(
        user__email_frequency="immediate", emailed_at__isnull=True
    ):
        if not include_read and _already_read(notification):
            notification.emailed_at = timezone.now()  # nothing to send: they have seen it
            notification.save(update_fields=["emailed_at"])
            continue
        _send(notification.user, [notification])
        sent += 1
    return sent


@task()
def send_daily_digests() -> int:
    """One e-mail per member who chose the daily digest, with what they have not read yet."""
    from community.models import Notification

    waiting = (
        Notification.objects.filter(emailed_at__isnull=True, user__email_frequency="daily", user__is_active=True)
        .select_related("user", "post__thread__forum")
        .order_by("user_id", "created_at")
    )
    by_member: dict[int, list] = {}
    for notification in waiting:
        by_member.setdefault(notification.user_id, []).append(notification)
    sent = 0
    for notifications in by_member.values():
        unread = [n for n in notifications if n.kind == "moderation" or not _already_read(n)]
        if unread:
            _send(notifications[0].user, unread)
            sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())
    return sent


def _already_read(notification) -> bool:
    from community.models import ReadPosition

    return ReadPosition.objects.filter(
        user_id=notification.user_id,
        thread_id=notification.post.thread_id,
        last_read_number__gte=notification.post.number,
    ).exists()


def _send(member, notifications: list) -> None:
    from community.models import Notification

    threads = {n.post.thread_id: n.post.thread for n in notifications}
    # Unfollowing a thread stops only its reply e-mails: for mentions and moderators' messages, offer to stop all.
    only_replies = all(n.kind == Notification.Kind.REPLY for n in notifications)
    one_thread = next(iter(threads.values())) if len(threads) == 1 and only_replies else None
    unsubscribe_url = settings.SITE_URL + reverse(
        "community:unsubscribe", args=[unsubscribe_token(member, thread=one_thread)]
    )
    context = {
        "member": member,
        "items": [
            {
                "notification": n,
                "thread": n.post.thread,
                "url": settings.SITE_URL + post_url(n.post),
                "excerpt": excerpt(n.post),
            }
            for n in notifications
        ],
        "digest": len(notifications) > 1,
        "one_thread": one_thread,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": settings.SITE_URL + reverse("profile"),
    }
    message = templated_message(
        "community/email/notification", context, to=member.email, unsubscribe_url=unsubscribe_url
    )
    send_later(message)
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())


def excerpt(post, *, length: int = 300) -> str:
    """The post as plain text for an e-mail: its sanitised HTML without tags or entities."""
    text = html.unescape(strip_tags(post.body_html))
    return Truncator(" ".join(text.split())).chars(length)


def post_url(post) -> str:
    from community.models import Post

    before = Post.objects.filter(thread_id=post.thread_id, status="visible", number__lt=post.number).count()
    return post.thread.post_url(post.number, before=before)


def unsubscribe_token(member, *, thread=None) -> str:
    """Signed: stop e-mail about one thread (unfollow it), or all notification e-mail when `thread` is None."""
    return signing.dumps({"u": member.pk, "t": thread.pk if thread else None}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and "u" in data else None
