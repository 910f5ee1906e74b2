"""Posts as HTML: the site's one Markdown renderer, with @mentions linked to the members they name.

Mentions are linked after the Markdown is rendered and sanitised, in the text between tags only: a name
inside a link, a code sample or an attribute stays as written, so a mention can never change the markup
around it. Who a post notifies is read back from those links.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.html import escape

from portal.text import render_markdown

# "@" then up to four words of a display name (letters and digits of any script, dots, hyphens, underscores).
MENTION = re.compile(r"(?<![\w@])@([^\W_][\w.-]*(?: [^\W_][\w.-]*){0,3})")
# A post links (and notifies) at most this many mentions: no mass-mention spam.
MAX_MENTIONS = 20
MEMBER_PATH = re.compile(r"^/community/members/(\d+)/$")
# Text inside these is not scanned for mentions: it is a link already, or code.
_VERBATIM = {"a", "code", "pre"}
_LINK_REL = "nofollow ugc noopener"


def render_post(body: str) -> str:
    return link_mentions(render_markdown(body, profile="post"))


def mention_candidates(text: str) -> list[str]:
    """The names an @mention may stand for, longest first: "@Quiet Night." may name "Quiet Night" or "Quiet"."""
    words = text.split(" ")
    names: list[str] = []
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size]).lower()
        # A sentence may end right after the name; a name itself may end in "_".
        names += [form for form in (name, name.rstrip(".-_")) if form and form not in names]
    return names


def link_mentions(html: str) -> str:
    """Link each @Display Name in the text of sanitised `html` to the member's page (the longest name wins)."""
    pieces = _Pieces(html)
    mentions = [match for text in pieces.texts() for match in MENTION.finditer(text)][:MAX_MENTIONS]
    candidates = {name for match in mentions for name in mention_candidates(match.group(1))}
    if not candidates:
        return html
    members = {
        member.display_name.lower(): member
        for member in get_user_model()
        .objects.alias(name_lower=Lower("display_name"))
        .filter(name_lower__in=candidates, is_active=True)
        .only("pk", "display_name")
    }
    if not members:
        return html
    budget = MAX_MENTIONS

    def link(match: re.Match) -> str:
        nonlocal budget
        budget -= 1
        if budget < 0:
            return match.group(0)
        words = match.group(1).split(" ")
        for size in range(len(words), 0, -1):
            written = " ".join(words[:size])
            for name in (written, written.rstrip(".-_")):
                member = members.get(name.lower())
                if member is None:
                    continue
                url = reverse("community:member_detail", args=[member.pk])
                # What follows the name (a full stop, the rest of the sentence) stays as written.
                rest = written[len(name) :] + "".join(f" {word}" for word in words[size:])
                return f'<a href="{url}" rel="{_LINK_REL}">@{escape(member.display_name)}</a>{rest}'
        return match.group(0)

    return pieces.rebuild(lambda text: MENTION.sub(link, text))


def mentioned_member_ids(html: str) -> list[int]:
    """The members a rendered post mentions, in order: its links to member pages that read "@…".

    Mentions inside a quotation do not count: quoting a post does not notify the people it mentioned again.
    """
    finder = _MentionFinder()
    finder.feed(html)
    finder.close()
    return list(dict.fromkeys(finder.member_ids))[:MAX_MENTIONS]


class _Pieces(HTMLParser):
    """Sanitised HTML as a list of pieces, the text outside links and code marked, so it can be rebuilt."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.pieces: list[tuple[bool, str]] = []  # (scannable text, raw piece)
        self._verbatim = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.pieces.append((False, self.get_starttag_text()))
        if tag in _VERBATIM:
            self._verbatim += 1

    def handle_startendtag(self, tag, attrs):
        self.pieces.append((False, self.get_starttag_text()))

    def handle_endtag(self, tag):
        self.pieces.append((False, f"</{tag}>"))
        if tag in _VERBATIM and self._verbatim:
            self._verbatim -= 1

    def handle_data(self, data):
        self.pieces.append((not self._verbatim, data))

    def handle_entityref(self, name):
        self.pieces.append((False, f"&{name};"))

    def handle_charref(self, name):
        self.pieces.append((False, f"&#{name};"))

    def texts(self) -> list[str]:
        return [piece for scannable, piece in self.pieces if scannable]

    def rebuild(self, change) -> str:
        return "".join(change(piece) if scannable else piece for scannable, piece in self.pieces)


class _MentionFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.member_ids: list[int] = []
        self._quoted = 0
        self._link: int | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote":
            self._quoted += 1
        elif tag == "a" and (match := MEMBER_PATH.match(dict(attrs).get("href") or "")):
            self._link, self._text = int(match.group(1)), ""

    def handle_endtag(self, tag):
        if tag == "blockquote" and self._quoted:
            self._quoted -= 1
        elif tag == "a" and self._link is not None:
            if not self._quoted and self._text.startswith("@"):
                self.member_ids.append(self._link)
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._text += data
