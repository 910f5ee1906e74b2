"""The API shows what the pages show: published knowledge, the directory with its filters, visible discussions."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from community import actions
from community.models import Forum, Visibility
from tests.api.conftest import results
from tests.clients import token_client
from tests.html import text
from therapies.models import Reference

pytestmark = pytest.mark.django_db


# --- The knowledge base ----------------------------------------------------------------------------------------------


def test_conditions_are_the_published_ones_in_the_order_of_the_conditions_page(make_condition):
    make_condition(name="Migraine", display_order=2)
    make_condition(name="Insomnia", display_order=1)
    make_condition(name="Secret draft", status="draft")

    listed = results(Client().get("/api/v1/conditions/"))
    page = text(Client().get("/conditions/"))

    assert [item["name"] for item in listed] == ["Insomnia", "Migraine"]
    assert page.index("Insomnia") < page.index("Migraine") and "Secret draft" not in page
    assert listed[0]["url"] == "/conditions/insomnia/"
    assert Client().get("/api/v1/conditions/secret-draft/").status_code == 404


def test_a_condition_lists_its_therapies_ranked_as_on_its_page(make_condition, make_therapy, make_page):
    rls = make_condition(name="Restless legs syndrome", aliases="Willis–Ekbom disease\nRLS")
    make_page(therapy=make_therapy(name="Iron"), condition=rls, certainty="moderate", direction="benefit")
    make_page(therapy=make_therapy(name="Exercise"), condition=rls, certainty="high", direction="benefit")
    make_page(therapy=make_therapy(name="Acupuncture"), condition=rls, certainty="very_low", direction="benefit")
    make_page(
        therapy=make_therapy(name="Cupping"), condition=rls, certainty="", direction="", evidence_basis="traditional"
    )

    body = Client().get("/api/v1/conditions/restless-legs-syndrome/").json()
    page = text(Client().get("/conditions/restless-legs-syndrome/"))

    ranked = [(row["therapy"]["name"], row["label"]["text"]) for row in body["therapies_ranked"]]
    unranked = [(row["therapy"]["name"], row["label"]["text"]) for row in body["therapies_unranked"]]
    assert ranked == [("Exercise", "Helps"), ("Iron", "Probably helps")]
    assert unranked == [
        ("Acupuncture", "Evidence is very uncertain"),
        ("Cupping", "Traditional use only — not studied in people"),
    ]
    positions = [page.index(f">{name}</a>") for name, _label in ranked + unranked]
    assert positions == sorted(positions)
    assert body["aliases"] == ["Willis–Ekbom disease", "RLS"]
    assert body["therapies_ranked"][0]["url"] == "/therapies/exercise/restless-legs-syndrome/"


def test_a_therapy_for_condition_page_gives_the_evidence_the_label_and_the_references_in_page_order(rls_page):
    body = Client().get("/api/v1/therapy-conditions/acupuncture/restless-legs-syndrome/").json()
    page = Client().get("/therapies/acupuncture/restless-legs-syndrome/").content.decode()

    assert body["label"] == {"key": "very-uncertain", "text": "Evidence is very uncertain", "ranked": False}
    assert body["evidence"]["certainty"] == "very_low" and body["evidence"]["direction"] == "benefit"
    assert body["evidence"]["downgrade_reasons"] == ["risk of bias", "imprecision"]
    assert (body["evidence"]["studies_count"], body["evidence"]["participants_count"]) == (2, 170)
    assert body["protocol"] == {
        "sessions_per_week_min": 2, "sessions_per_week_max": 3, "total_sessions": 10, "minutes_per_session": 30,
    }  # fmt: skip
    assert [point["code"] for point in body["acupoints"]] == ["ST36", "SP6"]
    keys = [reference["key"] for reference in body["references"]]
    assert keys == ["raissi2017", "cui2008", "unused2020"]
    titles_on_page = re.findall(r'<li id="ref-\d+">.*?<cite>(.*?)</cite>', page, re.S)
    assert titles_on_page == [Reference.objects.get(key=key).title for key in keys]
    assert body["evidence"]["summary_html"] == rls_page.evidence_summary_html
    assert body["reviewed"]["reviewer_name"] == "Dr. Page Reviewer"
    assert body["survey_statistics"] is None
    assert body["votes"] == {"up": 0, "down": 0, "mine": 0}


def test_drafts_are_not_in_the_api(make_therapy, make_page, make_condition):
    draft = make_therapy(name="Hidden Herb", status="draft")
    make_page(therapy=draft, condition=make_condition(name="Insomnia"))

    assert Client().get("/api/v1/therapies/hidden-herb/").status_code == 404
    assert Client().get("/api/v1/therapy-conditions/hidden-herb/insomnia/").status_code == 404
    assert results(Client().get("/api/v1/therapies/")) == []
    assert results(Client().get("/api/v1/therapy-conditions/")) == []


def test_therapies_filter_by_condition_and_label_like_the_therapies_page(rls_page, make_therapy, make_page):
    insomnia_page = make_page(therapy=make_therapy(name="Sleep hygiene"), certainty="high", direction="benefit")

    by_condition = results(Client().get("/api/v1/therapies/?condition=restless-legs-syndrome"))
    by_label = results(Client().get("/api/v1/therapies/?label=helps"))
    unknown = Client().get("/api/v1/therapies/?condition=no-such-condition")

    assert [item["slug"] for item in by_condition] == ["acupuncture"]
    assert [item["slug"] for item in by_label] == [insomnia_page.therapy.slug]
    assert by_condition[0]["helps_with"][0]["label"]["text"] == "Evidence is very uncertain"
    assert unknown.status_code == 400 and list(unknown.json()["errors"]) == ["condition"]
    page = text(Client().get("/therapies/?condition=restless-legs-syndrome"))
    assert "Acupuncture" in page and "Sleep hygiene" not in page


def test_references_are_listed_with_their_links(rls_page):
    listed = results(Client().get("/api/v1/references/?kind=systematic%20review"))

    assert [item["key"] for item in listed] == ["cui2008"]
    assert listed[0]["doi_url"].startswith("https://doi.org/") and listed[0]["kind_text"] == "Systematic review"


# --- The directory ---------------------------------------------------------------------------------------------------


@pytest.fixture
def listings(make_practitioner, make_therapy):
    acupuncture = make_therapy(name="Acupuncture")
    near = make_practitioner(name="Near Clinic", latitude=45.52, longitude=-122.64, therapies=[acupuncture])
    farther = make_practitioner(name="Farther Clinic", latitude=45.60, longitude=-122.70, telehealth=True)
    seattle = make_practitioner(name="Seattle Clinic", city="Seattle", latitude=47.61, longitude=-122.33)
    make_practitioner(name="Pending Clinic", status="pending")
    return near, farther, seattle


def test_a_near_search_gives_the_listings_nearest_first_with_distances_as_the_page(listings):
    answer = Client().get("/api/v1/practitioners/?near=97214&radius=25")
    page = text(Client().get("/practitioners/?near=97214&radius=25"))

    listed = results(answer)
    assert [item["name"] for item in listed] == ["Near Clinic", "Farther Clinic"]
    assert [item["distance_unit"] for item in listed] == ["mi", "mi"]
    for item in listed:
        assert f"{item['distance']:.1f} miles away" in page
    assert answer.json()["place"]["label"].startswith("97214")
    assert listed[0]["therapies"] == [{"slug": "acupuncture", "name": "Acupuncture"}]


def test_directory_filters_and_places_are_checked_as_on_the_page(listings):
    telehealth = results(Client().get("/api/v1/practitioners/?telehealth=true"))
    everyone = results(Client().get("/api/v1/practitioners/?telehealth=false"))
    unknown = Client().get("/api/v1/practitioners/?near=Atlantis%2C+Nowhere")
    ambiguous = Client().get("/api/v1/practitioners/?near=Springfield")

    assert [item["name"] for item in telehealth] == ["Farther Clinic"]
    assert len(everyone) == 3 and all(item["distance"] is None for item in everyone)
    assert unknown.status_code == 400 and "We could not find" in unknown.json()["errors"]["near"][0]
    assert ambiguous.status_code == 400 and "More than one place" in ambiguous.json()["errors"]["near"][0]
    assert len(ambiguous.json()["errors"]["near_choices"]) > 1


def test_a_listing_gives_what_its_page_shows_except_the_email_address(make_practitioner):
    listing = make_practitioner(
        name="Kai Moss", email="kai@moss.example", phone="503-555-0142", licence_number="AC-1234",
        verification_status="verified", verified_on=date(2026, 3, 4),
    )  # fmt: skip

    body = Client().get(f"/api/v1/practitioners/{listing.slug}/").json()

    assert body["phone"] == "503-555-0142" and body["licence_number"] == "AC-1234"
    assert body["verified"] is True and body["verified_on"] == "2026-03-04"
    assert "email" not in body and "kai@moss.example" not in str(body)
    assert Client().get("/api/v1/practitioners/no-such-listing/").status_code == 404


# --- The discussions -------------------------------------------------------------------------------------------------


def test_forums_are_the_ones_the_community_page_lists(make_condition):
    make_condition(name="Hidden condition", status="draft")

    listed = [item["slug"] for item in results(Client().get("/api/v1/forums/?page_size=100"))]

    assert listed == list(Forum.objects.listed().values_list("slug", flat=True))
    assert "hidden-condition" not in listed
    page = text(Client().get("/community/"))
    assert all(Forum.objects.get(slug=slug).name in page for slug in listed)


@pytest.fixture
def private_thread(forum, make_thread, make_poster):
    body = "First lines about my nights with the new tablets. " + "More private detail follows. " * 30 + "THE END."
    thread = make_thread(forum=forum, title="My medication story", body=body, members_only=True)
    actions.reply(author=make_poster(), thread=thread, body="A reply that only members read.")
    return thread


def test_visitors_get_only_the_title_and_first_lines_of_a_members_only_thread(private_thread, make_poster):
    visitor = Client()

    thread = visitor.get(f"/api/v1/threads/{private_thread.pk}/").json()
    posts = visitor.get(f"/api/v1/threads/{private_thread.pk}/posts/")
    one_post = visitor.get(f"/api/v1/posts/{private_thread.first_post_id}/")

    assert thread["title"] == "My medication story" and thread["members_only"] is True
    assert thread["teaser"].startswith("First lines about my nights") and "THE END." not in thread["teaser"]
    assert thread["teaser"].rstrip("…") in text(visitor.get(private_thread.get_absolute_url()))
    assert posts.status_code == one_post.status_code == 401
    assert "THE END." not in posts.content.decode() + one_post.content.decode()
    member_posts = results(token_client(make_poster()).get(f"/api/v1/threads/{private_thread.pk}/posts/"))
    assert "THE END." in member_posts[0]["body_html"]
    assert member_posts[1]["body_html"] == "<p>A reply that only members read.</p>"


def test_only_visible_threads_and_posts_are_in_the_api(forum, make_thread, make_poster, new_member, moderator):
    thread = make_thread(forum=forum, title="Open for all")
    hidden_reply = actions.reply(author=make_poster(), thread=thread, body="Rude words.")
    actions.hide_post(post=hidden_reply, moderator=moderator, reason="Be kind.")
    waiting_reply = actions.reply(author=new_member, thread=thread, body="Waiting words.")
    waiting_thread, _post = actions.start_thread(author=new_member, forum=forum, title="Waiting thread", body="Hi.")
    assert waiting_reply.status == waiting_thread.status == Visibility.PENDING

    for reader in (Client(), token_client(moderator), token_client(new_member)):
        threads = results(reader.get(f"/api/v1/threads/?forum={forum.slug}"))
        posts = results(reader.get(f"/api/v1/threads/{thread.pk}/posts/"))
        assert [item["title"] for item in threads] == ["Open for all"]
        assert [item["number"] for item in posts] == [1]
        assert reader.get(f"/api/v1/threads/{waiting_thread.pk}/").status_code == 404
        for post in (hidden_reply, waiting_reply, waiting_thread.first_post or waiting_thread.posts.get()):
            assert reader.get(f"/api/v1/posts/{post.pk}/").status_code == 404


def test_threads_come_pinned_first_then_by_last_activity_as_on_the_forum_page(forum, make_thread, moderator):
    older = make_thread(forum=forum, title="Older thread here")
    newer = make_thread(forum=forum, title="Newer thread here")
    pinned = make_thread(forum=forum, title="Pinned thread here")
    actions.set_thread_flag(thread=pinned, moderator=moderator, flag="pinned", value=True)
    actions.reply(author=newer.author, thread=older, body="Bumps the older thread.")

    listed = [item["title"] for item in results(Client().get(f"/api/v1/threads/?forum={forum.slug}"))]
    by_creation = [item["title"] for item in results(Client().get("/api/v1/threads/?ordering=created_at"))]
    page = text(Client().get(forum.get_absolute_url()))

    assert listed == ["Pinned thread here", "Older thread here", "Newer thread here"]
    assert [page.index(title) for title in listed] == sorted(page.index(title) for title in listed)
    assert by_creation.index("Older thread here") < by_creation.index("Newer thread here")


def test_posts_come_twenty_a_page_with_links_to_where_the_page_shows_them(forum, make_long_thread):
    thread = make_long_thread(forum=forum, posts=45)

    second = Client().get(f"/api/v1/threads/{thread.pk}/posts/?page=2").json()

    assert second["count"] == 45
    assert [post["number"] for post in second["results"]] == list(range(21, 41))
    assert second["results"][0]["url"] == f"{thread.get_absolute_url()}?page=2#post-21"
    assert Client().get(f"/api/v1/posts/{second['results'][0]['id']}/").json()["url"] == (
        f"{thread.get_absolute_url()}?page=2#post-21"
    )
    assert Client().get(f"/api/v1/threads/{thread.pk}/posts/?page=9").status_code == 404


def test_a_member_sees_which_posts_they_marked_helpful(forum, make_thread, make_poster):
    thread = make_thread(forum=forum)
    reader = make_poster()
    actions.toggle_helpful(user=reader, post=thread.first_post)

    mine = results(token_client(reader).get(f"/api/v1/threads/{thread.pk}/posts/"))
    visitors = results(Client().get(f"/api/v1/threads/{thread.pk}/posts/"))

    assert mine[0]["marked_helpful"] is True and mine[0]["helpful_count"] == 1
    assert visitors[0]["marked_helpful"] is False and visitors[0]["helpful_count"] == 1


def test_unknown_addresses_and_errors_answer_in_json():
    for url in ("/api/v1/nothing-here/", "/api/v1/threads/999999/", "/api/v1/conditions/?page=7"):
        answer = Client().get(url)
        assert answer.status_code == 404 and answer["content-type"] == "application/json"
        assert "detail" in answer.json()


def test_a_member_sees_how_many_posts_are_new_in_each_thread_as_on_the_forum_page(forum, make_thread, make_poster):
    read, unopened = make_thread(forum=forum, title="Read thread here"), make_thread(forum=forum, title="Never opened")
    reader = make_poster()
    actions.mark_read(user=reader, thread=read, number=1)
    for number in range(2):
        actions.reply(author=read.author, thread=read, body=f"New reply {number}.")

    listed = {item["title"]: item["unread"] for item in results(token_client(reader).get("/api/v1/threads/"))}
    for_visitors = {item["title"]: item["unread"] for item in results(Client().get("/api/v1/threads/"))}

    assert (listed["Read thread here"], listed["Never opened"]) == (2, None)
    assert set(for_visitors.values()) == {None}
    page = _signed_in(reader).get(forum.get_absolute_url()).content.decode()
    assert f'href="{read.get_absolute_url()}?unread=1">2 new</a>' in page
    assert unopened.title in page


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
