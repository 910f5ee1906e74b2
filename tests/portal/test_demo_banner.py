"""While demo content is present every page says so and asks not to be indexed; the sitemap leaves it out; after
`seed_demo --remove` the very next request, kept pages included, shows none of it. Knowing costs a request nothing."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from portal import demo

BANNER = "This site shows demonstration content: reviewers, practitioners, members and their posts are fictional."
NOINDEX = '<meta name="robots" content="noindex">'
PAGES = [
    "/",
    "/privacy/",
    "/conditions/",
    "/conditions/restless-legs-syndrome/",
    "/therapies/acupuncture/",
    "/therapies/acupuncture/restless-legs-syndrome/",
    "/practitioners/",
    "/practitioners/kenji-aramaki-portland/",
    "/community/",
    "/community/restless-legs-syndrome/",
    "/survey/",
    "/search/?q=iron",
]


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", "--demo", stdout=StringIO())


def remove_demo() -> None:
    call_command("seed_demo", "--remove", stdout=StringIO())


def test_with_demo_content_every_page_shows_the_banner_and_noindex_and_after_removal_none_does(client, demo_site):
    for path in PAGES:
        response = client.get(path)
        page = response.content.decode()
        assert response.status_code == 200, path
        assert BANNER in page, path
        assert page.count(NOINDEX) == 1, path
        assert response["X-Robots-Tag"] == "noindex", path
    # The visitors' pages are kept now (SHARED_PAGES is on in the tests): the second answer comes from the cache.
    assert client.get("/privacy/")["X-Page-Cache"] == "hit"

    remove_demo()

    for path in ["/", "/privacy/", "/conditions/", "/practitioners/", "/community/", "/survey/"]:
        response = client.get(path)
        page = response.content.decode()
        assert response.status_code == 200, path
        assert BANNER not in page, path
        assert NOINDEX not in page, path
        assert "X-Robots-Tag" not in response, path


def test_a_members_page_shows_the_banner_too(client, demo_site, member):
    client.force_login(member)

    page = client.get("/accounts/profile/").content.decode()

    assert BANNER in page and NOINDEX in page


def test_a_page_that_asks_for_noindex_itself_says_it_once_on_a_demo_site(client, demo_site):
    page = client.get("/a-page-that-does-not-exist/").content.decode()

    assert page.count(NOINDEX) == 1 and BANNER in page


def test_without_demo_content_no_page_has_the_banner(client, db):
    response = client.get("/")

    assert BANNER not in response.content.decode() and NOINDEX not in response.content.decode()
    assert "X-Robots-Tag" not in response


def test_the_sitemap_lists_real_pages_and_no_demo_page(client, demo_site, make_condition):
    make_condition(name="Sleep apnoea")

    sitemap = client.get("/sitemap.xml").content.decode()

    assert "/conditions/sleep-apnoea/" in sitemap
    for demo_path in [
        "/conditions/restless-legs-syndrome/",
        "/therapies/acupuncture/",
        "/therapies/acupuncture/restless-legs-syndrome/",
        "/practitioners/kenji-aramaki-portland/",
        "/community/restless-legs-syndrome/",
    ]:
        assert demo_path not in sitemap, demo_path
    assert "/community/introductions/" in sitemap  # a general forum is the site's, not the demo's


def test_knowing_whether_demo_content_is_present_costs_a_request_no_query(client, demo_site, django_assert_num_queries):
    # The seed left the answer in the cache: a page that reads nothing else reads nothing at all.
    with django_assert_num_queries(0):
        assert BANNER in client.get("/privacy/").content.decode()


def test_a_cache_that_lost_the_answer_reads_the_flags_once_and_keeps_it(
    client, demo_site, django_assert_max_num_queries
):
    cache.delete(demo.PRESENT_KEY)

    # The first request reads the flags (the first model it asks already holds demo rows) ...
    with django_assert_max_num_queries(1):
        assert BANNER in client.get("/terms/").content.decode()
    # ... and every later one finds the answer kept.
    with django_assert_max_num_queries(0):
        assert BANNER in client.get("/disclaimer/").content.decode()
