"""The trust policy of the discussions: a member's standing (verified, suspended, rules to accept), who counts as
new, which posts wait for a moderator, how often a member may post or report, and contact details in a post.

`community.permissions` decides who may do what, asking this module about the member's standing. A page that asks
several questions about one member fetches their `Standing` once (`standing_of`) and passes it to the functions
that take a `standing=` argument; the page's fillers keep it for the request on their `Filling`
(`community.holes.standing`). Nothing is kept on the user object.
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

from community.models import Post, Report, RulesAcceptance, Suspension, Thread, Visibility
from portal.models import RulesVersion

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
    """What the pages ask about a signed-in member, fetched in one query by `standing_of`."""

    verified: bool
    suspension_id: int | None
    rules_to_accept_id: int | None
    unread_notifications: int


def standing_of(user) -> Standing | None:
    """Whether `user` has a verified e-mail, an active suspension, a rules version still to accept and how many
    unread notifications: five questions, one round trip; None for a visitor.

    For the pages a member reads. The caller keeps the answer for as long as its request lasts and passes it on;
    the functions below ask the database as usual when they are given none.
    """
    if not user.is_authenticated:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_standing_sql(), _standing_params(user.pk, timezone.now()))
        verified, suspension_id, current_rules_id, accepted, unread = cursor.fetchone()
    return Standing(
        verified=bool(verified),
        suspension_id=suspension_id,
        rules_to_accept_id=None if accepted else current_rules_id,
        unread_notifications=unread or 0,
    )


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


def active_suspension(user, *, standing: Standing | None = None) -> Suspension | None:
    """The member's suspension in force (the one that lasts longest), or None; `standing`: theirs, when known."""
    if not user.is_authenticated:
        return None
    if standing is not None:
        return None if standing.suspension_id is None else Suspension.objects.filter(pk=standing.suspension_id).first()
    return user.suspensions.filter(until__gt=timezone.now()).order_by("-until").first()


def current_rules() -> RulesVersion | None:
    return RulesVersion.objects.current()


def needs_rules_acceptance(user, *, standing: Standing | None = None) -> RulesVersion | None:
    """The rules version the member must accept before posting, or None when they accepted it; `standing`: theirs,
    when known."""
    if standing is not None:
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


def _local(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")
