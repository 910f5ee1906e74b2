"""Visitors' API answers kept per content generation (portal.api.KeptForVisitors): served again without a query,
revalidated with an ETag, out of date on the very next request after a change, and never a member's or a token's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from community import actions
from community.survey.statistics import refresh_statistics
from portal import generations
from tests.admin_pages import form_data
from tests.clients import login, token_client
from tests.factories.survey import RLS, answer
from therapies.actions.votes import cast_vote
from therapies.models import Therapy, TherapyCondition

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rls_page, forum, make_thread, make_practitioner):
    """A published therapy-for-condition page, a thread about its therapy, and a listing that offers it."""
    thread = make_thread(
        forum=forum, title="Acupuncture twice a week", body="It took six weeks.", therapy=rls_page.therapy
    )
    listing = make_practitioner(name="Kept Practitioner", therapies=[rls_page.therapy])
    return {"page": rls_page, "thread": thread, "listing": listing}


def answer_urls(world) -> dict[str, str]:
    page, thread = world["page"], world["thread"]
    therapy, condition = page.therapy.slug, page.condition.slug
    return {
        "conditions": "/api/v1/conditions/",
        "condition": f"/api/v1/conditions/{condition}/",
        "therapies": "/api/v1/therapies/",
        "therapy": f"/api/v1/therapies/{therapy}/",
        "therapy-conditions": "/api/v1/therapy-conditions/",
        "therapy-condition": f"/api/v1/therapy-conditions/{therapy}/{condition}/",
        "references": "/api/v1/references/?ordering=-year",
        "reference": "/api/v1/references/cui2008/",
        "practitioners": f"/api/v1/practitioners/?therapy={therapy}",
        "practitioner": f"/api/v1/practitioners/{world['listing'].slug}/",
        "forums": "/api/v1/forums/",
        "forum": f"/api/v1/forums/{thread.forum.slug}/",
        "threads": "/api/v1/threads/",
        "thread": f"/api/v1/threads/{thread.pk}/",
        "posts": f"/api/v1/threads/{thread.pk}/posts/",
        "survey statistics": "/api/v1/survey/statistics/",
        "survey statistics of a condition": f"/api/v1/survey/statistics/{condition}/",
    }


def warm(client, urls) -> dict[str, object]:
    return {name: client.get(url) for name, url in urls.items()}


# --- Kept, and served from the cache ---------------------------------------------------------------------------------


def test_every_read_answer_is_kept_for_visitors_and_served_again_without_a_query(world, django_assert_num_queries):
    visitor = Client()
    for name, url in answer_urls(world).items():
        first = visitor.get(url)
        assert (first.status_code, first["X-Page-Cache"]) == (200, "miss"), name
        with django_assert_num_queries(0):
            second = visitor.get(url)
        assert (second.status_code, second["X-Page-Cache"]) == (200, "hit"), name
        assert second.content == first.content and second["Content-Type"] == "application/json", name
        assert second.json() == first.json(), name


def test_a_kept_answer_carries_an_etag_and_a_revalidation_gets_a_304(world):
    visitor = Client()
    url = answer_urls(world)["therapy"]
    first = visitor.get(url)
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=5"
    assert {"Accept", "Authorization", "Cookie"} <= {name.strip() for name in first["Vary"].split(",")}

    again = visitor.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Cache-Control"] == first["Cache-Control"] and again["Vary"] == first["Vary"]

    therapy = Therapy.objects.get(pk=world["page"].therapy.pk)
    therapy.save()  # saved without a change: the answer is computed again, and is still the same
    assert visitor.get(url, headers={"if-none-match": etag}).status_code == 304
    therapy.summary = "Thin needles at chosen points, in a new summary."
    therapy.save()
    changed = visitor.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["summary"] == "Thin needles at chosen points, in a new summary."


def test_answers_are_kept_apart_by_query_page_and_accept(world, make_thread, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    for number in range(3):
        make_thread(forum=world["thread"].forum, title=f"Another thread {number}")
    visitor = Client()
    first = visitor.get("/api/v1/threads/", {"page_size": 2})
    second = visitor.get("/api/v1/threads/", {"page_size": 2, "page": 2})
    indented = visitor.get("/api/v1/threads/", {"page_size": 2}, headers={"accept": "application/json; indent=4"})

    assert [response["X-Page-Cache"] for response in (first, second, indented)] == ["miss", "miss", "miss"]
    assert first.json()["next"] == "http://testserver/api/v1/threads/?page=2&page_size=2"
    assert {item["id"] for item in first.json()["results"]}.isdisjoint(item["id"] for item in second.json()["results"])
    assert indented.json() == first.json() and indented.content != first.content
    # Another host has its own answer: the page links are absolute.
    elsewhere = visitor.get("/api/v1/threads/", {"page_size": 2}, HTTP_HOST="localhost")
    assert elsewhere["X-Page-Cache"] == "miss" and elsewhere.json()["next"].startswith("http://localhost/")
    refused = visitor.get("/api/v1/threads/", {"page_size": 2}, HTTP_HOST="evil.example")
    assert refused.status_code == 400 and "X-Page-Cache" not in refused


def test_errors_are_never_kept(world):
    visitor = Client()
    for url, status in [
        ("/api/v1/therapies/no-such-therapy/", 404),
        ("/api/v1/therapies/?label=no-such-label", 400),
        ("/api/v1/threads/?page=99", 404),
        ("/api/v1/no-such-thing/", 404),
    ]:
        for _ in range(2):
            response = visitor.get(url)
            assert response.status_code == status, url
            assert "X-Page-Cache" not in response and "ETag" not in response, url


# --- Every change on the very next request ---------------------------------------------------------------------------


def _editor_renames_the_therapy(world, people):
    therapy = world["page"].therapy
    url = reverse("admin:therapies_therapy_change", args=[therapy.pk])
    editor = people["editor"]
    data = form_data(editor.get(url))
    data["name"] = ["Needle therapy"]
    assert editor.post(url, data).status_code == 302
    return {
        "therapy": lambda body: body["name"] == "Needle therapy",
        "therapies": lambda body: body["results"][0]["name"] == "Needle therapy",
        "therapy-condition": lambda body: body["therapy"]["name"] == "Needle therapy",
        "condition": lambda body: body["therapies_unranked"][0]["therapy"]["name"] == "Needle therapy",
        "practitioners": lambda body: body["results"][0]["therapies"][0]["name"] == "Needle therapy",
        "thread": lambda body: body["therapy"]["name"] == "Needle therapy",
    }


def _listing_changes(world, people):
    listing = world["listing"]
    listing.name = "Renamed Practitioner"
    listing.save(update_fields=["name"])
    return {
        "practitioner": lambda body: body["name"] == "Renamed Practitioner",
        "practitioners": lambda body: body["results"][0]["name"] == "Renamed Practitioner",
    }


def _statistics_refresh(world, people):
    people["settings"].SURVEY_MIN_RATED, people["settings"].SURVEY_MIN_COUNT = 2, 1
    for _ in range(3):
        answer(people["make_member"](), people["survey"], tried={"acupuncture": "much_better"})
    refresh_statistics()
    return {
        "survey statistics": lambda body: [item["condition"]["slug"] for item in body] == [RLS],
        "survey statistics of a condition": lambda body: body["refreshed_at"] is not None,
        "therapy-condition": lambda body: body["survey_statistics"] is not None,
    }


def _new_post(world, people):
    actions.reply(author=people["make_poster"](), thread=world["thread"], body="Day ten: calmer legs at night.")
    return {
        "posts": lambda body: body["results"][-1]["body_html"] == "<p>Day ten: calmer legs at night.</p>",
        "thread": lambda body: body["reply_count"] == 1,
        "threads": lambda body: body["results"][0]["reply_count"] == 1,
        "forum": lambda body: body["post_count"] == 2,
    }


def _vote(world, people):
    cast_vote(user=people["make_member"](), target=TherapyCondition.objects.get(pk=world["page"].pk), value=1)
    cast_vote(user=people["make_member"](), target=Therapy.objects.get(pk=world["page"].therapy.pk), value=-1)
    return {
        "therapy-condition": lambda body: body["votes"] == {"up": 1, "down": 0, "mine": 0},
        "therapy": lambda body: body["votes"] == {"up": 0, "down": 1, "mine": 0},
    }


CHANGES = {
    "an editor's save of a therapy": _editor_renames_the_therapy,
    "a listing change": _listing_changes,
    "a statistics refresh": _statistics_refresh,
    "a new post": _new_post,
    "a vote": _vote,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_shows_on_the_very_next_request(
    world, editor_client, make_poster, make_member, survey, settings, change
):
    visitor = Client()
    urls = answer_urls(world)
    before = warm(visitor, urls)
    assert all(response.status_code == 200 for response in before.values())

    people = {
        "editor": editor_client,
        "make_poster": make_poster,
        "make_member": make_member,
        "survey": survey,
        "settings": settings,
    }
    expected = CHANGES[change](world, people)

    for name, shows in expected.items():
        response = visitor.get(urls[name])
        assert response["X-Page-Cache"] == "miss", name
        assert not shows(before[name].json()) and shows(response.json()), name
    untouched = "reference" if change != "an editor's save of a therapy" else None
    if untouched:
        assert visitor.get(urls[untouched])["X-Page-Cache"] == "hit"


# --- Never anybody's own ---------------------------------------------------------------------------------------------


def test_a_members_and_a_tokens_reads_are_computed_afresh_and_never_kept(world, make_member):
    voter = make_member()
    cast_vote(user=voter, target=Therapy.objects.get(pk=world["page"].therapy.pk), value=1)
    url = answer_urls(world)["therapy"]
    visitor = Client()
    kept = visitor.get(url)
    assert kept.json()["votes"]["mine"] == 0

    for reader in (login(voter), token_client(voter)):
        own = reader.get(url)
        assert own.json()["votes"] == {"up": 1, "down": 0, "mine": 1}
        assert "X-Page-Cache" not in own
        assert "private" in own["Cache-Control"] and "public" not in own["Cache-Control"]
        # The member's answer has an ETag of its own; asking again with it gets a 304, worked out afresh.
        assert own["ETag"] != kept["ETag"]
        assert reader.get(url, headers={"if-none-match": own["ETag"]}).status_code == 304

    again = visitor.get(url)
    assert again["X-Page-Cache"] == "hit" and again.json()["votes"]["mine"] == 0


def test_a_members_answer_never_takes_the_place_of_a_visitors(world, make_poster):
    reader = make_poster()
    threads = "/api/v1/threads/"
    reader_client = token_client(reader)
    actions.mark_read(user=reader, thread=world["thread"], number=1)
    actions.reply(author=make_poster(), thread=world["thread"], body="Something new.")

    own = reader_client.get(threads)
    visitors = Client().get(threads)

    assert own.json()["results"][0]["unread"] == 1
    assert visitors["X-Page-Cache"] == "miss" and visitors.json()["results"][0]["unread"] is None


def test_a_wrong_token_is_refused_and_not_served_a_kept_answer(world):
    url = answer_urls(world)["conditions"]
    Client().get(url)

    refused = Client(headers={"authorization": "Token not-a-real-token"}).get(url)

    assert refused.status_code == 401 and "X-Page-Cache" not in refused


def test_a_members_only_threads_posts_are_never_kept(world, make_thread, make_poster):
    secret = make_thread(forum=world["thread"].forum, title="Between members", body="Only us.", members_only=True)
    url = f"/api/v1/threads/{secret.pk}/posts/"

    for _ in range(2):
        refused = Client().get(url)
        assert refused.status_code == 401 and "Only us" not in refused.content.decode()
        assert "X-Page-Cache" not in refused
    assert "Only us" in token_client(make_poster()).get(url).content.decode()
    assert Client().get(url).status_code == 401


def test_a_search_near_a_place_or_by_words_is_never_kept(world, django_assert_max_num_queries):
    for url in ["/api/v1/practitioners/?near=97214", "/api/v1/practitioners/?q=kept"]:
        visitor = Client()
        first = visitor.get(url)
        assert first.status_code == 200 and first.json()["results"], url
        with django_assert_max_num_queries(10) as second_queries:
            second = visitor.get(url)
        assert len(second_queries) > 0, url
        assert "X-Page-Cache" not in second and "private" in second["Cache-Control"], url
        assert visitor.get(url, headers={"if-none-match": second["ETag"]}).status_code == 304, url


def test_a_therapy_list_by_votes_is_not_kept(world):
    visitor = Client()
    visitor.get("/api/v1/therapies/?ordering=-up_votes")

    again = visitor.get("/api/v1/therapies/?ordering=-up_votes")

    assert again.status_code == 200 and "X-Page-Cache" not in again


def test_an_answer_with_nothing_of_its_reader_is_served_kept_to_a_signed_in_member_too(world, make_member):
    """Lists of conditions, therapies, pages and references are the same for everyone: a member on the site (session
    cookie) gets the kept answer. What carries the member's own (a vote, unread counts) is worked out for them."""
    voter = make_member()
    cast_vote(user=voter, target=Therapy.objects.get(pk=world["page"].therapy.pk), value=1)
    urls = answer_urls(world)
    shared = ["conditions", "condition", "therapies", "therapy-conditions", "reference", "survey statistics"]
    own = ["therapy", "therapy-condition", "threads", "thread", "posts", "practitioners", "forums"]
    visitors = warm(Client(), urls)
    member = login(voter)
    for name in shared:
        answer = member.get(urls[name])
        assert answer["X-Page-Cache"] == "hit", name
        assert answer.content == visitors[name].content, name
    for name in own:
        assert "X-Page-Cache" not in member.get(urls[name]), name
    assert member.get(urls["therapy"]).json()["votes"]["mine"] == 1
    # Kept only from a visitor's request: a member's miss is computed for them and not kept.
    Therapy.objects.filter(pk=world["page"].therapy.pk).update(summary="Changed.")
    generations.bump(generations.KNOWLEDGE)
    assert "X-Page-Cache" not in member.get(urls["therapies"])
    assert Client().get(urls["therapies"])["X-Page-Cache"] == "miss"
