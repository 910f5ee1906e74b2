"""Template helpers for every page of the site."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal import shared_pages

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def jsonld(data) -> str:
    """A schema.org JSON-LD block. It is data, not script, so the CSP has nothing to block."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def hole(name: str, *args) -> str:
    """A part of the page that belongs to one reader, filled per request (portal/shared_pages.py)."""
    return shared_pages.hole(name, *args)
