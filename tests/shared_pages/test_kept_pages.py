"""Pages kept per content generation (portal/shared_pages.py): every change shows on the very next request, nobody
ever gets another reader's parts, visitors' pages revalidate with an ETag, and no page with a form token is shared."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from community import actions
from community.models import Forum
from portal import generations
from portal.shared_pages import HOLE_START
from tests.clients import login
from therapies.actions.votes import cast_vote
from therapies.models import Practitioner, Therapy, TherapyCondition

pytestmark = pytest.mark.django_db


def get(client, url, data=None, **headers):
    response = client.get(url, data, **headers)
    return response, response.content.decode()


@pytest.fixture
def world(rls_page, forum, make_thread, make_practitioner):
    """A published therapy-for-condition page, a thread about it, and a listing that offers it."""
    thread = make_thread(forum=forum, title="Acupuncture twice a week", body="It took six weeks to help.")
    listing = make_practitioner(name="Kept Practitioner", therapies=[rls_page.therapy])
    return {"page": rls_page, "thread": thread, "listing": listing}


def page_urls(world) -> dict[str, str]:
    page = world["page"]
    return {
        "home": "/",
        "conditions": "/conditions/",
        "condition": page.condition.get_absolute_url(),
        "therapies": "/therapies/",
        "therapy": page.therapy.get_absolute_url(),
        "therapy-condition": page.get_absolute_url(),
        "directory": "/practitioners/",
        "listing": world["listing"].get_absolute_url(),
        "forum list": "/community/",
        "forum": world["thread"].forum.get_absolute_url(),
        "thread": world["thread"].get_absolute_url(),
        "survey results": "/survey/results/",
        "rules": "/rules/",
        "privacy": "/privacy/",
    }


# --- Visitors: whole pages, from the cache ---------------------------------------------------------------------------


def test_every_public_page_is_kept_for_visitors_and_served_without_a_query(world, django_assert_num_queries):
    visitor = Client()
    for name, url in page_urls(world).items():
        first, first_page = get(visitor, url)
        assert (first.status_code, first["X-Page-Cache"]) == (200, "miss"), name
        with django_assert_num_queries(0):
            second, page = get(visitor, url)
        assert second["X-Page-Cache"] == "hit", name
        assert page == first_page, name
        assert HOLE_START not in page, name
        assert "Sign in" in page and "Sign out" not in page, name


def test_a_visitors_page_carries_an_etag_and_a_revalidation_gets_a_304(world):
    visitor = Client()
    url = world["page"].therapy.get_absolute_url()
    first, _ = get(visitor, url)
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=5"
    assert "Cookie" in first["Vary"]

    again = visitor.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Cache-Control"].startswith("public")

    therapy = Therapy.objects.get(pk=world["page"].therapy.pk)
    therapy.save()  # saved without a change: the page is rendered again, and is still the same
    assert visitor.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    therapy.summary = "Thin needles at chosen points, in a new summary."
    therapy.save()
    changed = visitor.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "in a new summary" in changed.content.decode()


def test_the_shared_cache_setting_is_the_operators(world):
    with override_settings(SHARED_CACHE_SECONDS=0):
        response, _ = get(Client(), "/conditions/")
    assert response["Cache-Control"] == "public, max-age=0"


@pytest.mark.parametrize(
    "change",
    ["knowledge", "vote", "statistics", "directory", "post"],
)
def test_a_change_shows_on_the_very_next_request(world, make_poster, make_member, change):
    visitor = Client()
    member = login(make_poster())
    urls = page_urls(world)
    for url in urls.values():
        get(visitor, url)
        get(member, url)
    page = world["page"]
    if change == "knowledge":
        Therapy.objects.filter(pk=page.therapy.pk).update(name="Needle therapy")
        therapy = Therapy.objects.get(pk=page.therapy.pk)
        therapy.save()
        expected = {"therapy": "Needle therapy", "therapy-condition": "Needle therapy", "therapies": "Needle therapy"}
    elif change == "vote":
        cast_vote(user=make_member(), target=TherapyCondition.objects.get(pk=page.pk), value=1)
        expected = {"therapy-condition": "1 up"}
    elif change == "statistics":
        from community.survey.statistics import refresh_statistics

        before = get(visitor, urls["survey results"])[0]["ETag"]
        assert "Figures updated" not in get(member, urls["survey results"])[1]
        refresh_statistics()
        after = get(visitor, urls["survey results"])
        assert after[0]["X-Page-Cache"] == "miss" and after[0]["ETag"] != before
        assert "Figures updated" in get(member, urls["survey results"])[1]
        return
    elif change == "directory":
        listing = world["listing"]
        listing.name = "Renamed Practitioner"
        listing.save()
        expected = {"listing": "Renamed Practitioner", "directory": "Renamed Practitioner"}
    else:
        actions.reply(author=make_poster(), thread=world["thread"], body="Day ten: calmer legs at night.")
        expected = {"thread": "Day ten: calmer legs at night.", "forum": "1 reply", "forum list": "Acupuncture twice"}
    for name, text in expected.items():
        response, body = get(visitor, urls[name])
        assert response["X-Page-Cache"] == "miss", name
        assert text in " ".join(re.sub(r"<[^>]+>", " ", body).split()), name
        assert text in " ".join(re.sub(r"<[^>]+>", " ", get(member, urls[name])[1]).split()), name


def test_a_page_with_a_form_token_is_never_shared(world):
    response, page = get(Client(), "/accounts/login/")
    assert 'name="csrfmiddlewaretoken"' in page
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_lost_generation_never_brings_an_old_page_back(world, make_poster):
    visitor = Client()
    url = world["thread"].get_absolute_url()
    get(visitor, url)
    actions.reply(author=make_poster(), thread=world["thread"], body="Magnesium at night helped a little.")
    cache.delete_many(generations.keys([generations.SITE, generations.thread(world["thread"].pk)]))  # evicted
    response, page = get(visitor, url)
    assert response["X-Page-Cache"] == "miss"
    assert "Magnesium at night helped a little." in page


def test_without_keeping_pages_are_rendered_every_time_with_the_same_result(world):
    url = world["page"].get_absolute_url()
    kept = get(Client(), url)[1]
    with override_settings(SHARED_PAGES=False):
        response, page = get(Client(), url)
    assert "X-Page-Cache" not in response
    assert page == kept


# --- Members: the shell, filled per request --------------------------------------------------------------------------


def test_a_member_never_gets_a_visitors_page_or_another_members(world, make_poster):
    first = make_poster(display_name="First Reader")
    second = make_poster(display_name="Second Reader")
    urls = page_urls(world)
    for url in urls.values():
        get(Client(), url)  # kept for visitors
    for reader, other in ((first, second), (second, first)):
        client = login(reader)
        for name, url in urls.items():
            response, page = get(client, url)
            assert "X-Page-Cache" not in response, name
            assert reader.display_name in page and other.display_name not in page, name
            assert "Sign out" in page and HOLE_START not in page, name
            assert "private" in response["Cache-Control"], name


def test_each_member_sees_their_own_vote_on_the_same_kept_page(world, make_poster):
    voter, other = make_poster(), make_poster()
    pair = TherapyCondition.objects.get(pk=world["page"].pk)
    cast_vote(user=voter, target=pair, value=1)
    url = pair.get_absolute_url()
    voter_page = get(login(voter), url)[1]
    other_page = get(login(other), url)[1]
    assert "You voted up. Press again to withdraw." in voter_page
    assert "You voted up. Press again to withdraw." not in other_page.split('data-text-none="')[1].split("</form>")[0]
    assert 'aria-pressed="true" data-vote="up"' in voter_page
    assert 'aria-pressed="true"' not in other_page.split('class="votes__form"')[1].split("</form>")[0]


def test_each_member_gets_their_own_form_token(world, make_poster):
    url = world["thread"].get_absolute_url()
    tokens = set()
    for reader in (make_poster(), make_poster()):
        client = login(reader)
        page = get(client, url)[1]
        token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        tokens.add(token)
        # The token works: the reply goes through.
        thread = world["thread"]
        enforcing = Client(enforce_csrf_checks=True)
        enforcing.cookies = client.cookies
        response = enforcing.post(
            reverse("community:reply", args=[thread.forum.slug, thread.pk]),
            {"body": f"A reply with my own token, from reader {len(tokens)}."},
            HTTP_X_CSRFTOKEN=token,
        )
        assert response.status_code == 302
    assert len(tokens) == 2


def test_a_members_thread_page_from_the_shell_costs_a_fixed_few_queries(world, make_poster, django_assert_num_queries):
    reader = login(make_poster())
    url = world["thread"].get_absolute_url()
    get(reader, url)  # the shell is kept, and the read position moved
    # 1. session  2. member  3. the thread with the member's read position and follow
    # 4. the member's standing (verified, suspension, rules, unread notifications)  5. their helpful marks
    with django_assert_num_queries(5):
        response, page = get(reader, url)
    assert "It took six weeks to help." in page and "Follow this thread" in page


def test_a_forum_taken_off_the_list_leaves_it_at_once(world):
    visitor = Client()
    get(visitor, "/community/")
    Forum.objects.filter(slug="introductions").get().save()
    assert get(visitor, "/community/")[0]["X-Page-Cache"] == "miss"


def test_a_listing_waiting_for_review_is_never_kept(world, make_poster, editor_client):
    listing = world["listing"]
    Practitioner.objects.filter(pk=listing.pk).update(status=Practitioner.Status.PENDING)
    response, page = get(editor_client, listing.get_absolute_url())
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    assert Client().get(listing.get_absolute_url()).status_code == 404


def test_member_text_cannot_open_a_hole(world, make_poster):
    post = actions.reply(
        author=make_poster(), thread=world["thread"], body="Before <!--hole:account--> and `<!--hole:csrf-->`"
    )
    assert HOLE_START not in post.body_html
    page = get(login(make_poster()), world["thread"].get_absolute_url())[1]
    body = page.split(f'id="post-{post.number}"')[1].split('class="post__actions"')[0]
    assert "Before" in body and "csrfmiddlewaretoken" not in body and "Sign out" not in body


def test_production_waits_for_the_commit_before_it_bumps(world, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.undo()  # the real `when_committed` (tests bump at once)
    key = generations.keys([generations.KNOWLEDGE])[0]
    before = generations.current([generations.KNOWLEDGE])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        generations.bump(generations.KNOWLEDGE)
        assert cache.get(key) == before[0]
    assert callbacks
    for callback in callbacks:
        callback()
    assert cache.get(key) != before[0]


# --- Redis away ------------------------------------------------------------------------------------------------------

# Nothing listens on port 1: the cache client is refused at once, as when Redis is down.
UNREACHABLE_REDIS = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


def test_with_redis_away_visitors_still_read_every_public_page(world):
    urls = page_urls(world)
    with override_settings(CACHES=UNREACHABLE_REDIS):
        for name, url in urls.items():
            response, page = get(Client(), url)
            assert response.status_code == 200, name
            assert "X-Page-Cache" not in response and HOLE_START not in page, name


def test_a_bump_the_cache_could_not_take_is_made_once_it_answers_again(world, monkeypatch):
    from redis.exceptions import ConnectionError as RedisConnectionError

    key = generations.keys([generations.KNOWLEDGE])[0]
    before = generations.current([generations.KNOWLEDGE])[0]

    def refused(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    with monkeypatch.context() as away:
        away.setattr(cache, "incr", refused)
        away.setattr(cache, "set", refused)
        generations.bump(generations.KNOWLEDGE)
    assert cache.get(key) == before  # the change could not make pages out of date yet…
    generations.current([generations.SITE])  # …and the next look at the generations makes up for it
    assert cache.get(key) != before


def test_each_search_fills_the_kept_search_page_with_its_own_title_results_and_box(world, make_poster):
    """The page around a search is kept once; the search's own parts are filled per request, for visitors and
    members alike, and a visitor's search is never served from the visitors' whole-page cache."""
    member = make_poster(display_name="Searching Reader")
    for client, reader in ((Client(), None), (login(member), member)):
        for typed, found, not_found in (
            ("acupuncture", "Acupuncture twice a week", "Kept Practitioner"),
            ("Kept Practitioner", "Kept Practitioner", "Acupuncture twice a week"),
        ):
            response, page = get(client, "/search/", data={"q": typed})
            assert f"<title>Search: {typed} ·" in page
            assert f'name="q" value="{typed}"' in page
            assert found in page and not_found not in page
            assert HOLE_START not in page and "X-Page-Cache" not in response
            assert (reader.display_name in page) if reader else ("Sign in" in page)
    response, page = get(Client(), "/search/", data={"q": "<b>x</b>"})
    assert "<title>Search: &lt;b&gt;x&lt;/b&gt; ·" in page and "<b>x</b>" not in page


def test_a_made_up_address_leaves_only_short_lived_counters_of_bounded_size(world, monkeypatch):
    """A crawler's made-up slugs create generation counters when they are read: each lives no longer than what is kept
    under it, and a long slug is stored by its digest."""
    made = {}
    original_add = cache.add

    def recording_add(key, value, timeout=None, **kwargs):
        made[key] = timeout
        return original_add(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "add", recording_add)
    made_up = "acupuncture" + "x" * 300
    assert Client().get(f"/therapies/{made_up}/").status_code == 404
    assert Client().get(f"/api/v1/therapies/{made_up}/").status_code == 404
    tally_keys = [key for key in made if key.startswith("gen:votes:")]
    assert tally_keys, made
    assert all(len(key) < 100 for key in tally_keys)
    assert set(made.values()) == {generations.KEEP_SECONDS} and generations.KEEP_SECONDS <= 60 * 60
