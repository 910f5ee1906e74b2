"""The site's one corpus of script-injection payloads, and the checks that a page showing them stays inert.

Every renderer of user or editor text (Markdown, titles, names, listings, search snippets, e-mails, the API, the
admin) tests itself against these payloads.
"""

from __future__ import annotations

from html.parser import HTMLParser

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=javascript:alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe src=//evil.example></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onclick="alert(1)">click</p>',
    '<body onload="alert(1)">',
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<input autofocus onfocus="alert(1)">',
    "<math><mtext><style><img src=x onerror=alert(1)></style></mtext></math>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    '<a href="#" onmouseover="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    '"><script>alert(1)</script>',
    "<style>body{display:none}</style>",
]
# Lower-case pieces that must not appear in HTML made from a payload (where the text is not shown escaped).
DANGEROUS = [
    "<script", "javascript:", "vbscript:", "data:text", "onerror", "onload", "onclick", "onfocus",
    "onmouseover", "ontoggle", "<iframe", "<object", "<embed", "<form", "<input", "<svg", "<math",
    "<style", "<meta", "<base", "style=",
]  # fmt: skip

# Elements that run or load something, or take input: a member's text must never add one.
ACTIVE_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "style", "link", "meta",
    "base", "form", "input", "button", "textarea", "select", "img", "video", "audio", "source", "details",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcdoc"}


class ActiveMarkup(HTMLParser):
    """What on a page can act: active elements (with their attributes), event handlers, inline styles, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: set[tuple] = set()
        self.dangers: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            # Which attributes, not their values (those hold ids and addresses); but where a script comes from,
            # and what a meta tag does, count.
            values = dict(attrs)
            self.elements.add(
                (tag, tuple(sorted(values)), values.get("src") if tag == "script" else values.get("http-equiv"))
            )
        for name, value in attrs:
            scheme = "".join((value or "").split()).lower()
            if name.startswith("on") or name == "style":
                self.dangers.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES and scheme.startswith(("javascript:", "vbscript:", "data:")):
                self.dangers.append(f"<{tag} {name}={value}>")

    handle_startendtag = handle_starttag


def active_markup(html: str) -> ActiveMarkup:
    parser = ActiveMarkup()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert(page: str, baseline: str, payload: str) -> None:
    """The page with the payload has no active markup that the same page with harmless text lacks."""
    found, expected = active_markup(page), active_markup(baseline)
    assert found.dangers == [], (payload, found.dangers)
    assert found.elements <= expected.elements, (payload, found.elements - expected.elements)


def assert_no_dangerous(html: str, payload: str) -> None:
    """HTML made from `payload` (sanitised Markdown, a snippet) holds none of the dangerous pieces."""
    lowered = html.lower()
    for needle in DANGEROUS:
        assert needle not in lowered, (payload, needle)
