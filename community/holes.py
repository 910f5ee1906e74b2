"""The discussions' parts of a page that belong to one reader (portal/shared_pages.py), filled per request.

- `notifications`: the header's link to the member's notifications, with the unread count.
- `post`: a post's actions (helpful button and mark, quote, edit, report) and its helpful count.
- `unread`: the mark on a post the member has not read yet.
- `thread-tools`, `reply`, `crisis`: the thread page's follow button and jump to unread, the reply form (or why
  the member cannot reply, or "sign in to reply"), and crisis resources for a member whose post was reported as a
  self-harm risk.
- `unread-count`: "3 new" beside a thread in a list.

A thread page passes what it already knows of the reader as the filling's state: `thread` (its ThreadFacts),
`read_up_to` and `following` (community/reader.py), `whole`, `moderator` and `quote`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache, lru_cache

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from community import permissions, reader, trust
from community.models import Report, Visibility, helpful_count_text
from portal.holes import csrf_input
from portal.shared_pages import Filling, filler


@cache
def _notifications_url() -> str:
    return reverse("community:notifications")


def standing(filling: Filling):
    """The member's standing (verified, suspended, rules to accept, unread notifications): one query a request,
    kept on the filling and passed to the rules that ask about it."""
    return filling.once("standing", lambda: trust.standing_of(filling.user))


@filler("notifications")
def fill_notifications(filling: Filling, holes: list[list[str]]) -> list[str]:
    if not filling.user.is_authenticated:
        return [""] * len(holes)
    unread = standing(filling).unread_notifications
    badge = (
        format_html(
            ' <span class="badge notification-count">{}</span><span class="visually-hidden"> {}</span>',
            unread,
            _("unread"),
        )
        if unread
        else ""
    )
    link = format_html('<li><a href="{}">{}{}</a></li>', _notifications_url(), _("Notifications"), badge)
    return [link] * len(holes)


@filler("unread")
def fill_unread(filling: Filling, holes: list[list[str]]) -> list[str]:
    read_up_to = _read_up_to(filling)
    return [" post--unread" if read_up_to and int(number) > read_up_to else "" for (number,) in holes]


def _read_up_to(filling: Filling) -> int:
    return filling.state.get("read_up_to", 0) if filling.user.is_authenticated else 0


@filler("post")
def fill_post(filling: Filling, holes: list[list[str]]) -> list[str]:
    """Each post's footer: what this reader may do with it, and how many members found it helpful.

    Twenty posts a page, on every page a member reads: the markup is put together from pieces translated and
    escaped once per language (`_post_pieces`); what varies is numbers and the form token."""
    user = filling.user
    posts = [_PostFacts(*args) for args in holes]
    if not user.is_authenticated:
        return [_helpful_count(post.helpful_count) for post in posts]
    pieces = _post_pieces(get_language())
    markable = [post.pk for post in posts if post.visible and post.author_id != user.pk]
    marked = reader.marked_helpful(user, markable)
    thread = filling.state.get("thread")
    moderator = filling.state.get("moderator", False)
    refusal = _reply_refusal(filling)
    suspended = refusal is not None and refusal.suspended
    edit_after = timezone.now() - permissions.EDIT_WINDOW
    token = csrf_input(filling) if markable else ""
    filled = []
    for post in posts:
        may_mark = post.pk in markable
        may_edit = moderator or (
            post.author_id == user.pk
            and post.status in (Visibility.VISIBLE, Visibility.PENDING)
            and not suspended
            and not (thread is not None and thread.locked)
            and post.created > edit_after
        )
        parts = []
        if may_mark:
            pressed = "true" if post.pk in marked else "false"
            parts.append(
                pieces["mark"].format(
                    url=_url("community:helpful", post.pk),
                    api=_url("api:post-helpful", post.pk),
                    token=token,
                    pressed=pressed,
                )
            )
        parts.append(_helpful_count(post.helpful_count))
        if refusal is None and post.visible:
            parts.append(pieces["quote"].format(number=post.number))
        if may_edit:
            parts.append(pieces["edit"].format(url=_url("community:edit_post", post.pk)))
        if may_mark:
            parts.append(pieces["report"].format(url=_url("community:report_post", post.pk)))
        filled.append("\n".join(parts))
    return filled


@lru_cache(maxsize=16)
def _post_pieces(language: str) -> dict[str, str]:
    """A post's buttons and links as format strings, their words translated and escaped once; the blanks take
    numbers, our own URLs and the form token. `data-api`: where the page's script sends the mark
    (static/js/community.js); the form's own action works without it."""
    return {
        "mark": '<form data-api="{api}" method="post" action="{url}" class="inline-form helpful-form">{token}'
        '<button type="submit" class="button button--small" aria-pressed="{pressed}">'
        + escape(_("Helpful"))
        + "</button></form>",
        "quote": '<a href="?quote={number}#reply" class="quote-link" data-quote="{number}">'
        + escape(_("Quote"))
        + "</a>",
        "edit": '<a href="{url}">' + escape(_("Edit")) + "</a>",
        "report": '<a href="{url}">' + escape(_("Report")) + "</a>",
    }


class _PostFacts:
    """What a post's hole says of it: `{% hole "post" pk number author_id created helpful_count status %}`."""

    __slots__ = ("pk", "number", "author_id", "created", "helpful_count", "status")

    def __init__(self, pk, number, author_id, created, helpful_count, status) -> None:
        self.pk = int(pk)
        self.number = int(number)
        self.author_id = int(author_id) or None
        self.created = datetime.fromtimestamp(int(created), tz=UTC)
        self.helpful_count = int(helpful_count)
        self.status = status

    @property
    def visible(self) -> bool:
        return self.status == Visibility.VISIBLE


def _helpful_count(count: int) -> str:
    if not count:
        return ""
    return format_html('<span class="helpful-count" data-count>{}</span>', helpful_count_text(count))


@cache
def _url_pattern(name: str) -> str:
    """A post's URL as a format string, reversed once: twenty posts a page, three links each."""
    return reverse(name, args=[987654321]).replace("987654321", "{}")


def _url(name: str, pk: int) -> str:
    return _url_pattern(name).format(pk)


def _reply_refusal(filling: Filling):
    """Why this member cannot reply here (None: they can); a visitor cannot."""

    def compute():
        thread = filling.state.get("thread")
        if thread is None or not filling.state.get("whole", True):
            return trust.Refusal(_("You cannot reply here."))
        return permissions.posting_refusal(filling.user, thread=thread, standing=standing(filling))

    return filling.once("reply_refusal", compute)


@filler("thread-tools")
def fill_thread_tools(filling: Filling, holes: list[list[str]]) -> list[str]:
    """Jump to the first unread post, and follow or stop following: a member's, on the whole thread."""
    thread = filling.state.get("thread")
    if not filling.user.is_authenticated or thread is None or not filling.state.get("whole", True):
        return [""] * len(holes)
    html = render_to_string(
        "community/includes/thread_tools.html",
        {
            "thread": thread,
            "read_up_to": _read_up_to(filling),
            "following": filling.state.get("following", False),
            "csrf_input": csrf_input(filling),
        },
    )
    return [html] * len(holes)


@filler("reply")
def fill_reply(filling: Filling, holes: list[list[str]]) -> list[str]:
    """The reply form for a member who may reply; why not for one who may not; "sign in to reply" for a visitor."""
    from community.forms import ReplyForm

    thread = filling.state.get("thread")
    request = filling.request
    context = {"thread": thread, "signed_in": filling.user.is_authenticated}
    if filling.user.is_authenticated and thread is not None:
        refusal = _reply_refusal(filling)
        if refusal is None:
            rules_to_accept = trust.needs_rules_acceptance(filling.user, standing=standing(filling))
            if quote := filling.state.get("quote", ""):
                form = ReplyForm(rules=rules_to_accept, initial={"body": quote})
                context["form_html"] = render_to_string("community/includes/reply_fields.html", {"form": form})
            else:
                context["form_html"] = _empty_reply_fields(get_language(), rules_to_accept is not None)
            context["csrf_input"] = csrf_input(filling)
        elif filling.state.get("whole", True):
            context["refusal"] = refusal
    context["login_url"] = f"{reverse('account_login')}?{urlencode({'next': request.path})}"
    html = render_to_string("community/includes/reply_box.html", context)
    return [html] * len(holes)


@lru_cache(maxsize=32)
def _empty_reply_fields(language: str, with_rules: bool) -> str:
    """The empty reply form is the same for every member who may reply (the rules box or not): rendered once."""
    from community.forms import ReplyForm

    form = ReplyForm(rules=True if with_rules else None)
    return render_to_string("community/includes/reply_fields.html", {"form": form})


def needs_crisis_support(user) -> bool:
    """True while an open report says the member may be at risk of self-harm: the thread page shows where help is."""
    if not user.is_authenticated:
        return False
    return Report.objects.filter(post__author=user, urgent=True, state=Report.State.OPEN).exists()


@filler("crisis")
def fill_crisis(filling: Filling, holes: list[list[str]]) -> list[str]:
    """Where help is, for a member whose own post on this page has an open report that they may be at risk.

    The hole names the authors of the page's posts with open reports, so other readers cost no query."""
    user = filling.user
    filled = []
    for (authors,) in holes:
        reported = {int(author) for author in authors.split(",") if author}
        show = user.is_authenticated and user.pk in reported and needs_crisis_support(user)
        filled.append(render_to_string("community/includes/crisis_support.html") if show else "")
    return filled


@filler("unread-count")
def fill_unread_count(filling: Filling, holes: list[list[str]]) -> list[str]:
    """ "3 new" beside each thread of a list the member has read before: one query for the whole list."""
    if not filling.user.is_authenticated:
        return [""] * len(holes)
    counts = reader.unread_counts(filling.user, [int(pk) for pk, _url in holes])
    filled = []
    for pk, url in holes:
        count = counts.get(int(pk))
        if not count:
            filled.append("")
            continue
        text = ngettext("%(counter)s new", "%(counter)s new", count) % {"counter": count}
        filled.append(format_html(' <a class="unread" href="{}?unread=1">{}</a>', url, text))
    return filled
