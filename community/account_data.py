"""The member's discussions in the data export, and what account deletion does with them."""

from __future__ import annotations

from community.models import HelpfulMark, Notification, Post, ReadPosition, Report, Subscription, Visibility

DELETED_TEXT = "[This member deleted their account and their post with it.]"


def export_discussions(user) -> dict:
    posts = Post.objects.filter(author=user).select_related("thread__forum").order_by("created_at")
    return {
        "posts": [
            {
                "thread": post.thread.title,
                "forum": post.thread.forum.name,
                "url": post.thread.get_absolute_url() + f"#post-{post.number}",
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
            {"reason": r.reason, "note": r.note, "sent": r.created_at.isoformat(), "state": r.state}
            for r in Report.objects.filter(reporter=user).order_by("created_at")
        ],
        "rules_accepted": [
            {"version": a.rules_id, "accepted": a.accepted_at.isoformat()} for a in user.rules_acceptances.all()
        ],
    }


def erase_discussions(user, *, keep_contributions: bool = False) -> None:
    """Posts stay in their threads as "deleted member"; their text stays only if the member chose so."""
    posts = Post.objects.filter(author=user)
    if not keep_contributions:
        for post in posts.only("pk", "body"):
            post.revisions.all().delete()
            post.body = DELETED_TEXT
            post.save(update_fields=["body"])
        posts.update(status=Visibility.REMOVED, moderation_reason="")
    # The author link goes with the user row (SET_NULL); what is only about this member goes now.
    for model in (Subscription, ReadPosition, Notification):
        model.objects.filter(user=user).delete()
    HelpfulMark.objects.filter(user=user).delete()
