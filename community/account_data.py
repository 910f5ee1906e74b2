"""The member's discussions in the data export, and what account deletion does with them."""

from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Greatest

from community.models import HelpfulMark, Notification, Post, PostRevision, ReadPosition, Report, Subscription
from community.text import render_post

DELETED_TEXT = "[This member deleted their account and their post with it.]"
DELETED_MEMBER_NOTIFICATION_TEXT = {
    Notification.Kind.REPLY: "A former member replied",
    Notification.Kind.MENTION: "A former member mentioned you",
}


def export_discussions(user) -> dict:
    """What the member wrote and did in the discussions; never who reported them, nor others' words."""
    posts = Post.objects.filter(author=user).with_place().select_related("thread__forum").order_by("created_at")
    return {
        "posts": [
            {
                "thread": post.thread.title,
                "forum": post.thread.forum.name,
                "url": post.url,
                "written": post.created_at.isoformat(),
                "edited": post.edited_at.isoformat() if post.edited_at else None,
                "status": post.status,
                "text": post.body,
                "moderation_reason": post.moderation_reason,
            }
            for post in posts
        ],
        "following": [s.thread.title for s in Subscription.objects.filter(user=user).select_related("thread")],
        "reports_you_made": [
            {
                "thread": r.post.thread.title,
                "reason": r.reason,
                "note": r.note,
                "sent": r.created_at.isoformat(),
                "state": r.state,
            }
            for r in Report.objects.filter(reporter=user).select_related("post__thread").order_by("created_at")
        ],
        "rules_accepted": [
            {"version": a.rules.version, "accepted": a.accepted_at.isoformat()}
            for a in user.rules_acceptances.select_related("rules").order_by("accepted_at")
        ],
    }


def erase_discussions(user, *, keep_contributions: bool = False) -> None:
    """Posts stay in their threads under "deleted member"; their text stays only if the member chose so.

    Either way each post keeps its place and status, so thread and forum counters need not move; what is only
    about this member (follows, read positions, notifications, helpful marks) goes, and the helpful counts of
    the posts they had marked go down with their marks.
    """
    posts = Post.objects.filter(author=user)
    if not keep_contributions:
        PostRevision.objects.filter(post__author=user).delete()
        # Reports keep why they were made, not the erased words.
        Report.objects.filter(post__author=user).update(snapshot=DELETED_TEXT)
        posts.update(body=DELETED_TEXT, body_html=render_post(DELETED_TEXT), moderation_reason="")
    # Others' notifications about these posts named the member.
    for kind, text in DELETED_MEMBER_NOTIFICATION_TEXT.items():
        Notification.objects.filter(post__author=user, kind=kind).exclude(user=user).update(text=text)
    marked = HelpfulMark.objects.filter(user=user)
    Post.objects.filter(pk__in=marked.values("post_id")).update(helpful_count=Greatest(F("helpful_count") - 1, 0))
    marked.delete()
    # The author link goes with the user row (SET_NULL); what is only about this member goes now.
    for model in (Subscription, ReadPosition, Notification):
        model.objects.filter(user=user).delete()
