"""The demo directory: enough fictional listings, each placed on the map offline, idempotent, and a review queue.

The seed steps are called directly, in the order `manage.py seed_demo` runs them, so these tests cover the
directory's step whatever else is registered.
"""

import hashlib
from io import StringIO

import pytest
from django.db import transaction
from django.utils.html import escape

from portal.demo import DEMO_EMAIL_DOMAIN
from portal.seed import seed_demo_logins
from therapies.demo_data.seed import seed_knowledge_base
from therapies.directory import distances
from therapies.directory.demo import BENCHMARK_LISTINGS, BENCHMARK_PREFIX, seed_directory
from therapies.models import Language, ListingRequest, Practitioner

PORTLAND = (45.5152, -122.6784)
LONDON = (51.5085, -0.1257)
DIRECTORY_MODELS = [
    Practitioner,
    Practitioner.history.model,
    Practitioner.therapies.through,
    Practitioner.conditions.through,
    Practitioner.languages.through,
    Language,
    ListingRequest,
]


def seed(*, scale: str = "demo", with_logins: bool = False) -> str:
    """Run the demo logins, knowledge base and directory steps; what the directory step printed."""
    output = StringIO()
    with transaction.atomic():
        seed_demo_logins(scale=scale, stdout=StringIO(), with_logins=with_logins)
        seed_knowledge_base(scale="demo", stdout=StringIO(), with_logins=with_logins)
        seed_directory(scale=scale, stdout=output, with_logins=with_logins)
    return output.getvalue()


def snapshot() -> dict[str, str]:
    """A fingerprint of every row of the directory's tables, history included."""
    state = {}
    for model in DIRECTORY_MODELS:
        rows = sorted(map(repr, model._default_manager.values_list()))
        state[model._meta.db_table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return state


@pytest.mark.django_db
def test_the_demo_lists_practitioners_in_several_countries_and_states_none_of_them_verified():
    seed()

    listed = Practitioner.objects.filter(status__in=[Practitioner.Status.PUBLISHED, Practitioner.Status.PENDING])
    assert listed.count() >= 30
    assert listed.values("country").distinct().count() >= 5
    assert listed.filter(country="US").values("region").distinct().count() >= 8
    assert Practitioner.objects.filter(status=Practitioner.Status.PENDING).count() == 2
    assert Practitioner.objects.filter(status=Practitioner.Status.HIDDEN).count() == 1
    # Invented practitioners: every listing is a demo listing, and the portal checked no licence of theirs.
    assert not Practitioner.objects.filter(demo=False).exists()
    assert set(Practitioner.objects.values_list("verification_status", flat=True)) == {
        Practitioner.Verification.UNVERIFIED
    }
    assert not Practitioner.objects.filter(verified_on__isnull=False).exists()
    assert not Practitioner.objects.exclude(verification_note="", verification_source="").exists()
    assert listed.filter(conditions__slug="restless-legs-syndrome").distinct().count() >= 25


@pytest.mark.django_db
def test_every_demo_listing_is_placed_on_the_map_offline_and_neighbours_come_nearest_first():
    seed()

    assert not Practitioner.objects.filter(latitude__isnull=True).exists()
    assert not Practitioner.objects.filter(longitude__isnull=True).exists()
    for centre in (PORTLAND, LONDON):
        nearby = list(Practitioner.objects.published().near(*centre, radius_km=25))
        assert len(nearby) >= 4, centre
        kilometres = [listing.distance_km for listing in nearby]
        assert kilometres == sorted(kilometres)
        assert len(set(kilometres)) >= 4, "the neighbours should not all share one point"
        for listing in nearby:
            assert distances.great_circle_km(*centre, listing.latitude, listing.longitude) <= 25


@pytest.mark.django_db
def test_running_the_directory_step_again_changes_no_row_and_records_no_history():
    seed(with_logins=True)
    before = snapshot()

    output = seed(with_logins=True)

    assert snapshot() == before
    assert "0 created, 0 updated" in output


@pytest.mark.django_db
def test_with_demo_logins_the_review_queue_holds_the_members_suggestion_claim_and_report():
    seed(with_logins=True)

    pending = ListingRequest.objects.pending().select_related("practitioner", "submitted_by")
    by_kind = {request.kind: request for request in pending}
    assert pending.count() == 3
    suggestion = by_kind[ListingRequest.Kind.SUGGESTION]
    assert suggestion.submitted_by.email == f"member@{DEMO_EMAIL_DOMAIN}"
    assert suggestion.practitioner.status == Practitioner.Status.PENDING
    claim = by_kind[ListingRequest.Kind.CLAIM]
    assert claim.submitted_by.email == f"member2@{DEMO_EMAIL_DOMAIN}"
    assert claim.practitioner.is_published and claim.practitioner.owner is None
    assert claim.licence_number == claim.practitioner.licence_number
    assert claim.work_email.endswith(".example")
    report = by_kind[ListingRequest.Kind.REPORT]
    assert report.submitted_by.email == f"member@{DEMO_EMAIL_DOMAIN}"
    assert report.practitioner.is_published
    assert report.problem == ListingRequest.Problem.MOVED
    assert not Practitioner.objects.filter(verified_by__isnull=False).exists()


def test_every_published_demo_listing_has_a_page_showing_its_name(client, db):
    seed()

    for listing in Practitioner.objects.published():
        response = client.get(listing.get_absolute_url())
        assert response.status_code == 200, listing.slug
        assert escape(listing.name) in response.content.decode(), listing.slug


@pytest.mark.django_db
def test_without_demo_logins_no_request_is_made_and_no_editor_is_named():
    seed()

    assert not ListingRequest.objects.exists()
    assert not Practitioner.objects.filter(verified_by__isnull=False).exists()


# Slow (about ten seconds on SQLite): it writes the 20,000 benchmark listings and their 80,000 links.
@pytest.mark.django_db
def test_the_large_scale_adds_20000_benchmark_listings_once():
    seed(scale="large")
    benchmark = Practitioner.objects.filter(slug__startswith=BENCHMARK_PREFIX)

    assert benchmark.published().count() == BENCHMARK_LISTINGS
    assert not benchmark.filter(latitude__isnull=True).exists()
    # Benchmark listings are demo listings too: never verified.
    assert benchmark.filter(demo=True).count() == BENCHMARK_LISTINGS
    assert not benchmark.filter(verification_status=Practitioner.Verification.VERIFIED).exists()
    assert benchmark.values("country").distinct().count() >= 5
    assert not benchmark.filter(therapies__isnull=True).exists()
    assert benchmark.exclude(bio_html="").count() == BENCHMARK_LISTINGS
    assert Practitioner.objects.published().near(*PORTLAND, radius_km=25).count() > 20

    output = seed(scale="large")

    assert "already there" in output
    assert benchmark.count() == BENCHMARK_LISTINGS
