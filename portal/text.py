"""The site's one Markdown renderer: Markdown to HTML, then sanitised by an allow-list (nh3).

Editors' content gets a richer allow-list than members' posts. Callers render
once when the text is saved and store the HTML; page views never render.
"""

from __future__ import annotations

import markdown
import nh3

_POST_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "del",
}  # fmt: skip
_CONTENT_TAGS = _POST_TAGS | {
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "abbr", "dl", "dt", "dd",
}  # fmt: skip

PROFILES = {
    # Members' posts: links marked as user-generated and never followed by search engines.
    "post": {
        "tags": _POST_TAGS,
        "attributes": {"a": {"href", "title"}, "abbr": {"title"}},
        "link_rel": "nofollow ugc noopener",
    },
    # Editors' pages and the community rules.
    "content": {
        "tags": _CONTENT_TAGS,
        "attributes": {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set(), "sup": {"id"}},
        "link_rel": "noopener",
    },
}


def render_markdown(text: str, *, profile: str = "content") -> str:
    """Return safe HTML for `text`. Raw HTML in the source is escaped by the sanitiser, never trusted."""
    rules = PROFILES[profile]
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=rules["tags"],
        attributes=rules["attributes"],
        url_schemes={"http", "https", "mailto"},
        link_rel=rules["link_rel"],
        strip_comments=True,
    )
