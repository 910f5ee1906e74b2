"""Listing pages, the practitioner sections of therapy pages, the sitemap, and geocoding when a listing is saved."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from therapies.models import Practitioner

pytestmark = pytest.mark.django_db


def jsonld(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))


@pytest.fixture
def kai(make_practitioner, make_therapy, make_condition, make_member):
    acupuncture = make_therapy(name="Acupuncture")
    draft = make_therapy(name="Secret Draft", status="draft")
    rls = make_condition(name="Restless legs syndrome")
    return make_practitioner(
        name="Kai Moss",
        credentials="L.Ac., Dipl. OM",
        licence_number="AC-1234",
        licensing_body="Oregon Medical Board",
        licence_region="Oregon",
        clinic_name="Moss Community Acupuncture",
        street="1200 SE Belmont St",
        phone="503-555-0142",
        email="kai@moss.example",
        booking_url="https://moss.example/book",
        telehealth=True,
        accepting_new_patients=False,
        fees_note="Sliding scale, $30–$60.",
        bio="Trained in Chengdu. **Calm** sessions.",
        verification_status="verified",
        verified_on=date(2026, 3, 4),
        verified_by=make_member(is_staff=True),
        last_confirmed_on=date(2026, 10, 1),
        therapies=[acupuncture, draft],
        conditions=[rls],
        languages=["en", "es"],
    )


def test_a_listing_shows_everything_a_patient_needs(client, kai):
    page = client.get(kai.get_absolute_url()).content.decode()
    assert "<h1>Kai Moss<span" in page and "L.Ac., Dipl. OM" in page
    assert "Licence verified on 4 March 2026 by the portal." in page
    assert "Information last confirmed on 1 October 2026." in page
    assert "AC-1234" in page and "Oregon Medical Board" in page
    assert "1200 SE Belmont St<br>Portland, OR 97214<br>United States" in page
    assert 'href="https://www.openstreetmap.org/?mlat=45.51420&amp;mlon=-122.63640#map=16/45.51420/-122.63640"' in page
    assert 'href="tel:503-555-0142"' in page and "mailto:kai@moss.example" in page
    assert "Book an appointment" in page
    assert "Yes, sessions online are offered" in page
    assert "Not taking new patients at the moment" in page
    assert "English, Spanish" in page
    assert "Sliding scale, $30–$60." in page
    assert "<strong>Calm</strong>" in page
    assert ">Acupuncture</a>" in page and "Secret Draft" not in page
    assert ">Restless legs syndrome</a>" in page
    assert "Report a problem with this listing" in page
    assert "Is this you? Claim this listing" in page
    assert "<script src=" not in page.split("</header>")[1]  # no third-party map script


def test_an_unverified_listing_says_so(client, make_practitioner):
    page = client.get(make_practitioner(name="New Person").get_absolute_url()).content.decode()
    assert "Not verified" in page
    assert "The portal has not checked this practitioner's licence yet" in page
    assert "This information has not been confirmed yet." in page


def test_a_person_is_described_with_their_credential(client, kai):
    data = jsonld(client.get(kai.get_absolute_url()).content.decode())
    assert data["@type"] == "Person"
    assert data["hasCredential"]["name"] == "L.Ac., Dipl. OM"
    assert data["hasCredential"]["recognizedBy"]["name"] == "Oregon Medical Board"
    assert data["workLocation"]["isAcceptingNewPatients"] is False
    assert [service["name"] for service in data["workLocation"]["availableService"]] == ["Acupuncture"]


def test_a_clinic_is_described_with_its_services(client, make_practitioner, make_therapy):
    clinic = make_practitioner(name="Harbour Clinic", kind="clinic", therapies=[make_therapy(name="Massage")])
    data = jsonld(client.get(clinic.get_absolute_url()).content.decode())
    assert data["@type"] == "MedicalClinic"
    assert data["isAcceptingNewPatients"] is True
    assert data["availableService"][0]["@type"] == "MedicalTherapy"
    assert data["availableService"][0]["name"] == "Massage"
    assert data["address"]["postalCode"] == "97214"


@pytest.mark.parametrize("status", [Practitioner.Status.PENDING, Practitioner.Status.HIDDEN])
def test_strangers_get_404_for_listings_that_are_not_public(client, make_member, make_practitioner, status):
    listing = make_practitioner(name="Not Public", status=status)
    assert client.get(listing.get_absolute_url()).status_code == 404
    client.force_login(make_member())
    assert client.get(listing.get_absolute_url()).status_code == 404


def test_staff_see_a_marked_noindex_preview_of_a_pending_listing(client, make_member, make_practitioner):
    listing = make_practitioner(name="Not Public", status=Practitioner.Status.PENDING)
    client.force_login(make_member(is_staff=True))
    page = client.get(listing.get_absolute_url()).content.decode()
    assert "Preview for staff" in page
    assert '<meta name="robots" content="noindex">' in page


def test_user_text_in_a_listing_cannot_inject_markup(client, make_practitioner):
    listing = make_practitioner(
        name='<script>alert("name")</script>',
        clinic_name="<img src=x onerror=alert(1)>",
        bio='<script>alert("bio")</script>[click](javascript:alert(1)) <a href="https://x.example">x</a>',
        fees_note="<b>free</b>",
        website="https://ok.example/?q=<script>",
    )
    page = client.get(listing.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "javascript:alert" not in page
    assert "&lt;b&gt;free&lt;/b&gt;" in page
    assert 'rel="nofollow ugc noopener"' in page


def test_therapy_pages_show_verified_practitioners_first_and_never_hidden_ones(client, make_practitioner, rls_page):
    therapy, condition = rls_page.therapy, rls_page.condition
    make_practitioner(name="Aaron Unverified", therapies=[therapy], conditions=[condition])
    make_practitioner(name="Zoe Verified", therapies=[therapy], conditions=[condition], verification_status="verified")
    make_practitioner(name="Hidden Hal", therapies=[therapy], conditions=[condition], status="hidden")
    for url in (therapy.get_absolute_url(), rls_page.get_absolute_url(), condition.get_absolute_url()):
        page = client.get(url).content.decode()
        assert page.index("Zoe Verified") < page.index("Aaron Unverified")
        assert "Hidden Hal" not in page
    assert (
        "Practitioners offering Acupuncture who treat Restless legs syndrome"
        in client.get(rls_page.get_absolute_url()).content.decode()
    )


def test_the_pair_page_lists_only_practitioners_who_treat_the_condition(client, make_practitioner, rls_page):
    make_practitioner(name="Offers It Only", therapies=[rls_page.therapy])
    page = client.get(rls_page.get_absolute_url()).content.decode()
    assert "Offers It Only" not in page
    assert "No practitioner is listed for this yet." in page
    assert 'href="/practitioners/suggest/"' in page
    assert "Offers It Only" in client.get(rls_page.therapy.get_absolute_url()).content.decode()


def test_the_sitemap_lists_published_listings_only(client, make_practitioner):
    public = make_practitioner(name="Public Person")
    hidden = make_practitioner(name="Hidden Person", status="hidden")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{public.get_absolute_url()}" in sitemap
    assert hidden.get_absolute_url() not in sitemap


def test_the_site_search_finds_practitioners(client, make_practitioner):
    make_practitioner(name="Kai Moss", clinic_name="Willow Clinic")
    make_practitioner(name="Hidden Willow", status="hidden")
    page = client.get("/search/", {"q": "willow"}).content.decode()
    assert "Kai Moss" in page and "Hidden Willow" not in page


def test_a_listing_saved_without_coordinates_is_located_offline(make_practitioner):
    by_zip = make_practitioner(latitude=None, longitude=None, postcode="10001", city="New York", region="NY")
    by_city = make_practitioner(latitude=None, longitude=None, postcode="", city="Leeds", region="", country="GB")
    unknown = make_practitioner(latitude=None, longitude=None, postcode="", city="Xyzzyville", country="GB")
    assert (round(by_zip.latitude, 1), round(by_zip.longitude, 1)) == (40.7, -74.0)
    assert (round(by_city.latitude, 1), round(by_city.longitude, 1)) == (53.8, -1.5)
    assert unknown.latitude is None and not unknown.has_location


def test_coordinates_set_by_hand_are_kept(make_practitioner):
    listing = make_practitioner(latitude=45.0, longitude=-122.0, postcode="10001", city="New York")
    listing.save()
    listing.refresh_from_db()
    assert (listing.latitude, listing.longitude) == (45.0, -122.0)


def test_slugs_are_unique_for_namesakes(make_practitioner):
    first, second = make_practitioner(name="Ann Lee"), make_practitioner(name="Ann Lee")
    assert first.slug == "ann-lee-portland"
    assert second.slug == "ann-lee-portland-2"


def test_after_a_search_the_listing_says_how_far_it_is(client, make_practitioner):
    listing = make_practitioner(name="North Needles", latitude=45.5642, longitude=-122.6364)
    client.get("/practitioners/", {"near": "97214", "unit": "km"})
    page = client.get(listing.get_absolute_url()).content.decode()
    assert "5.6 km from 97214 (Portland, OR, United States)" in page
