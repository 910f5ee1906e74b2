"""Who may do what in the discussions: one function per decision (`can_…`, `…_refusal`), the one place the
pages, the API and the admin ask. The trust policy they consult (standing, new members, rate limits) is
`community.trust`.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import ModeratorScope, Post, Thread, Visibility
from community.trust import Refusal, Standing, _local, active_suspension
from portal.permissions import is_verified_member

# A post's author may edit it for this long (moderators always).
EDIT_WINDOW = timedelta(hours=24)


def can_read_thread(user, thread: Thread) -> bool:
    """Visible threads for everyone (members-only ones show visitors only their opening); a waiting or turned-down
    thread to its author (who reads why) and the moderators."""
    if thread.is_visible:
        return True
    if thread.author_id is not None and user.is_authenticated and thread.author_id == user.pk:
        return True
    return can_moderate_forum(user, thread.forum_id)


def can_read_whole_thread(user, thread: Thread) -> bool:
    return can_read_thread(user, thread) and (not thread.members_only or user.is_authenticated)


def posting_refusal(user, *, thread: Thread | None = None, standing: Standing | None = None) -> Refusal | None:
    """None when `user` may post (in `thread`, or a new thread); otherwise why not. `standing`: the member's, when
    the page fetched it already (community.trust.standing_of)."""
    if not user.is_authenticated:
        return Refusal(_("Please sign in to post."))
    if not is_verified_member(user, verified_email=None if standing is None else standing.verified):
        return Refusal(_("Please verify your e-mail address before you post."))
    suspension = active_suspension(user, standing=standing)
    if suspension is not None:
        return Refusal(
            _("Your account is suspended until %(until)s: %(reason)s")
            % {"until": _local(suspension.until), "reason": suspension.reason},
            until=suspension.until,
            suspended=True,
        )
    if thread is not None:
        if thread.locked and not can_moderate_forum(user, thread.forum_id):
            return Refusal(_("This thread is locked: it takes no new replies."))
        if not thread.is_visible and not can_moderate_forum(user, thread.forum_id):
            return Refusal(_("This thread is not open for replies."))
    return None


def reply_refusal(user, thread: Thread) -> Refusal | None:
    """None when `user` may reply in `thread`: they may post there and read the whole of it; otherwise why not."""
    refusal = posting_refusal(user, thread=thread)
    if refusal is None and not can_read_whole_thread(user, thread):
        refusal = Refusal(_("You cannot reply here."))
    return refusal


def can_edit_post(user, post: Post) -> bool:
    if not user.is_authenticated:
        return False
    if can_moderate_forum(user, post.thread.forum_id):
        return True
    return _author_may_edit(user, post, thread=post.thread, suspended=active_suspension(user) is not None)


def _author_may_edit(user, post: Post, *, thread: Thread, suspended: bool) -> bool:
    return (
        post.author_id == user.pk
        and post.status in (Visibility.VISIBLE, Visibility.PENDING)
        and not suspended
        and not thread.locked
        and post.created_at > timezone.now() - EDIT_WINDOW
    )


def can_mark_helpful(user, post: Post) -> bool:
    return (
        is_verified_member(user) and post.is_visible and post.author_id != user.pk and active_suspension(user) is None
    )


def can_report(user, post: Post) -> bool:
    return is_verified_member(user) and post.author_id != user.pk and post.is_visible


def helpful_refusal(user, post: Post) -> Refusal | None:
    """None when `user` may mark `post` helpful (or take the mark back); otherwise why not."""
    if not user.is_authenticated:
        return Refusal(_("Please sign in to mark posts helpful."))
    if not can_mark_helpful(user, post):
        return Refusal(_("You cannot mark this post."))
    return None


def report_refusal(user, post: Post) -> Refusal | None:
    """None when `user` may report `post`; otherwise why not."""
    if not user.is_authenticated:
        return Refusal(_("Please sign in to report a post."))
    if not can_report(user, post):
        return Refusal(_("You cannot report this post."))
    return None


def can_moderate_forum(user, forum_id: int) -> bool:
    """Moderators (with the change_post permission) moderate every forum unless their scope names some."""
    if not (user.is_authenticated and user.is_active and user.is_staff and user.has_perm("community.change_post")):
        return False
    if user.is_superuser:
        return True
    scope = ModeratorScope.objects.filter(moderator=user).first()
    return scope is None or scope.forums.filter(pk=forum_id).exists()


def moderated_forum_ids(user) -> list[int] | None:
    """The forums a moderator is limited to, or None for all."""
    if user.is_superuser:
        return None
    scope = ModeratorScope.objects.filter(moderator=user).first()
    return None if scope is None else list(scope.forums.values_list("pk", flat=True))
