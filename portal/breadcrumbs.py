"""Breadcrumbs after "Home", as every page's template (`therapies/includes/breadcrumbs.html`) reads them."""

from __future__ import annotations


def crumbs(*trail: tuple[str, str | None]) -> list[dict]:
    """(label, url) pairs, the last one being the page itself (url None)."""
    return [{"label": label, "url": url} for label, url in trail]
