"""Trust signals that are true: demo reviewers are shown as fictional and kept out of the JSON-LD, reviewers'
competing interests stand beside their names, and a listing shows "Verified" only for a verification an editor
recorded with its source (a demo listing never, it says "Demo listing")."""

import json
import re
from datetime import date
from io import StringIO

import pytest
from django.utils import timezone

from portal.seed import seed_demo_logins
from tests.admin_pages import form_data, with_two_factor
from therapies.actions import listings
from therapies.demo_data.seed import seed_knowledge_base
from therapies.directory.demo import seed_directory
from therapies.models import Practitioner, Therapy, TherapyCondition

FICTIONAL = "a fictional demo reviewer: this page was not reviewed by anyone"
LISTINGS = "/admin/therapies/practitioner/"


def jsonld_of(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def reviewed_line(page: str) -> str:
    match = re.search(r'<p class="reviewed">(.*?)</p>', page, re.S)
    assert match, "no reviewer line on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.fixture
def demo_knowledge_base(db):
    seed_knowledge_base(scale="demo", stdout=StringIO(), with_logins=False)


# --- Reviewers -----------------------------------------------------------------------------------------------------


def test_a_demo_page_names_its_reviewer_as_fictional_and_leaves_them_out_of_the_json_ld(client, demo_knowledge_base):
    for path in ["/therapies/acupuncture/", "/conditions/insomnia/", "/therapies/exercise/restless-legs-syndrome/"]:
        page = client.get(path).content.decode()

        assert "Reviewed by Dr. " in reviewed_line(page), path
        assert FICTIONAL in reviewed_line(page), path
        data = jsonld_of(page)
        assert "reviewedBy" not in data, path
        assert "lastReviewed" in data, path


def test_a_real_pages_reviewer_is_in_the_json_ld_and_not_called_fictional(client, rls_page):
    page = client.get("/therapies/acupuncture/restless-legs-syndrome/").content.decode()

    assert FICTIONAL not in page
    assert jsonld_of(page)["reviewedBy"]["name"] == "Dr. Page Reviewer"


def test_a_reviewers_competing_interests_stand_beside_their_name_and_in_the_api(client, rls_page):
    TherapyCondition.objects.filter(pk=rls_page.pk).update(
        reviewer_competing_interests="licensed acupuncturist who offers acupuncture"
    )

    page = client.get("/therapies/acupuncture/restless-legs-syndrome/").content.decode()
    body = client.get("/api/v1/therapy-conditions/acupuncture/restless-legs-syndrome/").json()

    assert reviewed_line(page).startswith(
        "Reviewed by Dr. Page Reviewer, MD, neurologist (competing interests: licensed acupuncturist who offers "
        "acupuncture) on 2 April 2026"
    )
    assert body["reviewed"]["reviewer_competing_interests"] == "licensed acupuncturist who offers acupuncture"
    assert body["reviewed"]["demo"] is False


def test_a_reviewer_without_competing_interests_shows_none(client, rls_page):
    page = client.get("/therapies/acupuncture/restless-legs-syndrome/").content.decode()

    assert "competing interests" not in page


def test_the_demo_fills_competing_interests_where_the_reviewer_practises_the_therapy(demo_knowledge_base):
    acupuncturist = "Dr. Mei-Hua Lin"
    by_lin = [
        *Therapy.objects.filter(reviewer_name=acupuncturist),
        *TherapyCondition.objects.filter(reviewer_name=acupuncturist).select_related("therapy"),
    ]
    assert by_lin
    for item in by_lin:
        assert "licensed acupuncturist" in item.reviewer_competing_interests, item
    acupuncture = Therapy.objects.get(slug="acupuncture")
    assert acupuncture.reviewer_name == acupuncturist and acupuncture.reviewer_competing_interests
    # A neurologist reviewing acupuncture for restless legs has no such interest to declare.
    page = TherapyCondition.objects.get(therapy=acupuncture, condition__slug="restless-legs-syndrome")
    assert page.reviewer_name == "Dr. Anna Lindqvist" and page.reviewer_competing_interests == ""
    assert TherapyCondition.objects.exclude(reviewer_competing_interests="").count() >= 5


def test_the_review_admin_shows_the_competing_interests_and_the_demo_flag(client, make_member, rls_page):
    admin = with_two_factor(make_member(is_staff=True, is_superuser=True))
    client.force_login(admin)

    page = client.get(f"/admin/therapies/therapycondition/{rls_page.pk}/change/").content.decode()

    assert 'name="reviewer_competing_interests"' in page
    assert "demo content" in page.lower()
    assert 'name="demo"' not in page  # the seed's to say, never an editor's


# --- Listings ------------------------------------------------------------------------------------------------------


@pytest.fixture
def demo_directory(db):
    seed_demo_logins(scale="demo", stdout=StringIO(), with_logins=True)
    seed_knowledge_base(scale="demo", stdout=StringIO(), with_logins=True)
    seed_directory(scale="demo", stdout=StringIO(), with_logins=True)


def test_demo_listings_say_demo_listing_and_never_verified(client, demo_directory):
    listing = Practitioner.objects.published().get(slug="kenji-aramaki-portland")
    # Even a demo listing someone marked verified, with a source, is not shown as verified.
    Practitioner.objects.filter(pk=listing.pk).update(
        verification_status=Practitioner.Verification.VERIFIED,
        verification_source="A register",
        verified_on=date(2026, 1, 1),
    )

    directory = client.get("/practitioners/").content.decode()
    detail = client.get(listing.get_absolute_url()).content.decode()
    therapy_page = client.get("/therapies/acupuncture/").content.decode()

    assert directory.count("Demo listing") == 20
    assert "Verified by the portal</span>" not in directory and "Verified by the portal</span>" not in therapy_page
    assert "Demo listing" in detail and "Licence verified" not in detail
    assert client.get(f"/api/v1/practitioners/{listing.slug}/").json()["verified"] is False
    assert client.get("/practitioners/?verified=on").content.decode().count("Demo listing") == 0


def test_a_listing_verified_without_a_source_shows_no_badge(client, make_practitioner):
    listing = make_practitioner(
        name="Quiet Needle", verification_status="verified", verification_source="", verified_on=date(2026, 2, 1)
    )

    detail = client.get(listing.get_absolute_url()).content.decode()
    directory = client.get("/practitioners/").content.decode()

    assert "Licence verified" not in detail and "Not verified" in detail
    assert "Verified by the portal</span>" not in directory
    assert "Quiet Needle" not in client.get("/practitioners/?verified=on").content.decode()


def test_a_listing_verified_with_its_source_shows_the_badge_and_the_source(client, make_practitioner):
    listing = make_practitioner(
        name="Quiet Needle",
        verification_status="verified",
        verification_source="Oregon Medical Board licence search, AC01234",
        verified_on=date(2026, 2, 1),
    )

    detail = client.get(listing.get_absolute_url()).content.decode()

    assert "Licence verified on 1 February 2026 by the portal." in detail
    assert "Checked in: Oregon Medical Board licence search, AC01234." in detail
    assert "Verified by the portal</span>" in client.get("/practitioners/").content.decode()


def save_listing(client, listing: Practitioner, **changes):
    url = f"{LISTINGS}{listing.pk}/change/"
    data = form_data(client.get(url))
    for name, value in changes.items():
        data[name] = [value]
    return client.post(url, data)


def test_an_editor_cannot_verify_a_listing_without_saying_where_the_licence_was_checked(
    editor_client, make_practitioner
):
    listing = make_practitioner(name="Riverside Acupuncture")

    response = save_listing(editor_client, listing, verification_status="verified", verification_source="  ")

    assert response.status_code == 200  # the form again, with the message beside the field
    assert "a verification needs a source" in response.content.decode()
    listing.refresh_from_db()
    assert listing.verification_status == Practitioner.Verification.UNVERIFIED and listing.verified_by is None


def test_an_editor_cannot_verify_a_demo_listing(editor_client, make_practitioner):
    listing = make_practitioner(name="Invented Clinic", demo=True)

    response = save_listing(
        editor_client, listing, verification_status="verified", verification_source="Oregon register, AC0001"
    )

    assert "it cannot be verified" in response.content.decode()
    listing.refresh_from_db()
    assert listing.verification_status == Practitioner.Verification.UNVERIFIED


def test_the_verify_action_verifies_only_listings_with_a_source_and_never_a_demo_one(editor_client, make_practitioner):
    with_source = make_practitioner(name="With Source", verification_source="Oregon register, AC0002")
    without = make_practitioner(name="Without Source")
    invented = make_practitioner(name="Invented", demo=True, verification_source="Made up")

    response = editor_client.post(
        LISTINGS,
        {"action": "mark_verified", "_selected_action": [with_source.pk, without.pk, invented.pk]},
        follow=True,
    )

    states = dict(Practitioner.objects.values_list("name", "verification_status"))
    assert states == {"With Source": "verified", "Without Source": "unverified", "Invented": "unverified"}
    assert "2 listings were not verified" in response.content.decode()


def test_the_verify_action_and_the_listing_form_refuse_a_blank_source_alike(editor_client, make_practitioner):
    blank = make_practitioner(name="Blank Source", verification_source="   ")

    by_action = editor_client.post(LISTINGS, {"action": "mark_verified", "_selected_action": [blank.pk]}, follow=True)
    by_form = save_listing(editor_client, blank, verification_status="verified", verification_source="   ")

    assert "1 listing was not verified" in by_action.content.decode()
    assert "a verification needs a source" in by_form.content.decode()
    blank.refresh_from_db()
    assert (blank.verification_status, blank.verified_by) == (Practitioner.Verification.UNVERIFIED, None)


def test_verifying_a_listing_by_the_action_records_the_editor_the_day_and_a_revision(make_member, make_practitioner):
    editor = make_member(is_staff=True)
    listing = make_practitioner(name="With Source", verification_source="Oregon register, AC0002")

    assert listings.verify_listing(listing=listing, editor=editor)

    listing.refresh_from_db()
    assert listing.verification_status == Practitioner.Verification.VERIFIED
    assert (listing.verified_by, listing.verified_on) == (editor, timezone.localdate())
    assert listing.history.first().history_user == editor
