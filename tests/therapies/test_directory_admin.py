"""Editors review what members send in about the directory, and keep listings right, in the admin."""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.admin_pages import form_data, result_rows, with_two_factor
from therapies.actions import listings
from therapies.models import ListingRequest, Practitioner

QUEUE = "/admin/therapies/listingrequest/"
LISTINGS = "/admin/therapies/practitioner/"
# The centre of US ZIP 10001 (New York) in the offline ZIP data.
NEW_YORK_10001 = (40.7484, -73.9967)


# --- Reading what the editor sees ----------------------------------------------------------


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def messages_shown(page: str) -> list[str]:
    """The admin's messages at the top of the page, as the editor reads them."""
    block = re.search(r'<ul class="messagelist">(.*?)</ul>', page, re.S)
    return [text_of(item) for item in re.findall(r"<li[^>]*>(.*?)</li>", block.group(1), re.S)] if block else []


def rows_shown(page: str) -> list[dict[str, str]]:
    """Each row of the change list, top to bottom, as {column: text}."""
    body = result_rows(page).split("<tbody>")[1]
    return [
        {name: text_of(cell) for name, cell in re.findall(r'<t[hd] class="field-(\w+)[^"]*">(.*?)</t[hd]>', row, re.S)}
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def proposed_changes_shown(page: str) -> list[list[str]]:
    """The "proposed changes" table: a [field, now, proposed] list per row, the header row first."""
    table = re.search(r"<table class='proposed-changes'>(.*?)</table>", page, re.S)
    assert table, "no table of proposed changes on the page"
    return [
        [text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    ]


def change_url(obj) -> str:
    return f"/admin/therapies/{obj._meta.model_name}/{obj.pk}/change/"


# --- People --------------------------------------------------------------------------------


@pytest.fixture
def moderator_client(make_member):
    user = make_member(email="mod@example.org", display_name="Mod Mona", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(with_two_factor(user))
    return client


# --- What members send in, through the same actions the site's forms use ---------------------


@pytest.fixture
def suggest(make_member):
    def make(*, name: str = "Lotus Acupuncture", by=None, message: str = "A good clinic.") -> ListingRequest:
        listing = Practitioner(name=name, city="Portland", region="OR", postcode="97214", country="US")
        return listings.suggest_listing(
            user=by or make_member(), listing=listing, relations={}, message=message, token=uuid.uuid4()
        )

    return make


@pytest.fixture
def claim(make_member, make_practitioner):
    def make(*, listing: Practitioner | None = None, by=None) -> ListingRequest:
        request, _created = listings.claim_listing(
            user=by or make_member(),
            practitioner=listing or make_practitioner(),
            licence_number="OR-AC-1234",
            work_email="front-desk@example.com",
            message="This is my practice.",
        )
        return request

    return make


@pytest.fixture
def report(make_member, make_practitioner):
    def make(*, listing: Practitioner | None = None, by=None) -> ListingRequest:
        request, _created = listings.report_listing(
            user=by or make_member(),
            practitioner=listing or make_practitioner(),
            problem=ListingRequest.Problem.MOVED,
            message="They moved across the river.",
        )
        return request

    return make


@pytest.fixture
def owned_listing(make_member, make_practitioner, make_therapy):
    owner = make_member(email="owner@example.org", display_name="Owner Olu")
    return make_practitioner(name="Olu Acupuncture", owner=owner, therapies=[make_therapy(name="Acupuncture")])


# --- Deciding, as the editor does it: open the request, write a note, press a button -----------


@pytest.fixture
def decide(editor_client, django_capture_on_commit_callbacks):
    """Open the request's page in the admin, type `note`, press `button`; the page the editor lands on."""

    def press(listing_request: ListingRequest, button: str, *, note: str = "", client: Client | None = None):
        client = client or editor_client
        url = change_url(listing_request)
        data = form_data(client.get(url))
        data["decision_note"] = [note]
        data[button] = ["pressed"]
        # Whatever the decision leaves for after its commit runs, as after a real request.
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, follow=True)

    return press


# --- The queue -----------------------------------------------------------------------------


def test_the_queue_lists_what_waits_before_what_was_decided(editor_client, editor, make_practitioner, suggest, claim):
    suggest(name="Oldest Suggestion")
    claim(listing=make_practitioner(name="Claimed Clinic"))
    # Sent after the waiting ones: newest first alone would put them on top.
    listings.approve_request(request=suggest(name="Approved Later"), reviewer=editor)
    listings.reject_request(request=suggest(name="Rejected Later"), reviewer=editor)

    rows = rows_shown(editor_client.get(QUEUE).content.decode())

    assert [(row["kind"], row["practitioner"], row["state"], row["decided_by"]) for row in rows] == [
        ("Claim of a listing", "Claimed Clinic, Portland", "Waiting for review", "-"),
        ("New listing suggested", "Oldest Suggestion, Portland", "Waiting for review", "-"),
        ("New listing suggested", "Rejected Later, Portland", "Rejected", "Editor Elin"),
        ("New listing suggested", "Approved Later, Portland", "Approved", "Editor Elin"),
    ]


def test_the_queue_counts_what_waits_per_kind_and_the_counts_filter_the_list(
    editor_client, editor, suggest, claim, report
):
    suggest(name="First Suggestion")
    suggest(name="Second Suggestion")
    claim()
    report()
    decided_claim = claim()
    listings.reject_request(request=decided_claim, reviewer=editor)

    page = editor_client.get(QUEUE).content.decode()
    counts = text_of(page.split('class="review-queue-counts"')[1].split("</div>")[0])
    link = re.search(r'href="(\?[^"]*kind__exact=suggestion)"', page).group(1)
    suggestions = rows_shown(editor_client.get(QUEUE + html.unescape(link)).content.decode())

    assert "4 requests waiting for review" in counts
    assert "New listing suggested: 2" in counts
    assert "Claim of a listing: 1" in counts
    assert "Edit proposed by the owner: 0" in counts
    assert "Problem reported: 1" in counts
    assert sorted((row["kind"], row["practitioner"], row["state"]) for row in suggestions) == [
        ("New listing suggested", "First Suggestion, Portland", "Waiting for review"),
        ("New listing suggested", "Second Suggestion, Portland", "Waiting for review"),
    ]


def test_one_waiting_request_is_counted_in_the_singular(editor_client, suggest):
    suggest()

    page = editor_client.get(QUEUE).content.decode()

    assert "1 request waiting for review" in page


# --- Deciding one request ------------------------------------------------------------------


def test_approving_a_claim_makes_the_member_the_owner_and_tells_them_with_the_note(
    decide, editor, make_member, make_practitioner, claim
):
    member = make_member(email="claimant@example.org", display_name="Claire Claimant")
    listing = make_practitioner(name="Riverside Acupuncture")
    request = claim(listing=listing, by=member)
    mail.outbox.clear()

    before = timezone.now()
    page = decide(request, "_approve", note="Licence checked with the Oregon board.").content.decode()

    listing.refresh_from_db()
    request.refresh_from_db()
    assert listing.owner == member
    assert request.state == ListingRequest.State.APPROVED
    assert request.decided_by == editor
    assert request.decided_at >= before
    assert request.decision_note == "Licence checked with the Oregon board."
    assert messages_shown(page) == ["Decided; the member is told by e-mail."]
    assert [message.to for message in mail.outbox] == [["claimant@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "You now manage the listing of Riverside Acupuncture"
    assert "Hello Claire Claimant," in message.body
    assert "you now manage the listing of Riverside Acupuncture" in message.body
    assert f"http://testserver{listing.get_absolute_url()}" in message.body
    assert "The editor's note:\nLicence checked with the Oregon board." in message.body


def test_the_claim_page_shows_the_proof_to_check_and_the_decision_buttons(editor_client, claim):
    request = claim()

    page = editor_client.get(change_url(request)).content.decode()

    assert "OR-AC-1234" in page
    assert "front-desk@example.com" in page
    assert "This is my practice." in page
    assert 'name="_approve"' in page and 'name="_reject"' in page
    assert 'name="decision_note"' in page


def test_rejecting_a_suggestion_hides_the_listing_and_tells_the_member_it_was_not_added(
    decide, editor, make_member, suggest
):
    member = make_member(email="suggester@example.org")
    request = suggest(name="Dubious Wellness", by=member)
    mail.outbox.clear()

    page = decide(request, "_reject", note="We could not find a licence.").content.decode()

    request.refresh_from_db()
    listing = request.practitioner
    listing.refresh_from_db()
    assert listing.status == Practitioner.Status.HIDDEN
    assert request.state == ListingRequest.State.REJECTED
    assert request.decided_by == editor
    assert request.decided_at is not None
    assert messages_shown(page) == ["Decided; the member is told by e-mail."]
    assert [message.to for message in mail.outbox] == [["suggester@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "About your suggestion of Dubious Wellness"
    assert "has not added it to the directory" in message.body
    assert "We could not find a licence." in message.body


def test_approving_a_suggestion_publishes_the_listing_on_the_site(decide, make_member, suggest):
    request = suggest(name="Lotus Acupuncture", by=make_member(email="suggester@example.org"))
    listing = request.practitioner
    assert "Lotus Acupuncture" not in Client().get("/practitioners/").content.decode()
    mail.outbox.clear()

    decide(request, "_approve")

    listing.refresh_from_db()
    assert listing.status == Practitioner.Status.PUBLISHED
    assert listing.last_confirmed_on == timezone.localdate()
    assert "Lotus Acupuncture" in Client().get("/practitioners/").content.decode()
    assert mail.outbox[0].subject == "Your suggestion is in the directory: Lotus Acupuncture"
    assert f"http://testserver{listing.get_absolute_url()}" in mail.outbox[0].body


def test_an_edit_proposal_shows_each_change_next_to_the_current_value(editor_client, owned_listing, make_therapy):
    make_therapy(name="Cupping")
    listings.propose_listing_edit(
        user=owned_listing.owner,
        practitioner=owned_listing,
        proposed={"phone": "+1 503 555 0100", "therapies": ["acupuncture", "cupping"], "telehealth": True},
    )
    request = ListingRequest.objects.get(kind=ListingRequest.Kind.EDIT)

    table = proposed_changes_shown(editor_client.get(change_url(request)).content.decode())

    assert table == [
        ["field", "now", "proposed"],
        ["phone", "—", "+1 503 555 0100"],
        ["therapies offered", "Acupuncture", "Acupuncture, Cupping"],
        ["offers telehealth", "no", "yes"],
    ]


def test_approving_an_edit_applies_it_and_locates_the_new_address(decide, editor, owned_listing, make_therapy):
    make_therapy(name="Cupping")
    listings.propose_listing_edit(
        user=owned_listing.owner,
        practitioner=owned_listing,
        proposed={
            "street": "350 5th Ave",
            "city": "New York",
            "region": "NY",
            "postcode": "10001",
            "therapies": ["cupping"],
            "telehealth": True,
        },
    )
    request = ListingRequest.objects.get(kind=ListingRequest.Kind.EDIT)
    mail.outbox.clear()

    decide(request, "_approve", note="Welcome to New York.")

    owned_listing.refresh_from_db()
    assert (owned_listing.street, owned_listing.city, owned_listing.postcode) == ("350 5th Ave", "New York", "10001")
    assert owned_listing.telehealth is True
    assert (owned_listing.latitude, owned_listing.longitude) == pytest.approx(NEW_YORK_10001, abs=0.01)
    assert list(owned_listing.therapies.values_list("slug", flat=True)) == ["cupping"]
    assert owned_listing.last_confirmed_on == timezone.localdate()
    assert owned_listing.history.first().history_user == editor
    assert mail.outbox[0].to == ["owner@example.org"]
    assert mail.outbox[0].subject == "Your changes to Olu Acupuncture are published"
    assert "Welcome to New York." in mail.outbox[0].body


def test_deciding_a_request_that_was_already_decided_is_refused_and_changes_nothing(
    decide, editor_client, editor, make_member, suggest
):
    request = suggest(name="Lotus Acupuncture")
    url = change_url(request)
    data = form_data(editor_client.get(url))
    # Meanwhile, another editor rejects it.
    other_editor = make_member(display_name="Other Editor", is_staff=True)
    listings.reject_request(request=request, reviewer=other_editor, note="Not a practice.")
    request.refresh_from_db()
    decided_at = request.decided_at
    mail.outbox.clear()

    data["decision_note"], data["_approve"] = ["Looks fine."], ["pressed"]
    page = editor_client.post(url, data, follow=True).content.decode()

    request.refresh_from_db()
    request.practitioner.refresh_from_db()
    assert messages_shown(page) == ["This request was already decided (Rejected)."]
    assert request.state == ListingRequest.State.REJECTED
    assert (request.decided_by, request.decided_at) == (other_editor, decided_at)
    assert request.decision_note == "Not a practice."
    assert request.practitioner.status == Practitioner.Status.HIDDEN
    assert mail.outbox == []


def test_a_decided_request_shows_no_decision_buttons_and_says_who_decided(editor_client, editor, suggest):
    request = listings.approve_request(request=suggest(), reviewer=editor, note="Checked.")

    page = editor_client.get(change_url(request)).content.decode()

    assert 'name="_approve"' not in page and 'name="_reject"' not in page
    assert 'name="decision_note"' not in page
    assert "Editor Elin" in page


def test_approving_a_claim_on_a_listing_someone_else_now_owns_is_refused(decide, make_member, make_practitioner, claim):
    listing = make_practitioner(name="Riverside Acupuncture")
    first = claim(listing=listing, by=make_member(email="first@example.org"))
    second = claim(listing=listing, by=make_member(email="second@example.org"))
    decide(first, "_approve")
    mail.outbox.clear()

    page = decide(second, "_approve", note="Also checked.").content.decode()

    listing.refresh_from_db()
    second.refresh_from_db()
    assert messages_shown(page) == ["This listing already has an owner. Remove the owner first, or reject this claim."]
    # The editor stays on the request, to reject it with a note.
    assert 'name="_reject"' in page
    assert listing.owner.email == "first@example.org"
    assert second.state == ListingRequest.State.PENDING
    assert second.decided_by is None and second.decision_note == ""
    assert mail.outbox == []


def test_saving_only_the_note_keeps_the_request_waiting(editor_client, suggest):
    request = suggest()
    mail.outbox.clear()
    url = change_url(request)
    data = form_data(editor_client.get(url))
    data["decision_note"], data["_continue"] = ["Asked the clinic to confirm."], ["pressed"]

    editor_client.post(url, data)

    request.refresh_from_db()
    assert request.state == ListingRequest.State.PENDING
    assert request.decision_note == "Asked the clinic to confirm."
    assert mail.outbox == []


# --- Deciding many at once -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "state", "message"),
    [
        ("approve_selected", ListingRequest.State.APPROVED, "Approved: 2. The members are told."),
        ("reject_selected", ListingRequest.State.REJECTED, "Rejected: 2. The members are told."),
    ],
)
def test_bulk_decisions_decide_only_waiting_requests_and_tell_each_member(
    editor_client, editor, make_member, suggest, claim, django_capture_on_commit_callbacks, action, state, message
):
    waiting = [
        suggest(by=make_member(email="suggester@example.org")),
        claim(by=make_member(email="claimant@example.org")),
    ]
    other_editor = make_member(display_name="Other Editor", is_staff=True)
    decided = listings.reject_request(
        request=suggest(by=make_member(email="earlier@example.org")), reviewer=other_editor
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            QUEUE, {"action": action, "_selected_action": [r.pk for r in [*waiting, decided]]}, follow=True
        )

    assert messages_shown(response.content.decode()) == [message]
    for request in waiting:
        request.refresh_from_db()
        assert (request.state, request.decided_by) == (state, editor)
    decided_then = decided.decided_at
    decided.refresh_from_db()
    assert (decided.state, decided.decided_by, decided.decided_at) == (
        ListingRequest.State.REJECTED,
        other_editor,
        decided_then,
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["claimant@example.org", "suggester@example.org"]


# --- Listings ------------------------------------------------------------------------------


def save_listing(client, listing: Practitioner, **changes):
    """Change fields in the listing's admin form and save it; the page the editor lands on."""
    url = change_url(listing)
    data = form_data(client.get(url))
    for name, value in changes.items():
        data[name] = [value]
    return client.post(url, data, follow=True)


def test_verifying_a_listing_records_the_editor_and_the_day(editor_client, editor, make_practitioner):
    listing = make_practitioner(name="Riverside Acupuncture")

    with time_machine.travel(dt.datetime(2026, 5, 14, 10, 0, tzinfo=dt.UTC), tick=False):
        save_listing(
            editor_client,
            listing,
            verification_status="verified",
            verification_source="Oregon Medical Board licence search, AC01234",
            verification_note="Oregon register.",
        )

    listing.refresh_from_db()
    assert listing.verification_status == Practitioner.Verification.VERIFIED
    assert listing.verified_by == editor
    assert listing.verified_on == dt.date(2026, 5, 14)
    assert listing.verification_note == "Oregon register."
    assert listing.verification_source == "Oregon Medical Board licence search, AC01234"


def test_saving_a_verified_listing_again_keeps_who_verified_it(editor_client, make_member, make_practitioner):
    first_editor = make_member(display_name="First Editor", is_staff=True)
    listing = make_practitioner(
        verification_status="verified", verified_by=first_editor, verified_on=dt.date(2026, 1, 2)
    )

    save_listing(editor_client, listing, phone="+1 503 555 0100")

    listing.refresh_from_db()
    assert (listing.verified_by, listing.verified_on) == (first_editor, dt.date(2026, 1, 2))


def test_unverifying_a_listing_clears_who_verified_it_and_when(editor_client, editor, make_practitioner):
    listing = make_practitioner(verification_status="verified", verified_by=editor, verified_on=dt.date(2026, 1, 2))

    save_listing(editor_client, listing, verification_status="unverified")

    listing.refresh_from_db()
    assert listing.verification_status == Practitioner.Verification.UNVERIFIED
    assert (listing.verified_by, listing.verified_on) == (None, None)


def add_listing(client, **fields):
    data = form_data(client.get(LISTINGS + "add/"))
    for name, value in {"kind": "person", "country": "US", **fields}.items():
        data[name] = [value]
    return client.post(LISTINGS + "add/", data, follow=True)


def test_a_listing_added_without_coordinates_is_located_from_its_zip_code(editor_client):
    page = add_listing(editor_client, name="Chelsea Acupuncture", city="New York", region="NY", postcode="10001")

    listing = Practitioner.objects.get(name="Chelsea Acupuncture")
    assert (listing.latitude, listing.longitude) == pytest.approx(NEW_YORK_10001, abs=0.01)
    assert listing.slug == "chelsea-acupuncture-new-york"
    assert not any("No coordinates" in message for message in messages_shown(page.content.decode()))


def test_a_listing_whose_place_cannot_be_found_is_saved_with_a_warning(editor_client):
    page = add_listing(editor_client, name="Hidden Valley Clinic", city="Qwxyzzyville")

    listing = Practitioner.objects.get(name="Hidden Valley Clinic")
    assert not listing.has_location
    assert (
        "No coordinates were found for this address, so the listing will not show in “near” searches. "
        "Check the postcode and city, or type the latitude and longitude."
    ) in messages_shown(page.content.decode())


def test_coordinates_typed_by_hand_are_kept(editor_client):
    add_listing(
        editor_client, name="Harbour Clinic", city="New York", postcode="10001", latitude="40.7", longitude="-74.01"
    )

    listing = Practitioner.objects.get(name="Harbour Clinic")
    assert (listing.latitude, listing.longitude) == (40.7, -74.01)


def test_publishing_a_suggested_listing_in_its_form_approves_the_suggestion(
    editor_client, editor, make_member, suggest, django_capture_on_commit_callbacks
):
    request = suggest(name="Lotus Acupuncture", by=make_member(email="suggester@example.org"))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page = save_listing(editor_client, request.practitioner, status="published").content.decode()

    request.refresh_from_db()
    assert request.practitioner.status == Practitioner.Status.PUBLISHED
    assert (request.state, request.decided_by) == (ListingRequest.State.APPROVED, editor)
    assert "The member who suggested this listing was told by e-mail." in messages_shown(page)
    assert [m.to for m in mail.outbox] == [["suggester@example.org"]]
    assert mail.outbox[0].subject == "Your suggestion is in the directory: Lotus Acupuncture"


def test_publishing_selected_listings_counts_them_all_and_approves_their_suggestions(
    editor_client, editor, make_member, make_practitioner, suggest, django_capture_on_commit_callbacks
):
    suggested = suggest(name="Lotus Acupuncture", by=make_member(email="suggester@example.org"))
    added_by_an_editor = make_practitioner(name="Draft Clinic", status=Practitioner.Status.PENDING)
    already_published = make_practitioner(name="Riverside Acupuncture")
    selected = [suggested.practitioner, added_by_an_editor, already_published]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page = editor_client.post(
            LISTINGS, {"action": "publish", "_selected_action": [listing.pk for listing in selected]}, follow=True
        ).content.decode()

    suggested.refresh_from_db()
    assert "2 listings published." in messages_shown(page)
    assert set(Practitioner.objects.published().values_list("name", flat=True)) == {
        "Lotus Acupuncture",
        "Draft Clinic",
        "Riverside Acupuncture",
    }
    assert (suggested.state, suggested.decided_by) == (ListingRequest.State.APPROVED, editor)
    assert [m.to for m in mail.outbox] == [["suggester@example.org"]]


def test_a_listing_s_form_links_the_requests_members_sent_about_it(editor_client, claim):
    request = claim()

    page = editor_client.get(change_url(request.practitioner)).content.decode()

    assert f'<a href="{change_url(request)}">Claim of a listing</a>' in page


# --- Who may do what -----------------------------------------------------------------------


def test_a_moderator_can_read_the_queue_but_cannot_decide(moderator_client, suggest):
    request = suggest(name="Lotus Acupuncture")
    mail.outbox.clear()
    url = change_url(request)

    queue = moderator_client.get(QUEUE).content.decode()
    reading = moderator_client.get(url).content.decode()
    refused = moderator_client.post(url, {"decision_note": "Fine by me.", "_approve": "pressed"})
    bulk = moderator_client.post(
        QUEUE, {"action": "approve_selected", "_selected_action": [request.pk]}, follow=True
    ).content.decode()

    assert "Lotus Acupuncture" in result_rows(queue)
    assert "approve_selected" not in queue
    assert "Lotus Acupuncture" in reading
    assert 'name="_approve"' not in reading and 'name="_reject"' not in reading
    assert refused.status_code == 403
    request.refresh_from_db()
    assert request.state == ListingRequest.State.PENDING
    assert request.decision_note == ""
    # With no action they may use, the list ignores the posted one and shows the queue as it was.
    assert messages_shown(bulk) == []
    assert 'name="action"' not in bulk
    assert ListingRequest.objects.get(pk=request.pk).state == ListingRequest.State.PENDING
    assert mail.outbox == []


def test_staff_without_the_directory_permissions_are_refused(client, make_member, suggest):
    request = suggest(name="Lotus Acupuncture")
    client.force_login(with_two_factor(make_member(display_name="Staff Sam", is_staff=True)))

    queue = client.get(QUEUE)
    opened = client.get(change_url(request))

    assert queue.status_code == 403
    assert opened.status_code == 403
    assert "Lotus Acupuncture" not in queue.content.decode() + opened.content.decode()


def test_a_member_who_is_not_staff_is_sent_to_log_in(member_client, suggest):
    request = suggest(name="Lotus Acupuncture")

    queue = member_client.get(QUEUE)
    opened = member_client.get(change_url(request))

    assert queue.status_code == 302 and queue["Location"].startswith("/admin/login/?next=")
    assert opened.status_code == 302 and opened["Location"].startswith("/admin/login/?next=")


# --- Query budgets -------------------------------------------------------------------------


@pytest.fixture(params=[3, 30], ids=["small", "large"])
def directory(request, make_member, make_practitioner, suggest, claim):
    owner = make_member(display_name="Owner Olu")
    for number in range(request.param):
        listing = make_practitioner(name=f"Listing {number}", owner=owner if number % 3 == 0 else None)
        if number % 3 == 1:
            claim(listing=listing)
        else:
            suggest(name=f"Suggested {number}")
    return request.param


# Both lists: 1. session  2. editor  3. two-factor check  4–5. the editor's own and group permissions
# 6. filtered count  7. full count  8. the page of rows (the queue: listing and both members joined in;
# the listings: the owner joined in)  9. the queue: the counts waiting per kind; the listings: the countries
# to filter by.
@pytest.mark.parametrize(
    ("path", "budget", "shown"),
    [
        (QUEUE, 9, "Suggested 2"),
        (QUEUE + "?state__exact=pending&kind__exact=claim", 9, "Listing 1"),
        (LISTINGS, 9, "Listing 2"),
        (LISTINGS + "?status__exact=published&country=US", 9, "Listing 2"),
    ],
)
def test_the_directory_lists_cost_the_same_number_of_queries_however_many_rows(
    editor_client, directory, path, budget, shown, django_assert_max_num_queries
):
    with django_assert_max_num_queries(budget):
        response = editor_client.get(path)

    assert shown in result_rows(response.content.decode())


@pytest.fixture(params=[3, 30], ids=["small", "large"])
def busy_listing(request, make_practitioner, report):
    listing = make_practitioner(name="Busy Clinic")
    for _number in range(request.param):
        report(listing=listing)
    return listing


# 1. session  2. editor  3. two-factor check  4. the listing  5–6. the editor's own and group permissions
# 7–9. the listing's languages, therapies and conditions  10. the requests about it (listing and member joined in)
# 11–13. every language, therapy and condition to choose from.
def test_a_listing_s_form_costs_the_same_number_of_queries_however_many_requests_it_has(
    editor_client, busy_listing, django_assert_max_num_queries
):
    with django_assert_max_num_queries(13):
        page = editor_client.get(change_url(busy_listing)).content.decode()

    assert page.count("Problem reported</a>") == busy_listing.requests.count()


# 1. session  2. editor  3. two-factor check  4. the request  5–6. the editor's own and group permissions
# 7. the listing  8. the member.
def test_a_request_s_page_costs_a_fixed_number_of_queries(editor_client, busy_listing, django_assert_max_num_queries):
    request = busy_listing.requests.first()

    with django_assert_max_num_queries(8):
        page = editor_client.get(change_url(request)).content.decode()

    assert "They moved across the river." in page
