"""Posts as HTML: the site's one Markdown renderer, with @mentions linked to the members they name."""

from __future__ import annotations

import re

from django.urls import reverse

from portal.text import render_markdown


def render_post(body: str) -> str:
    from community.actions import MENTION, mentioned_members

    members = {member.display_name.lower(): member for member in mentioned_members(body)}
    if not members:
        return render_markdown(body, profile="post")

    def link(match: re.Match) -> str:
        words = match.group(1).split(" ")
        # The longest run of words that is a member's name wins: "@Quiet Night owl" names "Quiet Night".
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size])
            member = members.get(name.lower().rstrip(".-_"))
            if member is not None:
                rest = " ".join(words[size:])
                url = reverse("community:member_detail", args=[member.pk])
                return f"[@{_escape(member.display_name)}]({url}){' ' + rest if rest else ''}"
        return match.group(0)

    return render_markdown(MENTION.sub(link, body), profile="post")


def _escape(text: str) -> str:
    return re.sub(r"([\[\]\\*_`])", r"\\\1", text)
