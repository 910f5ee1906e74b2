"""A Content-Security-Policy without inline scripts on every response, and pages that need no inline script.

Every kind of page is fetched as a visitor and as a member: the policy allows scripts from the site only (no
'unsafe-inline', no 'unsafe-eval'), and the HTML holds no inline script (a JSON data block, which nothing runs, is
allowed and must say so in its type), no on…= event handler and no javascript: address.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.clients import login

pytestmark = pytest.mark.django_db

DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcdoc", "xlink:href"}


class ScriptAudit(HTMLParser):
    """Inline scripts (with their type), event-handler attributes and script addresses in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inline_scripts: list[str | None] = []
        self.data_blocks: list[str] = []
        self.handlers: list[str] = []
        self.script_urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and not values.get("src"):
            kind = (values.get("type") or "").lower()
            (self.data_blocks if kind in DATA_BLOCK_TYPES else self.inline_scripts).append(values.get("type"))
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES and "".join((value or "").split()).lower().startswith("javascript:"):
                self.script_urls.append(f"<{tag} {name}={value}>")

    handle_startendtag = handle_starttag


def policy(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def check(response) -> ScriptAudit | None:
    """Assert what every response must carry; for an HTML page, what it must not hold. Returns the page's audit."""
    path = response.request["PATH_INFO"]
    directives = policy(response)
    assert directives["script-src"] == ["'self'"], (path, directives["script-src"])
    assert directives["default-src"] == ["'self'"] and directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"] and directives["base-uri"] == ["'self'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header, path
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    audit = ScriptAudit()
    audit.feed(response.content.decode())
    assert audit.inline_scripts == [], (path, audit.inline_scripts)
    assert audit.handlers == [], (path, audit.handlers)
    assert audit.script_urls == [], (path, audit.script_urls)
    return audit


@pytest.fixture
def pages(world):
    """Every kind of page, by address; {} where a page needs a member."""
    thread = world.thread
    return {
        "home": "/",
        "condition list": reverse("therapies:condition_list"),
        "condition": world.page.condition.get_absolute_url(),
        "therapy list": reverse("therapies:therapy_list"),
        "therapy": world.therapy.get_absolute_url(),
        "therapy for condition": world.page.get_absolute_url(),
        "practitioner list": reverse("therapies:practitioner_list"),
        "practitioner search": reverse("therapies:practitioner_list") + "?near=97214&radius=25",
        "practitioner": world.open_listing.get_absolute_url(),
        "forums": reverse("community:forum_list"),
        "forum": world.forum.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "member page": reverse("community:member_detail", args=[world.users["member"].pk]),
        "search": reverse("search") + "?q=evenings",
        "search, one kind": reverse("search") + "?q=evenings&kind=threads",
        "survey": reverse("community:survey"),
        "survey results": reverse("community:survey_results"),
        "rules": reverse("rules"),
        "privacy": reverse("privacy"),
        "support": reverse("support"),
        "log in": reverse("account_login"),
        "sign up": reverse("account_signup"),
        "password reset": reverse("account_reset_password"),
        "admin log-in": reverse("admin:login"),
        "API docs": reverse("api:docs"),
        "API": reverse("api:condition-list"),
        "API schema": reverse("api:schema"),
        "API, not found": "/api/v1/no-such-thing/",
        "not found": "/no-such-page/",
        "healthz": reverse("healthz"),
        "robots": reverse("robots_txt"),
        "sitemap": reverse("sitemap"),
    }


MEMBER_PAGES = [
    ("profile", lambda w: reverse("profile")),
    ("your data", lambda w: reverse("my_data")),
    ("e-mail addresses", lambda w: reverse("account_email")),
    ("password change", lambda w: reverse("account_change_password")),
    ("two-factor", lambda w: reverse("mfa_index")),
    ("notifications", lambda w: reverse("community:notifications")),
    ("new thread", lambda w: reverse("community:new_thread", args=[w.forum.slug])),
    ("report a post", lambda w: reverse("community:report_post", args=[w.post.pk])),
    ("edit a post", lambda w: reverse("community:edit_post", args=[w.own_post.pk])),
    ("survey, a step", lambda w: reverse("community:survey_take")),
    ("survey, your answers", lambda w: reverse("community:survey_mine")),
    ("suggest a practitioner", lambda w: reverse("therapies:practitioner_suggest")),
    ("claim a listing", lambda w: reverse("therapies:practitioner_claim", args=[w.open_listing.slug])),
    ("report a listing", lambda w: reverse("therapies:practitioner_report", args=[w.open_listing.slug])),
    ("not allowed (403)", lambda w: reverse("community:edit_post", args=[w.post.pk])),
]


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_every_kind_of_page_carries_the_policy_and_no_inline_script(world, pages, who):
    client = Client() if who == "visitor" else login(world.users["member"])
    checked = 0
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (name, response.status_code)  # 403: the admin, to members
        check(response)
        if response.status_code == 302:
            check(client.get(response["Location"]))
        checked += 1
    assert checked == len(pages)


def test_member_pages_and_refusals_carry_the_policy_and_no_inline_script(world):
    member = login(world.users["member"])
    for name, url in MEMBER_PAGES:
        response = member.get(url(world))
        assert response.status_code in (200, 403), (name, response.status_code)
        assert check(response) is not None, name
    assert member.get(MEMBER_PAGES[-1][1](world)).status_code == 403
    # The pages that refuse: a form without its CSRF token, too many tries.
    csrf_checked = Client(enforce_csrf_checks=True)
    check(csrf_checked.post(reverse("account_login"), {"login": "x@example.org", "password": "x"}))
    with override_settings(ACCOUNT_RATE_LIMITS={"login": "0/m/ip"}):
        too_many = Client().post(reverse("account_login"), {"login": "x@example.org", "password": "x"})
    assert too_many.status_code == 429
    assert check(too_many) is not None


def test_the_only_script_blocks_in_a_page_are_json_ld_data(world):
    for url in (world.therapy.get_absolute_url(), world.page.get_absolute_url(), world.open_listing.get_absolute_url()):
        audit = check(Client().get(url))
        assert audit.data_blocks == ["application/ld+json"], url


def test_a_page_served_from_the_visitors_page_cache_keeps_the_policy(world):
    with override_settings(COMMUNITY_PAGE_CACHE=True):
        Client().get(world.thread.get_absolute_url())
        cached = Client().get(world.thread.get_absolute_url())

    assert cached["X-Page-Cache"] == "hit"
    check(cached)


def test_a_staff_members_admin_pages_carry_the_policy(world):
    from tests.admin_pages import with_two_factor

    admin = login(with_two_factor(world.users["administrator"]))
    for url in (
        reverse("admin:index"),
        reverse("admin:community_queuepost_changelist"),
        reverse("admin:portal_user_changelist"),
    ):
        response = admin.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["script-src"] == ["'self'"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]
