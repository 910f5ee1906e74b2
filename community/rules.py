"""Who may do what in the discussions: the one place the views, the admin and the API ask.

Also the trust rules: which posts wait for a moderator, and how often a member may post.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.models import ModeratorScope, Post, Report, RulesAcceptance, Suspension, Thread, Visibility
from portal.models import RulesVersion
from portal.permissions import is_verified_member

# A member is "new" until this many of their posts were published and this long after joining.
NEW_MEMBER_POSTS = 3
NEW_MEMBER_DAYS = 7
# How much a member may post: (threads, replies) per window.
RATE_WINDOW = timedelta(hours=1)
RATE_LIMITS = {"new": (2, 6), "established": (6, 40)}
# How many posts a member may report per window: enough for a bad thread, too few to flood the moderators' queue.
REPORT_LIMITS = {"new": 5, "established": 20}
# How soon the same member may post the same text again in the same thread.
DUPLICATE_WINDOW = timedelta(hours=24)
# A post with this many open reports is hidden until a moderator looks.
AUTO_HIDE_REPORTS = 3
# A post's author may edit it for this long (moderators always).
EDIT_WINDOW = timedelta(hours=24)

LINK = re.compile(r"https?://|www\.|\[[^\]]*\]\([^)]*\)", re.IGNORECASE)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Seven or more digits, allowing the usual separators: phone numbers in most countries' formats.
PHONE = re.compile(r"(?<![\w/])(?:\+?\d[\d\s().-]{6,}\d)(?![\w/])")
# Dates and spans of years have as many digits as a phone number; people write them often when they tell their story.
NOT_A_PHONE = re.compile(
    r"(?:19|20)\d\d-\d{1,2}-\d{1,2}"  # 2024-06-01
    r"|\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d"  # 12.03.2024, 3/12/2024
    r"|(?:19|20)\d\d\s*-\s*(?:19|20)\d\d"  # 2015 - 2020
)


@dataclass(frozen=True)
class Refusal:
    """Why a member cannot post now, in words for them."""

    message: str
    until: datetime | None = None
    suspended: bool = False


@dataclass(frozen=True)
class Standing:
    """What the pages ask about a signed-in member, fetched in one query by `load_standing`."""

    verified: bool
    suspension_id: int | None
    rules_to_accept_id: int | None
    unread_notifications: int


def load_standing(user) -> Standing | None:
    """Fetch in one query whether `user` has a verified e-mail, an active suspension, a rules version still to
    accept and how many unread notifications, and keep the answers on this user object.

    For the pages a member reads (five questions, one round trip). Only a view calls it, on `request.user`, which
    lives for one request; the functions below ask the database as usual for a user object without it.
    """
    if not user.is_authenticated:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_standing_sql(), _standing_params(user.pk, timezone.now()))
        verified, suspension_id, current_rules_id, accepted, unread = cursor.fetchone()
    standing = Standing(
        verified=bool(verified),
        suspension_id=suspension_id,
        rules_to_accept_id=None if accepted else current_rules_id,
        unread_notifications=unread or 0,
    )
    user.community_standing = standing
    user.verified_email_known = standing.verified  # read by portal.permissions.is_verified_member
    return standing


@functools.cache
def _standing_sql() -> str:
    """Written out rather than built with the ORM: it runs on every page a member reads, and compiling its five
    subqueries took some 8 ms of Python each time, against 0.1 ms for the database to answer."""
    from allauth.account.models import EmailAddress

    from community.models import Notification

    def table(model) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    current = f"(SELECT id FROM {table(RulesVersion)} WHERE effective_from <= %s ORDER BY version DESC LIMIT 1)"
    return (
        f"SELECT EXISTS (SELECT 1 FROM {table(EmailAddress)} WHERE user_id = %s AND verified), "
        f"(SELECT id FROM {table(Suspension)} WHERE member_id = %s AND until > %s ORDER BY until DESC LIMIT 1), "
        f"{current}, "
        f"EXISTS (SELECT 1 FROM {table(RulesAcceptance)} WHERE member_id = %s AND rules_id = {current}), "
        f"(SELECT COUNT(*) FROM {table(Notification)} WHERE user_id = %s AND read_at IS NULL)"
    )


def _standing_params(member_id: int, now: datetime) -> list:
    moment = connection.ops.adapt_datetimefield_value(now)
    return [member_id, member_id, moment, moment, member_id, moment, member_id]


def _standing(user) -> Standing | None:
    return getattr(user, "community_standing", None)


def active_suspension(user) -> Suspension | None:
    if not user.is_authenticated:
        return None
    if (standing := _standing(user)) is not None:
        return None if standing.suspension_id is None else Suspension.objects.filter(pk=standing.suspension_id).first()
    return user.suspensions.filter(until__gt=timezone.now()).order_by("-until").first()


def current_rules() -> RulesVersion | None:
    return RulesVersion.objects.current()


def needs_rules_acceptance(user) -> RulesVersion | None:
    """The rules version the member must accept before posting, or None when they accepted it."""
    if (standing := _standing(user)) is not None:
        if standing.rules_to_accept_id is None:
            return None
        return RulesVersion.objects.filter(pk=standing.rules_to_accept_id).first()
    rules = current_rules()
    if rules is None:
        return None
    if RulesAcceptance.objects.filter(member=user, rules=rules).exists():
        return None
    return rules


def is_new_member(user) -> bool:
    if user.is_staff:
        return False
    joined_recently = user.date_joined > timezone.now() - timedelta(days=NEW_MEMBER_DAYS)
    published = Post.objects.filter(author=user, status=Visibility.VISIBLE).count()
    return published < NEW_MEMBER_POSTS or joined_recently


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


def posting_refusal(user, *, thread: Thread | None = None) -> Refusal | None:
    """None when `user` may post (in `thread`, or a new thread); otherwise why not."""
    if not user.is_authenticated:
        return Refusal(_("Please sign in to post."))
    if not is_verified_member(user):
        return Refusal(_("Please verify your e-mail address before you post."))
    suspension = active_suspension(user)
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


def rate_limit_refusal(user, *, kind: str, thread: Thread | None = None) -> Refusal | None:
    """Too many threads or replies in the last hour (stricter for new members), or slow mode in `thread`."""
    if user.is_staff:
        return None
    now = timezone.now()
    if thread is not None and thread.slow_mode_seconds:
        last = thread.posts.filter(author=user).order_by("-created_at").values_list("created_at", flat=True).first()
        if last is not None and last > now - timedelta(seconds=thread.slow_mode_seconds):
            until = last + timedelta(seconds=thread.slow_mode_seconds)
            return Refusal(
                _("This thread is in slow mode. You can post here again at %(time)s.") % {"time": _local(until)},
                until=until,
            )
    threads_allowed, replies_allowed = RATE_LIMITS["new" if is_new_member(user) else "established"]
    since = now - RATE_WINDOW
    if kind == "thread":
        recent = list(
            Thread.objects.filter(author=user, created_at__gt=since)
            .order_by("created_at")
            .values_list("created_at", flat=True)
        )
        allowed = threads_allowed
    else:
        recent = list(
            Post.objects.filter(author=user, created_at__gt=since, number__gt=1)
            .order_by("created_at")
            .values_list("created_at", flat=True)
        )
        allowed = replies_allowed
    if len(recent) < allowed:
        return None
    until = recent[len(recent) - allowed] + RATE_WINDOW
    what = _("threads") if kind == "thread" else _("replies")
    return Refusal(
        _("You have posted %(count)d %(what)s in the last hour, the most we allow. You can post again at %(time)s.")
        % {"count": len(recent), "what": what, "time": _local(until)},
        until=until,
    )


def report_rate_refusal(user) -> Refusal | None:
    """Too many reports in the last hour (fewer for new members); moderators are not limited."""
    if user.is_staff:
        return None
    allowed = REPORT_LIMITS["new" if is_new_member(user) else "established"]
    recent = list(
        Report.objects.filter(reporter=user, created_at__gt=timezone.now() - RATE_WINDOW)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(recent) < allowed:
        return None
    until = recent[len(recent) - allowed] + RATE_WINDOW
    return Refusal(
        ngettext(
            "You have reported %(count)d post in the last hour, the most we allow. You can report again at %(time)s.",
            "You have reported %(count)d posts in the last hour, the most we allow. You can report again at %(time)s.",
            len(recent),
        )
        % {"count": len(recent), "time": _local(until)},
        until=until,
    )


def is_duplicate(user, *, body: str, thread: Thread | None = None, title: str = "") -> bool:
    since = timezone.now() - DUPLICATE_WINDOW
    posts = Post.objects.filter(author=user, created_at__gt=since, body=body.strip())
    if thread is not None:
        return posts.filter(thread=thread).exists()
    return posts.filter(number=1, thread__title__iexact=title.strip()).exists()


def needs_premoderation(user, body: str) -> bool:
    """A new member's first posts, and a new member's posts with links, wait for a moderator."""
    if user.is_staff or not is_new_member(user):
        return False
    published = Post.objects.filter(author=user, status=Visibility.VISIBLE).count()
    return published < NEW_MEMBER_POSTS or bool(LINK.search(body))


def may_publish_links(user) -> bool:
    """Whether the member's links appear without a moderator's look first (new members' do not)."""
    return user.is_staff or not is_new_member(user)


def contact_details_in(text: str) -> list[str]:
    """E-mail addresses and phone numbers in `text`, which the author is asked to remove or confirm."""
    found = EMAIL.findall(text)
    without_emails = EMAIL.sub(" ", text)
    for match in PHONE.findall(without_emails):
        match = match.strip()
        if sum(c.isdigit() for c in match) >= 7 and not NOT_A_PHONE.fullmatch(match):
            found.append(match)
    return found


def can_edit_post(user, post: Post) -> bool:
    if not user.is_authenticated:
        return False
    if can_moderate_forum(user, post.thread.forum_id):
        return True
    return _author_may_edit(user, post, thread=post.thread, suspended=active_suspension(user) is not None)


def editable_post_ids(user, posts, *, thread: Thread, moderator: bool, suspended: bool) -> set[int]:
    """`can_edit_post` for a page of one thread's posts, from what the page already knows: no query per post."""
    if not user.is_authenticated:
        return set()
    if moderator:
        return {post.pk for post in posts}
    return {post.pk for post in posts if _author_may_edit(user, post, thread=thread, suspended=suspended)}


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


def _local(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")
