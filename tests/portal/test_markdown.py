"""The site's one Markdown renderer keeps formatting and drops anything that could run."""

import pytest

from portal.text import render_markdown
from tests.xss import XSS_PAYLOADS, assert_no_dangerous


@pytest.mark.parametrize("text", XSS_PAYLOADS)
@pytest.mark.parametrize("profile", ["post", "content"])
def test_nothing_executable_survives(text, profile):
    assert_no_dangerous(render_markdown(text, profile=profile), text)


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
