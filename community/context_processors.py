"""What every page may show of the discussions: the member's unread notifications (for the site header).

The count is lazy: a page that does not print it costs no query. The header takes the address of the
notifications page from here too, so `portal`'s templates need not name the community's URLs.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import SimpleLazyObject


def community(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_url": None, "unread_notification_count": 0}
    return {
        "notifications_url": reverse("community:notifications"),
        "unread_notification_count": SimpleLazyObject(lambda: _unread_count(user)),
    }


def _unread_count(user) -> int:
    from community.notify import unread_count

    return unread_count(user)


def needs_crisis_support(user) -> bool:
    """True while an open report says the member may be at risk of self-harm: the thread page shows where help is."""
    from community.models import Report

    if not user.is_authenticated:
        return False
    return Report.objects.filter(post__author=user, urgent=True, state=Report.State.OPEN).exists()
