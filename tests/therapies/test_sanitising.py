"""Editors' Markdown can format text but can never put script or active markup on a page (payloads: tests/xss.py)."""

import pytest

from tests.xss import XSS_PAYLOADS, assert_no_dangerous
from therapies.models import Therapy


def test_there_are_at_least_twenty_payloads():
    assert len(XSS_PAYLOADS) >= 20


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_in_every_markdown_field_renders_inert(client, make_therapy, payload):
    therapy = make_therapy(name="Payload test", **dict.fromkeys(Therapy.markdown_fields, payload))

    page = client.get(therapy.get_absolute_url()).content.decode()
    body = page[page.index('<main id="main"') : page.index("</main>")].lower()

    assert_no_dangerous(body, payload)


def test_formatting_and_ordinary_links_survive(client, make_therapy):
    therapy = make_therapy(name="Formatted", what_it_is="**Bold** and [a link](https://example.org/x).\n\n- one")

    page = client.get(therapy.get_absolute_url()).content.decode()

    assert "<strong>Bold</strong>" in page
    assert 'href="https://example.org/x"' in page
    assert "<li>one</li>" in page
