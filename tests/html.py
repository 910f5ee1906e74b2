"""Small readers of rendered HTML for assertions about what a person sees."""

from __future__ import annotations

import re
from html.parser import HTMLParser


def field_group(page: str, name: str) -> str:
    """The HTML of the form field group (label, help, errors, input) that holds the input called `name`."""
    starts = [m.start() for m in re.finditer(r'<(?:div|fieldset) class="field(?: [^"]*)?"', page)]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(page)
        if f'name="{name}"' in page[start:end]:
            return page[start:end]
    raise AssertionError(f"no field group for {name!r}")


def error_next_to(page: str, name: str) -> str:
    """The error text shown in the field group of `name`, before its input."""
    group = field_group(page, name)
    errors = re.search(r'<div class="field__errors"[^>]*>(.*?)</div>', group, re.S)
    assert errors, f"no error shown next to {name!r}"
    assert group.index("field__errors") < group.index(f'name="{name}"')
    return re.sub(r"<[^>]+>", " ", errors.group(1))


class PageOutline(HTMLParser):
    """Collects the landmarks a basic accessibility check looks for."""

    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.titles: list[str] = []
        self.h1_count = 0
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.landmarks: set[str] = set()
        self.inline_scripts = 0
        self.inline_styles = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "title":
            self._in_title = True
            self.titles.append("")
        if tag == "h1":
            self.h1_count += 1
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in {"header", "main", "footer", "nav"}:
            self.landmarks.add(tag)
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/ld+json":
            self.inline_scripts += 1
        if "style" in attrs or tag == "style":
            self.inline_styles += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.titles[-1] += data


def outline(page: str) -> PageOutline:
    parser = PageOutline()
    parser.feed(page)
    return parser


def text(response) -> str:
    """The page as a person reads it: tags kept, runs of white space made one."""
    return " ".join(response.content.decode().split())
