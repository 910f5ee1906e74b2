"""The holes every page has (portal/shared_pages.py): the header's account links, one-time messages and form tokens;
and `part`, the parts of a kept page that its view made for this request (a search's title and results)."""

from __future__ import annotations

from functools import cache

from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import gettext as _

from portal.shared_pages import Filling, filler


@cache
def _url(name: str) -> str:
    return reverse(name)


def csrf_input(filling: Filling) -> str:
    """The form token's hidden input, the same for every form of one page."""
    return filling.once(
        "csrf_input",
        lambda: format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(filling.request)),
    )


@filler("csrf")
def fill_csrf(filling: Filling, holes: list[list[str]]) -> list[str]:
    token = csrf_input(filling)
    return [token] * len(holes)


@filler("account")
def fill_account(filling: Filling, holes: list[list[str]]) -> list[str]:
    """Sign in and sign up for a visitor; the member's name, the admin for staff, and signing out for a member."""
    user = filling.user
    if not user.is_authenticated:
        links = format_html(
            '<li><a href="{}">{}</a></li><li><a class="button button--small" href="{}">{}</a></li>',
            _url("account_login"),
            _("Sign in"),
            _url("account_signup"),
            _("Sign up"),
        )
    else:
        links = format_html(
            '<li><a href="{}">{}</a></li>{}<li><form method="post" action="{}" class="inline-form">{}'
            '<button type="submit" class="link-button">{}</button></form></li>',
            _url("profile"),
            user.display_name,
            format_html('<li><a href="{}">{}</a></li>', _url("admin:index"), _("Admin")) if user.is_staff else "",
            _url("account_logout"),
            csrf_input(filling),
            _("Sign out"),
        )
    return [links] * len(holes)


@filler("messages")
def fill_messages(filling: Filling, holes: list[list[str]]) -> list[str]:
    """One-time messages (after a form was sent): shown once, by the first hole of the page."""
    stored = list(get_messages(filling.request))
    html = ""
    if stored:
        items = format_html_join(
            "", '<p class="message message--{}">{}</p>', ((m.tags or "info", m.message) for m in stored)
        )
        html = format_html('<div class="messages" role="status">{}</div>', items)
    return [html] + [""] * (len(holes) - 1)


@filler("join")
def fill_join(filling: Filling, holes: list[list[str]]) -> list[str]:
    """The home page's invitation: join, for a visitor; the profile, for a member."""
    if filling.user.is_authenticated:
        html = format_html('<a class="button" href="{}">{}</a>', _url("profile"), _("Go to your profile"))
    else:
        html = format_html(
            '<a class="button button--primary" href="{}">{}</a>', _url("account_signup"), _("Join the community")
        )
    return [html] * len(holes)


@filler("part")
def fill_part(filling: Filling, holes: list[list[str]]) -> list[str]:
    """`{% hole "part" word… %}`: a part of a kept page that the view made for this request — a search's title, its
    form's fields, its results — handed over as `respond(shell, parts={"word …": …})`, keyed by the hole's words
    joined with a space. Text is escaped; HTML the view marked safe is kept as it is."""
    parts = filling.state.get("parts", {})
    return [conditional_escape(parts.get(" ".join(args), "")) for args in holes]
