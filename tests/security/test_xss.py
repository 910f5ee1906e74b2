"""Every other place that shows what members or editors typed renders the shared payloads (tests/xss.py) inert.

Posts, thread titles, notifications and their e-mails are tested in tests/community/test_sanitising.py, the
knowledge base's Markdown in tests/therapies/test_sanitising.py. Here: site search, practitioner listings and
members' suggestions, display names and profiles, the survey's free text, the API's HTML fields, the listing
decision e-mail and the admin's lists. Each page is compared with the same page showing harmless text: the payloads
may add no element that acts, no event handler, no inline style and no script address.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from community import actions
from community.models import Report, Thread
from community.survey.models import OtherTreatmentName, Tip, Treatment
from portal.models import User
from tests.admin_pages import with_two_factor
from tests.clients import login
from tests.html import text
from tests.xss import XSS_PAYLOADS, assert_inert, assert_no_dangerous
from therapies.actions import listings
from therapies.models import ListingRequest, Practitioner, Therapy

pytestmark = pytest.mark.django_db

# A member's text that would break a page built with str.format: it must read as typed, too.
BRACES = "{} {0} {x} {0.__class__} }{"


def page_of(client: Client, url: str, params: dict | None = None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def harmless(number: int) -> str:
    return f"Harmless words {number}"


@pytest.fixture
def admin_client(world):
    return login(with_two_factor(world.users["administrator"]))


# --- Site search: titles and snippets ---------------------------------------------------------------------------------


def test_payloads_in_titles_and_posts_come_back_inert_in_search_results(world, make_poster):
    author = make_poster(display_name="Search Writer")
    queries = [{"q": "magnesium"}, {"q": "magnesium", "kind": "threads"}, {"q": "magnesium", "kind": "posts"}]
    for number in range(len(XSS_PAYLOADS)):
        actions.start_thread(author=author, forum=world.forum, title=f"Magnesium {number}", body=f"Magnesium. {number}")
    baselines = [page_of(Client(), reverse("search"), query) for query in queries]
    Thread.objects.filter(author=author, forum=world.forum).delete()
    for payload in XSS_PAYLOADS:
        actions.start_thread(
            author=author, forum=world.forum, title=f"Magnesium {payload}", body=f"Magnesium {payload}"
        )

    for query, baseline in zip(queries, baselines, strict=True):
        for page_number in (1, 2):
            page = page_of(Client(), reverse("search"), {**query, "page": page_number})
            assert "Magnesium &lt;" in page, (query, page_number)  # shown, as text
            assert_inert(page, baseline, f"search {query}")


def test_a_payload_typed_as_the_search_is_shown_as_text(db):
    baseline = page_of(Client(), reverse("search"), {"q": "harmless words"})

    for payload in XSS_PAYLOADS:
        page = page_of(Client(), reverse("search"), {"q": payload})
        assert_inert(page, baseline, payload)


# --- Practitioner listings and members' suggestions -------------------------------------------------------------------

LISTING_TEXT_FIELDS = ["name", "credentials", "clinic_name", "street", "city", "fees_note", "bio", "licensing_body"]


def json_ld(page: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block  # a "</script>" in the data can never end the block
    return json.loads(block)


def test_payloads_in_every_text_field_of_a_listing_render_inert(world, make_practitioner):
    baseline_listing = make_practitioner(**{name: harmless(0) for name in LISTING_TEXT_FIELDS})
    baseline = page_of(Client(), baseline_listing.get_absolute_url())
    baseline_list = page_of(Client(), reverse("therapies:practitioner_list"), {"q": "clinic"})
    for payload in XSS_PAYLOADS:
        listing = make_practitioner(**dict.fromkeys(LISTING_TEXT_FIELDS, f"{payload} clinic"))
        page = page_of(Client(), listing.get_absolute_url())
        assert_inert(page, baseline, payload)
        assert json_ld(page)["name"] == f"{payload} clinic"  # data, as typed
        api = Client().get(reverse("api:practitioner-detail", args=[listing.slug])).json()
        assert_no_dangerous(api["bio_html"], payload)
        assert api["name"] == f"{payload} clinic"
    listed = page_of(Client(), reverse("therapies:practitioner_list"), {"q": "clinic"})
    assert_inert(listed, baseline_list, "the directory's list")


def test_a_suggestion_full_of_payloads_is_inert_for_the_editor_and_in_the_decision_email(world, admin_client):
    member = world.users["member"]
    client = login(member)
    token = "5a0c8b1e-0000-4000-8000-000000000000"

    def suggest(value: str, token: str):
        data = {name: value[: Practitioner._meta.get_field(name).max_length] for name in LISTING_TEXT_FIELDS}
        data |= {"kind": "person", "postcode": "97214", "country": "US", "message": value, "token": token}
        return client.post(reverse("therapies:practitioner_suggest"), data)

    suggest(harmless(1), token)
    harmless_request = ListingRequest.objects.get()
    baseline = page_of(admin_client, reverse("admin:therapies_listingrequest_change", args=[harmless_request.pk]))
    baseline_list = page_of(admin_client, reverse("admin:therapies_listingrequest_changelist"))
    payload = BRACES + " " + " ".join(XSS_PAYLOADS)
    assert suggest(payload, token.replace("0000-4", "0001-4")).status_code == 302
    request = ListingRequest.objects.exclude(pk=harmless_request.pk).get()

    page = page_of(admin_client, reverse("admin:therapies_listingrequest_change", args=[request.pk]))
    changelist = page_of(admin_client, reverse("admin:therapies_listingrequest_changelist"))
    assert_inert(page, baseline, "the review page")
    assert_inert(changelist, baseline_list, "the review queue")
    assert escape(payload[:60]) in page
    mail.outbox.clear()
    listings.reject_request(request=request, reviewer=world.users["editor"], note=payload)
    [message] = mail.outbox
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])


@pytest.mark.parametrize("address", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "//x"])
def test_a_suggested_web_address_must_be_a_web_address(world, address):
    client = login(world.users["member"])
    data = {"kind": "person", "name": "Robin Alder", "city": "Portland", "postcode": "97214", "country": "US"}

    response = client.post(
        reverse("therapies:practitioner_suggest"),
        {**data, "website": address, "booking_url": address, "token": "5a0c8b1e-0000-4000-8000-000000000001"},
    )

    assert response.status_code == 200
    assert "Enter a valid URL." in text(response)
    assert not Practitioner.objects.filter(name="Robin Alder").exists()


# --- Display names and profiles ---------------------------------------------------------------------------------------


def test_the_profile_form_refuses_a_payload_as_display_name_and_shows_a_payload_bio_as_text(world):
    member = world.users["member"]
    client = login(member)
    baseline = page_of(Client(), reverse("community:member_detail", args=[member.pk]))

    for payload in XSS_PAYLOADS:
        refused = client.post(reverse("profile"), {"display_name": payload, "bio": "", "email_frequency": "daily"})
        client.post(reverse("profile"), {"display_name": "Mira Member", "bio": payload, "email_frequency": "daily"})

        assert refused.status_code == 200, payload
        assert User.objects.get(pk=member.pk).display_name == "Mira Member"
        assert User.objects.get(pk=member.pk).bio == payload
        page = page_of(Client(), reverse("community:member_detail", args=[member.pk]))
        assert_inert(page, baseline, payload)


def test_display_names_set_past_the_form_still_render_as_text_everywhere(
    world, admin_client, make_member, make_long_thread
):
    # Staff can type any name in the admin, past the form's rules; every page escapes it all the same.
    harmless_members = [make_member(display_name=f"Harmless name {n}") for n in range(len(XSS_PAYLOADS))]
    named = [make_member(display_name=f"{n} {payload}"[:30]) for n, payload in enumerate(XSS_PAYLOADS)]
    # An established member opens each thread, so both are visible; the others' posts follow.
    opener = world.users["member"]
    baseline_thread = make_long_thread(forum=world.forum, posts=32, authors=[opener, *harmless_members])
    shared = [reverse("community:forum_list"), world.forum.get_absolute_url(), reverse("admin:portal_user_changelist")]
    baselines = {
        "thread": [page_of(Client(), baseline_thread.get_absolute_url(), {"page": n}) for n in (1, 2)],
        "member": page_of(Client(), reverse("community:member_detail", args=[harmless_members[0].pk])),
        "home": page_of(login(harmless_members[0]), "/"),
        **{url: page_of(admin_client, url) for url in shared},
    }
    thread = make_long_thread(forum=world.forum, posts=32, authors=[opener, *named])

    for number in (1, 2):
        page = page_of(Client(), thread.get_absolute_url(), {"page": number})
        assert_inert(page, baselines["thread"][number - 1], f"thread page {number}")
    for url in shared:
        assert_inert(page_of(admin_client, url), baselines[url], url)
    for member in named:
        page = page_of(Client(), reverse("community:member_detail", args=[member.pk]))
        assert escape(member.display_name) in page
        assert_inert(page, baselines["member"], member.display_name)
        assert_inert(page_of(login(member), "/"), baselines["home"], member.display_name)
    posts = Client().get(reverse("api:thread-posts", args=[thread.pk]), {"page_size": 100}).json()["results"]
    assert {post["author"]["display_name"] for post in posts} == {member.display_name for member in [opener, *named]}


# --- The survey's free text -------------------------------------------------------------------------------------------


def test_members_tips_and_other_names_render_inert_on_the_therapy_page_their_page_and_in_the_admin(world, admin_client):
    member = world.users["member"]
    treatment, _created = Treatment.objects.get_or_create(
        therapy=world.therapy, defaults={"code": world.therapy.slug, "name": world.therapy.name}
    )
    Tip.objects.create(
        member=member, survey=world.survey, treatment=treatment, treatment_name=harmless(0), text=harmless(0),
        status=Tip.Status.APPROVED,
    )  # fmt: skip
    OtherTreatmentName.objects.create(name=harmless(0).lower(), example=harmless(0))
    pages = {
        "therapy": (Client(), world.therapy.get_absolute_url()),
        "mine": (login(member), reverse("community:survey_mine")),
        "tips admin": (admin_client, reverse("admin:community_tip_changelist")),
        "names admin": (admin_client, reverse("admin:community_othertreatmentname_changelist")),
    }
    baselines = {name: page_of(client, url) for name, (client, url) in pages.items()}
    Tip.objects.all().delete()
    for number, payload in enumerate(XSS_PAYLOADS):
        Tip.objects.create(
            member=member, survey=world.survey, treatment=treatment, treatment_name=f"{number} {payload}"[:120],
            text=payload, status=Tip.Status.APPROVED,
        )  # fmt: skip
        OtherTreatmentName.objects.create(name=f"{number} {payload}".lower()[:120], example=payload[:120])

    for name, (client, url) in pages.items():
        page = page_of(client, url)
        assert_inert(page, baselines[name], name)
        assert escape(XSS_PAYLOADS[0]) in page or name == "therapy", name  # shown, as text
    assert escape(XSS_PAYLOADS[0]) in page_of(Client(), world.therapy.get_absolute_url())


# --- The API's HTML fields --------------------------------------------------------------------------------------------


def test_html_fields_in_the_api_hold_no_payload(world, make_poster, make_therapy):
    author = make_poster(display_name="Api Writer")
    thread, _first = actions.start_thread(author=author, forum=world.forum, title=XSS_PAYLOADS[0], body="Words.")
    for payload in XSS_PAYLOADS:
        post = actions.reply(author=author, thread=thread, body=payload)
        data = Client().get(reverse("api:post-detail", args=[post.pk])).json()
        assert_no_dangerous(data["body_html"], payload)
    therapy = make_therapy(name="Payload therapy", **dict.fromkeys(Therapy.markdown_fields, "\n\n".join(XSS_PAYLOADS)))
    detail = Client().get(reverse("api:therapy-detail", args=[therapy.slug])).json()
    for name, value in detail.items():
        if name.endswith("_html"):
            assert_no_dangerous(value, name)
    listed = Client().get(reverse("api:thread-list")).json()["results"]
    assert {row["title"] for row in listed} >= {XSS_PAYLOADS[0]}  # JSON text, for the app to show as text
    for page in Client().get(reverse("api:thread-posts", args=[thread.pk]), {"page_size": 100}).json()["results"]:
        assert_no_dangerous(page["body_html"], "posts of a thread")


# --- The admin's lists ------------------------------------------------------------------------------------------------


def test_payloads_in_posts_titles_and_reports_render_inert_in_the_moderation_admin(world, admin_client, make_poster):
    author, reporter = make_poster(display_name="Queue Writer"), make_poster(display_name="Queue Reporter")
    queue = reverse("admin:community_queuepost_changelist")
    harmless_thread, _first = actions.start_thread(author=author, forum=world.forum, title=harmless(0), body="Hi.")
    harmless_post = actions.reply(author=author, thread=harmless_thread, body=harmless(1))
    actions.report_post(reporter=reporter, post=harmless_post, reason="spam", note=harmless(2))
    pages = [queue, reverse("admin:community_report_changelist"), reverse("admin:community_thread_changelist")]
    baselines = [page_of(admin_client, url) for url in pages]
    change_baseline = page_of(admin_client, reverse("admin:community_queuepost_change", args=[harmless_post.pk]))
    Report.objects.all().delete()

    thread, _first = actions.start_thread(author=author, forum=world.forum, title=XSS_PAYLOADS[0] + BRACES, body="Hi.")
    reporters = [make_poster() for _ in range(2)]  # twenty reports an hour each
    for number, payload in enumerate(XSS_PAYLOADS):
        post = actions.reply(author=author, thread=thread, body=f"{payload} {BRACES}")
        actions.report_post(reporter=reporters[number % 2], post=post, reason="spam", note=f"{payload} {BRACES}")

    for url, baseline in zip(pages, baselines, strict=True):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), baseline, url)
    page = page_of(admin_client, queue)
    assert escape(BRACES) in page  # what a member typed, as typed
    change = page_of(admin_client, reverse("admin:community_queuepost_change", args=[post.pk]))
    assert_inert(change, change_baseline, "a queued post")
