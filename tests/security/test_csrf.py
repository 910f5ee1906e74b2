"""CSRF everywhere: a state-changing form sent without its token is refused and changes nothing.

Each page of the permission table (tests/security/endpoints.py) is sent by someone it allows, first without the
token (403, nothing stored), then with it (it works, so the token was all that was missing). The API enforces
CSRF on the session cookie its own scripts use, and needs none with a token, which no other site can send.
"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from community.models import Report
from tests.clients import token_client
from tests.html import outline, text
from tests.security.conftest import PERSONAS
from tests.security.endpoints import ENDPOINTS, succeeded
from tests.security.test_permission_matrix import url_patterns

pytestmark = pytest.mark.django_db

# Views that take a change without a CSRF token, each with the reason. (DRF's views are exempt from Django's
# middleware but enforce CSRF themselves for session log-ins; tests below show it.)
CSRF_EXEMPT = {
    "community:unsubscribe": "the signed token in the e-mailed link is the authority, and mail providers' one-click "
    "unsubscribe (RFC 8058) posts without a session or a CSRF token",
    "community:diary_reminder_off": "the same, for the weekly diary reminder's signed off-link",
    "news:stop": "the same for a condition's news: the signed link in the digest is the authority, and mail "
    "providers' one-click unsubscribe posts without a session or a CSRF token",
}
PAGES = [endpoint for endpoint in ENDPOINTS if not endpoint.api and endpoint.name not in CSRF_EXEMPT]


def with_csrf_token(client: Client) -> Client:
    """The client sends the CSRF token a page gave it, as a form would."""
    client.get(reverse("account_login") if "sessionid" not in client.cookies else reverse("profile"))
    client.defaults["HTTP_X_CSRFTOKEN"] = client.cookies["csrftoken"].value
    return client


@pytest.mark.parametrize("endpoint", PAGES, ids=str)
def test_a_form_sent_without_its_csrf_token_is_refused_and_changes_nothing(world, endpoint):
    persona = next(persona for persona in PERSONAS if persona in endpoint.may)
    user = world.users[persona]
    if endpoint.prepare is not None:
        endpoint.prepare(world, user)
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    before = endpoint.state(world, user)

    response = endpoint.send(client, world, user)

    assert response.status_code == 403, (persona, response.status_code)
    assert "The form could not be sent" in response.content.decode()
    assert endpoint.state(world, user) == before
    response = endpoint.send(with_csrf_token(client), world, user)
    assert succeeded(response) and endpoint.state(world, user) != before, (persona, response.status_code)


def test_the_refusal_is_a_page_of_the_site_that_says_what_to_do(client, db):
    client.handler.enforce_csrf_checks = True

    response = client.post(reverse("account_login"), {"login": "someone@example.org", "password": "guess"})

    assert response.status_code == 403
    page = text(response)
    assert "The form could not be sent" in page and "reload the page and send it again" in page
    assert "Need support now?" in page  # the site's own layout, not Django's bare page
    assert outline(response.content.decode()).inline_styles == 0


def test_only_the_listed_views_are_exempt_from_csrf():
    exempt = {
        name
        for name, _route, view in url_patterns()
        if getattr(view, "csrf_exempt", False) and not hasattr(view, "cls") and not name.startswith("admin:")
    }

    assert exempt == set(CSRF_EXEMPT)


@pytest.fixture
def post_url(world):
    return reverse("api:post-report", args=[world.post.pk])


def test_the_api_refuses_a_session_without_the_csrf_token(world, post_url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["member"])

    response = client.post(post_url, {"reason": "spam"}, content_type="application/json")

    assert response.status_code == 403
    assert response["content-type"] == "application/json"
    assert "CSRF" in response.json()["detail"]
    assert not Report.objects.exists()


def test_the_api_takes_a_session_with_the_csrf_token_as_the_sites_scripts_send_it(world, post_url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["member"])

    response = with_csrf_token(client).post(post_url, {"reason": "spam"}, content_type="application/json")

    assert response.status_code == 201
    assert Report.objects.get().reporter == world.users["member"]


def test_the_api_needs_no_csrf_token_with_an_api_token(world, post_url):
    client = token_client(world.users["member"])
    client.handler.enforce_csrf_checks = True

    response = client.post(post_url, {"reason": "spam"}, content_type="application/json")

    assert response.status_code == 201
    assert Report.objects.get().reporter == world.users["member"]


def test_a_page_kept_in_the_visitors_page_cache_never_holds_a_csrf_token(world):
    # A CSRF token in a page served to everyone would hand one visitor's secret to the others.
    visitor = Client()
    visitor.get(reverse("account_login"))  # now holds a CSRF cookie, as most visitors do
    pages = [reverse("community:forum_list"), world.forum.get_absolute_url(), world.thread.get_absolute_url()]

    with override_settings(COMMUNITY_PAGE_CACHE=True):
        first = [visitor.get(url) for url in pages]
        served = [Client().get(url) for url in pages]

    assert [response["X-Page-Cache"] for response in served] == ["hit"] * len(pages)
    for response in [*first, *served]:
        assert "csrfmiddlewaretoken" not in response.content.decode()
