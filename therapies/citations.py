"""Citations in editors' Markdown: `[@key]` or `[@key1; @key2]` become numbered superscripts.

Numbers follow the order of first use across all the Markdown fields of one
page, rendered in display order by one CitationRenderer.
"""

from __future__ import annotations

import re

from portal.citations import CITATION
from portal.text import render_markdown


def cited_keys(text: str) -> list[str]:
    """Keys cited in `text`, in order of first use, without repeats."""
    keys: list[str] = []
    for match in CITATION.finditer(text or ""):
        for key in _keys_of(match.group(1)):
            if key not in keys:
                keys.append(key)
    return keys


def _keys_of(group: str) -> list[str]:
    return [part.strip().lstrip("@") for part in group.split(";")]


class CitationRenderer:
    """Renders one page's fields in order, numbering references as they are first cited."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def number(self, key: str) -> int:
        if key not in self.order:
            self.order.append(key)
        return self.order.index(key) + 1

    def render(self, text: str) -> str:
        def replace(match: re.Match) -> str:
            links = [f'<a href="#ref-{n}">{n}</a>' for n in (self.number(key) for key in _keys_of(match.group(1)))]
            return f"<sup>{', '.join(links)}</sup>"

        return render_markdown(CITATION.sub(replace, text or ""), profile="content")
