"""Editors' Markdown can format text but can never put script or active markup on a page."""

import pytest

from therapies.models import Therapy

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=javascript:alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
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
DANGEROUS = [
    "<script", "javascript:", "vbscript:", "data:text", "onerror", "onload", "onclick", "onfocus",
    "onmouseover", "ontoggle", "<iframe", "<object", "<embed", "<form", "<input", "<svg", "<math",
    "<style", "<meta", "<base", "style=",
]  # fmt: skip


def test_there_are_at_least_twenty_payloads():
    assert len(XSS_PAYLOADS) >= 20


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_in_every_markdown_field_renders_inert(client, make_therapy, payload):
    therapy = make_therapy(name="Payload test", **dict.fromkeys(Therapy.markdown_fields, payload))

    page = client.get(therapy.get_absolute_url()).content.decode()
    body = page[page.index('<main id="main"') : page.index("</main>")].lower()

    for needle in DANGEROUS:
        assert needle not in body, (payload, needle)


def test_formatting_and_ordinary_links_survive(client, make_therapy):
    therapy = make_therapy(name="Formatted", what_it_is="**Bold** and [a link](https://example.org/x).\n\n- one")

    page = client.get(therapy.get_absolute_url()).content.decode()

    assert "<strong>Bold</strong>" in page
    assert 'href="https://example.org/x"' in page
    assert "<li>one</li>" in page
