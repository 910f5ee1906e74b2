"""The home page is assembled from sections that apps register, so `portal` never imports them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeSection:
    key: str
    template: str
    # Returns the section's context, or None to leave the section out (nothing to show).
    context: Callable[[HttpRequest], dict | None]
    order: int = 100


_sections: dict[str, HomeSection] = {}


def register(section: HomeSection) -> None:
    _sections[section.key] = section


def render_sections(request: HttpRequest) -> list[dict]:
    rendered = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request)
        if context is not None:
            rendered.append({"key": section.key, "template": section.template, "context": context})
    return rendered
