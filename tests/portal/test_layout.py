"""Every page shares one layout that passes a basic HTML and accessibility check."""

import pytest

from tests.html import outline

PUBLIC_PAGES = [
    "/",
    "/rules/",
    "/privacy/",
    "/terms/",
    "/disclaimer/",
    "/support/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
MEMBER_PAGES = [
    "/accounts/profile/",
    "/accounts/data/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
]


def check_layout(response):
    assert response.status_code == 200
    page = response.content.decode()
    parsed = outline(page)
    assert parsed.html_lang == "en"
    assert len(parsed.titles) == 1
    title = " ".join(parsed.titles[0].split())
    # A real title: the page's own name, then the site's (the home page leads with the site's).
    assert "Remedy Commons" in title and len(title) > len("Remedy Commons") + 3, title
    assert parsed.h1_count == 1, f"{parsed.h1_count} <h1> on {response.request['PATH_INFO']}"
    assert parsed.links[0] == "#main" and "main" in parsed.ids, "the first link is the skip link to <main>"
    assert {"header", "main", "footer", "nav"} <= parsed.landmarks
    assert parsed.inline_scripts == 0 and parsed.inline_styles == 0
    # The footer carries the disclaimer and the way to crisis resources on every page.
    assert "information, not medical advice" in page
    assert 'href="/support/"' in page and "Need support now?" in page
    for path in ["/rules/", "/privacy/", "/terms/", "/disclaimer/"]:
        assert f'href="{path}"' in page
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    return page


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_pass_the_layout_check(client, db, path):
    check_layout(client.get(path))


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_pages_pass_the_layout_check(member_client, path):
    page = check_layout(member_client.get(path))

    assert "Quiet Night" in page  # the account menu names the member
    assert 'aria-label="Account settings"' in page


def test_a_visitor_sees_sign_in_and_sign_up_in_the_header(client, db):
    page = client.get("/").content.decode()

    assert 'href="/accounts/login/"' in page
    assert 'href="/accounts/signup/"' in page


def test_the_header_only_links_sections_that_exist(client, db):
    parsed = outline(client.get("/").content.decode())

    # Later issues add /conditions/, /therapies/ …; until then nothing in the header leads to a 404.
    for link in parsed.links:
        if link.startswith("/") and not link.startswith("/static/"):
            assert client.get(link).status_code in {200, 302}, link


def test_staff_see_an_admin_link_and_members_do_not(client, make_member):
    editor = make_member(display_name="Eddie Editor", is_staff=True)
    member = make_member(display_name="Plain Member")

    client.force_login(member)
    assert 'href="/admin/"' not in client.get("/").content.decode()
    client.force_login(editor)
    assert 'href="/admin/"' in client.get("/").content.decode()


def test_a_missing_page_gets_the_site_layout_and_a_way_home(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert outline(page).h1_count == 1
    assert "find that page" in page
    assert 'href="/support/"' in page
