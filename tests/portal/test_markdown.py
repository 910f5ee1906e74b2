"""The site's one Markdown renderer keeps formatting and drops anything that could run."""

import pytest

from portal.text import render_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>",
    '<p style="background:url(x)" onclick="alert(1)">x</p>',
    "<svg/onload=alert(1)>",
]


@pytest.mark.parametrize("text", ATTACKS)
@pytest.mark.parametrize("profile", ["post", "content"])
def test_nothing_executable_survives(text, profile):
    html = render_markdown(text, profile=profile).lower()

    for needle in ["<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<svg", "style="]:
        assert needle not in html


def test_formatting_survives():
    html = render_markdown("## Sleep\n\n**Iron** helps *some* people.\n\n- one\n- two", profile="content")

    assert "<h2>Sleep</h2>" in html
    assert "<strong>Iron</strong>" in html and "<em>some</em>" in html
    assert "<li>one</li>" in html


def test_links_in_posts_are_marked_as_user_content():
    html = render_markdown("[a study](https://example.org/study)", profile="post")

    assert 'href="https://example.org/study"' in html
    assert 'rel="nofollow ugc noopener"' in html


def test_posts_get_no_headings_but_editors_do():
    assert "<h2>" not in render_markdown("## Shouting", profile="post")
    assert "<h2>" in render_markdown("## Section", profile="content")
