"""What members send in: suggestions, claims, reports and owners' edits, all waiting for an editor."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail

from portal.actions import delete_account
from tests.html import error_next_to
from therapies.actions import listings
from therapies.directory import proposals
from therapies.models import Language, ListingRequest, Practitioner

pytestmark = pytest.mark.django_db


def suggestion(**changes) -> dict:
    data = {
        "kind": "person",
        "name": "Robin Alder",
        "credentials": "L.Ac.",
        "licence_number": "AC-1234",
        "licensing_body": "Oregon Medical Board",
        "city": "Portland",
        "region": "OR",
        "postcode": "97214",
        "country": "US",
        "website": "alder-acupuncture.example",
        "accepting_new_patients": "on",
        "languages": [],
        "therapies": [],
        "conditions": [],
        "message": "She treated my restless legs for a year.",
        "token": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


@pytest.fixture
def editor(make_member):
    return make_member(display_name="Editor Ed", is_staff=True)


# --- Suggest a listing ------------------------------------------------------------------------------------------------


def test_a_visitor_is_asked_to_log_in_before_suggesting(client):
    response = client.get("/practitioners/suggest/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/practitioners/suggest/")


def test_a_member_without_a_verified_address_is_told_to_verify_first(client, make_member):
    client.force_login(make_member(verified=False))
    response = client.get("/practitioners/suggest/", follow=True)
    assert "Please verify your e-mail address first" in response.content.decode()
    assert not ListingRequest.objects.exists()


def test_a_suggestion_waits_for_an_editor_and_is_not_public(member_client, member, client, make_therapy):
    acupuncture = make_therapy(name="Acupuncture")
    response = member_client.post(
        "/practitioners/suggest/",
        suggestion(therapies=[acupuncture.pk], languages=[Language.objects.get(code="es").pk]),
        follow=True,
    )
    assert "An editor will check the listing before it appears" in response.content.decode()
    listing = Practitioner.objects.get(name="Robin Alder")
    assert listing.status == Practitioner.Status.PENDING
    assert listing.owner is None and not listing.is_verified
    assert listing.website == "https://alder-acupuncture.example"
    assert list(listing.therapies.all()) == [acupuncture]
    assert listing.latitude == pytest.approx(45.5142) and listing.longitude == pytest.approx(-122.6364)
    request = ListingRequest.objects.get()
    assert (request.kind, request.state, request.submitted_by) == ("suggestion", "pending", member)
    assert request.message == "She treated my restless legs for a year."
    client.logout()
    assert "Robin Alder" not in client.get("/practitioners/").content.decode()
    assert client.get(listing.get_absolute_url()).status_code == 404
    assert member_client.get(listing.get_absolute_url()).status_code == 404


def test_sending_the_same_suggestion_twice_creates_it_once(member_client):
    data = suggestion()
    member_client.post("/practitioners/suggest/", data)
    member_client.post("/practitioners/suggest/", data)
    assert Practitioner.objects.count() == 1
    assert ListingRequest.objects.count() == 1


def test_a_wrong_suggestion_shows_messages_next_to_the_fields_and_keeps_the_rest(member_client):
    page = member_client.post("/practitioners/suggest/", suggestion(name="", postcode="972")).content.decode()
    assert "This field is required" in error_next_to(page, "name")
    assert "A US ZIP code has five digits" in error_next_to(page, "postcode")
    assert 'value="Oregon Medical Board"' in page
    assert "She treated my restless legs for a year." in page
    assert not Practitioner.objects.exists()


def test_a_member_with_many_waiting_suggestions_is_asked_to_wait(member_client):
    for number in range(listings.MAX_PENDING_PER_MEMBER[ListingRequest.Kind.SUGGESTION]):
        member_client.post("/practitioners/suggest/", suggestion(name=f"Person {number}"))
    page = member_client.post("/practitioners/suggest/", suggestion(name="One Too Many")).content.decode()
    assert "You have several suggestions waiting for review" in page
    assert not Practitioner.objects.filter(name="One Too Many").exists()


# --- Claim, then edit as the owner ------------------------------------------------------------------------------------


def test_a_claim_goes_to_review_with_its_proof(member_client, member, make_practitioner):
    listing = make_practitioner(name="Kai Moss")
    response = member_client.post(
        f"/practitioners/{listing.slug}/claim/",
        {"licence_number": "AC-77", "work_email": "kai@moss-clinic.example", "message": "It's me."},
        follow=True,
    )
    assert "An editor will check your claim" in response.content.decode()
    claim = ListingRequest.objects.get()
    assert (claim.kind, claim.licence_number, claim.work_email) == ("claim", "AC-77", "kai@moss-clinic.example")
    listing.refresh_from_db()
    assert listing.owner is None


def test_claiming_twice_keeps_one_claim(member_client, make_practitioner):
    listing = make_practitioner()
    data = {"licence_number": "AC-77", "work_email": "kai@moss-clinic.example"}
    member_client.post(f"/practitioners/{listing.slug}/claim/", data)
    response = member_client.post(f"/practitioners/{listing.slug}/claim/", data, follow=True)
    assert "Your claim of this listing is already waiting" in response.content.decode()
    assert ListingRequest.objects.count() == 1


def test_a_claim_without_proof_is_refused_next_to_the_fields(member_client, make_practitioner):
    listing = make_practitioner()
    page = member_client.post(
        f"/practitioners/{listing.slug}/claim/", {"licence_number": "", "work_email": "not an address"}
    ).content.decode()
    assert "This field is required" in error_next_to(page, "licence_number")
    assert "Enter a valid email address" in error_next_to(page, "work_email")
    assert 'value="not an address"' in page


def test_a_listing_with_an_owner_cannot_be_claimed(member_client, make_member, make_practitioner):
    listing = make_practitioner(owner=make_member())
    assert "Claim this listing" not in member_client.get(listing.get_absolute_url()).content.decode()
    response = member_client.post(
        f"/practitioners/{listing.slug}/claim/", {"licence_number": "X", "work_email": "x@example.org"}
    )
    assert response.status_code == 403
    assert not ListingRequest.objects.exists()


def test_claim_approval_then_owner_edits_go_to_review(member_client, member, editor, make_practitioner, make_therapy):
    acupuncture = make_therapy(name="Acupuncture")
    listing = make_practitioner(name="Kai Moss", phone="503-555-0100")
    member_client.post(
        f"/practitioners/{listing.slug}/claim/", {"licence_number": "AC-77", "work_email": "kai@moss.example"}
    )
    listings.approve_request(request=ListingRequest.objects.get(), reviewer=editor, note="Licence checked.")
    listing.refresh_from_db()
    assert listing.owner == member
    assert mail.outbox[-1].subject == "You now manage the listing of Kai Moss"
    assert "Licence checked." in mail.outbox[-1].body

    page = member_client.get(listing.get_absolute_url()).content.decode()
    assert "Propose an edit to your listing" in page
    form = member_client.get(f"/practitioners/{listing.slug}/edit/").content.decode()
    assert 'value="503-555-0100"' in form

    data = {**suggestion(name="Kai Moss", phone="503-555-0199", therapies=[acupuncture.pk])}
    data.pop("token"), data.pop("message")
    member_client.post(f"/practitioners/{listing.slug}/edit/", data)
    proposal = ListingRequest.objects.get(kind="edit")
    assert proposal.changes["phone"] == "503-555-0199"
    assert proposal.changes["therapies"] == ["acupuncture"]
    listing.refresh_from_db()
    assert listing.phone == "503-555-0100"  # nothing public before an editor approves
    assert "503-555-0199" not in member_client.get(listing.get_absolute_url()).content.decode()

    listings.approve_request(request=proposal, reviewer=editor)
    listing.refresh_from_db()
    assert listing.phone == "503-555-0199"
    assert list(listing.therapies.all()) == [acupuncture]
    assert listing.history.first().history_user == editor
    assert mail.outbox[-1].subject == "Your changes to Kai Moss are published"


def test_a_second_proposal_replaces_the_waiting_one_and_no_change_sends_nothing(
    member_client, member, make_practitioner
):
    listing = make_practitioner(name="Kai Moss", owner=member, city="Portland", postcode="97214")
    data = suggestion(name="Kai Moss", licence_number="", licensing_body="", website="")
    data.pop("token"), data.pop("message")
    listing.credentials, listing.accepting_new_patients = "L.Ac.", True
    member_client.post(f"/practitioners/{listing.slug}/edit/", {**data, "phone": "1"})
    member_client.post(f"/practitioners/{listing.slug}/edit/", {**data, "phone": "2"})
    assert list(ListingRequest.objects.values_list("changes", flat=True)) == [{"phone": "2"}]
    response = member_client.post(f"/practitioners/{listing.slug}/edit/", data, follow=True)
    assert "Nothing was changed" in response.content.decode()
    assert not ListingRequest.objects.exists()


@pytest.mark.parametrize("who", ["visitor", "stranger", "staff"])
def test_only_the_owner_can_propose_edits(client, who, make_member, make_practitioner):
    listing = make_practitioner(name="Kai Moss", owner=make_member(), phone="1")
    if who != "visitor":
        client.force_login(make_member(is_staff=who == "staff"))
    get = client.get(f"/practitioners/{listing.slug}/edit/")
    post = client.post(f"/practitioners/{listing.slug}/edit/", suggestion(name="Hijacked"))
    if who == "visitor":
        assert get.status_code == post.status_code == 302
    else:
        assert get.status_code == post.status_code == 404
    listing.refresh_from_db()
    assert listing.name == "Kai Moss"
    assert not ListingRequest.objects.exists()


def test_an_edit_of_the_address_finds_new_coordinates_on_approval(member, editor, make_practitioner):
    listing = make_practitioner(owner=member)
    proposal = listings.propose_listing_edit(
        user=member,
        practitioner=listing,
        proposed={**proposals.current_values(listing), "city": "New York", "region": "NY", "postcode": "10001"},
    )
    listings.approve_request(request=proposal, reviewer=editor)
    listing.refresh_from_db()
    assert listing.latitude == pytest.approx(40.75, abs=0.02) and listing.longitude == pytest.approx(-73.99, abs=0.02)


# --- Report a problem -------------------------------------------------------------------------------------------------


def test_a_report_goes_to_review_once(member_client, member, make_practitioner):
    listing = make_practitioner(name="Kai Moss")
    data = {"problem": "moved", "message": "They are at 12 Oak Street now."}
    response = member_client.post(f"/practitioners/{listing.slug}/report/", data, follow=True)
    assert "An editor will look into it" in response.content.decode()
    member_client.post(f"/practitioners/{listing.slug}/report/", data)
    report = ListingRequest.objects.get()
    assert (report.kind, report.problem, report.message) == ("report", "moved", "They are at 12 Oak Street now.")


def test_a_report_needs_a_reason_and_keeps_the_details(member_client, make_practitioner):
    listing = make_practitioner()
    page = member_client.post(f"/practitioners/{listing.slug}/report/", {"message": "Closed since May."}).content
    assert "This field is required" in error_next_to(page.decode(), "problem")
    assert "Closed since May." in page.decode()


@pytest.mark.parametrize("status", [Practitioner.Status.PENDING, Practitioner.Status.HIDDEN])
def test_hidden_and_pending_listings_cannot_be_claimed_or_reported(member_client, make_practitioner, status):
    listing = make_practitioner(status=status)
    for action in ("claim", "report"):
        assert member_client.get(f"/practitioners/{listing.slug}/{action}/").status_code == 404
        assert member_client.post(f"/practitioners/{listing.slug}/{action}/", {"problem": "moved"}).status_code == 404
    assert not ListingRequest.objects.filter(practitioner=listing).exists()


def test_a_rejected_report_tells_the_member_the_listing_stays(member, editor, make_practitioner):
    listing = make_practitioner(name="Kai Moss")
    report, _created = listings.report_listing(user=member, practitioner=listing, problem="closed", message="Closed?")
    listings.reject_request(request=report, reviewer=editor, note="They answered the phone today.")
    assert mail.outbox[-1].to == [member.email]
    assert "kept the listing as it is" in mail.outbox[-1].body
    assert "They answered the phone today." in mail.outbox[-1].body
    with pytest.raises(listings.ReviewError):
        listings.approve_request(request=report, reviewer=editor)


# --- The member's data ------------------------------------------------------------------------------------------------


def test_the_export_holds_the_members_requests(member_client, member, make_practitioner):
    listing = make_practitioner(name="Kai Moss")
    listings.report_listing(user=member, practitioner=listing, problem="moved", message="New address.")
    data = member_client.get("/accounts/data/export/").json()
    section = data["sections"]["directory"]
    assert section["requests"][0]["kind"] == "report"
    assert section["requests"][0]["message"] == "New address."
    assert section["requests"][0]["listing"] == "Kai Moss"


def test_deleting_the_account_removes_unapproved_suggestions_and_frees_owned_listings(member, make_practitioner):
    owned = make_practitioner(name="Owned", owner=member)
    pending = make_practitioner(name="Suggested", status=Practitioner.Status.PENDING)
    ListingRequest.objects.create(kind="suggestion", practitioner=pending, submitted_by=member)
    listings.report_listing(user=member, practitioner=owned, problem="other", message="x")
    delete_account(user=member, keep_contributions=False)
    assert not Practitioner.objects.filter(name="Suggested").exists()
    owned.refresh_from_db()
    assert owned.owner is None and owned.is_published
    assert not ListingRequest.objects.exists()
