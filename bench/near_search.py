"""Time the practitioner directory's "near" search the way the page runs it: the search's queries for the first page
of 20, then the whole page `/practitioners/?near=…&radius=…` through the real view, middleware and templates.

    .venv/bin/python bench/near_search.py                                  # SQLite (db.sqlite3)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/remedy_bench .venv/bin/python bench/near_search.py

Production settings (DEBUG off, the Redis cache in database 13 unless REDIS_URL says otherwise; `collectstatic` must
have run). The large data set (20,000 synthetic listings) is seeded first when the database has fewer published
listings. See bench/README.md.
"""

from __future__ import annotations

import functools
import os
import secrets
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from common import describe_database, p95, say, seed_once, setup_django

if TYPE_CHECKING:
    from django.core.paginator import Page

RADII_KM = (5, 25, 100)
ROUNDS = 3  # timed rounds, after one round that warms the caches
WANTED_LISTINGS = 20_000
TARGET_MS = 5  # the search's queries, median (the directory issue's target)

# (city, US state or "", country): big and small towns where the synthetic listings are, and one where none are.
PLACES = [
    ("New York", "NY", "US"),
    ("Los Angeles", "CA", "US"),
    ("Chicago", "IL", "US"),
    ("Houston", "TX", "US"),
    ("Phoenix", "AZ", "US"),
    ("Seattle", "WA", "US"),
    ("Portland", "OR", "US"),
    ("Denver", "CO", "US"),
    ("Austin", "TX", "US"),
    ("Boston", "MA", "US"),
    ("Miami", "FL", "US"),
    ("Minneapolis", "MN", "US"),
    ("Asheville", "NC", "US"),
    ("Eugene", "OR", "US"),
    ("Boise", "ID", "US"),
    ("Burlington", "VT", "US"),
    ("Santa Fe", "NM", "US"),
    ("Missoula", "MT", "US"),
    ("Toronto", "", "CA"),
    ("Vancouver", "", "CA"),
    ("Montreal", "", "CA"),
    ("Halifax", "", "CA"),
    ("Kamloops", "", "CA"),
    ("London", "", "GB"),
    ("Manchester", "", "GB"),
    ("Edinburgh", "", "GB"),
    ("Bristol", "", "GB"),
    ("York", "", "GB"),
    ("Inverness", "", "GB"),
    ("Dublin", "", "IE"),
    ("Galway", "", "IE"),
    ("Berlin", "", "DE"),
    ("Hamburg", "", "DE"),
    ("Munich", "", "DE"),
    ("Freiburg", "", "DE"),
    ("Amsterdam", "", "NL"),
    ("Groningen", "", "NL"),
    ("Sydney", "", "AU"),
    ("Melbourne", "", "AU"),
    ("Hobart", "", "AU"),
    ("Auckland", "", "NZ"),
    ("Sapporo", "", "JP"),
]


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float


@dataclass
class Case:
    place: Place
    radius_km: int
    found: int = 0
    in_box: int = 0
    queries: int = 0
    sql: str = ""
    timings_ms: list[float] = field(default_factory=list)
    cards_ms: list[float] = field(default_factory=list)
    page_ms: list[float] = field(default_factory=list)

    @property
    def url(self) -> str:
        from urllib.parse import urlencode

        return "/practitioners/?" + urlencode({"near": self.place.name, "radius": self.radius_km, "unit": "km"})


def main() -> None:
    setup_django(
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64),
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13"),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        LOG_LEVEL="WARNING",
    )

    from django.core.cache import cache
    from django.db import connection

    ensure_large_data_set()
    places = locate_places()
    from therapies.models import Practitioner

    published = Practitioner.objects.published().count()
    say(f"Database: {describe_database(connection)}; {published:,} published listings")
    if connection.vendor == "postgresql":
        # A production database has planner statistics and a visibility map (autovacuum keeps both); a freshly
        # seeded one may have neither yet.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE therapies_practitioner")
        say("Ran VACUUM ANALYZE on therapies_practitioner, as autovacuum would have.")
    cache.clear()

    cases = [Case(place=place, radius_km=radius) for place in places for radius in RADII_KM]
    search, show = result_loaders()
    for case in cases:  # warm-up: caches, connections, the planner, and the cards kept
        show(search(case))
    for case in cases:
        case.found, case.in_box, case.queries = describe_case(case)
    for _round in range(ROUNDS):
        for case in cases:
            started = time.perf_counter()
            page = search(case)
            searched = time.perf_counter()
            show(page)
            case.timings_ms.append((searched - started) * 1000)
            case.cards_ms.append((time.perf_counter() - searched) * 1000)
    afresh = time_cards_after_a_change(cases, search, show)

    say(
        f"{len(places)} places x radii {', '.join(map(str, RADII_KM))} km x {ROUNDS} rounds (after one warm-up round)"
        f" = {len(cases) * ROUNDS} timed searches of {cases[0].queries} query each: finding.results_page(), the"
    )
    say("first page of 20 nearest with their distances, counted by the same query")
    say()
    report(cases, lambda case: case.timings_ms)
    say(f"Target: median ≤ {TARGET_MS} ms.")
    say()
    cards_ms = [ms for case in cases for ms in case.cards_ms]
    say(
        f"Their cards (cards.result_cards), kept: median {statistics.median(cards_ms):.1f} ms, p95 {p95(cards_ms):.1f}"
        f" ms. Right after a change to the directory, rendered afresh (3 queries): median"
        f" {statistics.median(afresh):.1f} ms, p95 {p95(afresh):.1f} ms."
    )
    say()
    time_pages(cases)
    say("The whole page in-process: /practitioners/?near=…&radius=…&unit=km through the test client, middleware and")
    say("templates included, as a visitor without a session (as wrk sends it), for the same cases:")
    say()
    report(cases, lambda case: case.page_ms)
    say()
    busiest = max((case for case in cases if case.radius_km == 25), key=lambda case: case.found)
    explain(connection, busiest)


def ensure_large_data_set() -> None:
    from therapies.demo_data.seed import seed_knowledge_base
    from therapies.directory.demo import seed_directory
    from therapies.models import Practitioner

    seed_once(
        present=lambda: Practitioner.objects.published().count() >= WANTED_LISTINGS,
        steps=[
            functools.partial(seed_knowledge_base, scale="demo", with_logins=False),
            functools.partial(seed_directory, scale="large", with_logins=False),
        ],
        what="Fewer than 20,000 published listings",
    )


def locate_places() -> list[Place]:
    from therapies.directory.places import locate_address

    places = []
    for city, state, country in PLACES:
        found = locate_address(city=city, region=state, country=country)
        if found is None:
            raise SystemExit(f"The offline geocoder does not know {city}, {country}.")
        label = f"{city}, {state or country}"
        places.append(Place(name=label, latitude=found.latitude, longitude=found.longitude))
    return places


def result_loaders() -> tuple[Callable[[Case], Page], Callable[[Page], int]]:
    """What the practitioner list view runs for the results of a "near" search: the search, then the cards."""
    from therapies.directory import cards, finding
    from therapies.directory.views import PAGE_SIZE

    def search(case: Case) -> Page:
        return finding.results_page(
            near=(case.place.latitude, case.place.longitude), radius_km=case.radius_km, per_page=PAGE_SIZE
        )

    def show(page: Page) -> int:
        return len(cards.result_cards(page.object_list, unit="km"))

    return search, show


def time_cards_after_a_change(
    cases: list[Case], search: Callable[[Case], Page], show: Callable[[Page], int]
) -> list[float]:
    """The cards of each case's page right after the directory's generation moved on, as after an editor's change."""
    from portal import generations

    timings = []
    for case in cases:
        page = search(case)
        generations.bump(generations.DIRECTORY)  # outside a transaction: at once
        started = time.perf_counter()
        show(page)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def time_pages(cases: list[Case]) -> None:
    from django.test import Client

    client = Client()
    for case in cases:  # warm-up, and a check that every place is found
        response = client.get(case.url)
        page = response.content.decode()
        if response.status_code != 200 or f"within {case.radius_km} km of" not in page:
            raise SystemExit(f"{case.url} did not answer with results ({response.status_code})")
    for _round in range(ROUNDS):
        for case in cases:
            client.cookies.clear()
            started = time.perf_counter()
            client.get(case.url)
            case.page_ms.append((time.perf_counter() - started) * 1000)


def describe_case(case: Case) -> tuple[int, int, int]:
    """How many listings the search finds, how many the bounding box lets through, and the queries a page costs."""
    from django.db import connection
    from django.db.models import Q
    from django.test.utils import CaptureQueriesContext

    from therapies.directory import distances
    from therapies.models import Practitioner

    in_boxes = Q()
    for box in distances.bounding_boxes(case.place.latitude, case.place.longitude, case.radius_km):
        in_boxes |= Q(
            latitude__range=(box.min_latitude, box.max_latitude),
            longitude__range=(box.min_longitude, box.max_longitude),
        )
    in_box = Practitioner.objects.published().filter(in_boxes).count()
    found = Practitioner.objects.published().within(case.place.latitude, case.place.longitude, case.radius_km).count()
    with CaptureQueriesContext(connection) as captured:
        result_loaders()[0](case)
    case.sql = captured.captured_queries[0]["sql"]
    return found, in_box, len(captured.captured_queries)


def report(cases: list[Case], timings_of: Callable[[Case], list[float]]) -> None:
    header = f"{'radius':>8} {'median':>9} {'p95':>9} {'max':>9}"
    say(f"{header}   {'found: median / max':>20}   {'in box: median / max':>21}")
    for radius in (*RADII_KM, None):
        group = [case for case in cases if radius is None or case.radius_km == radius]
        timings = [ms for case in group for ms in timings_of(case)]
        found = [case.found for case in group]
        in_box = [case.in_box for case in group]
        say(
            f"{(f'{radius} km' if radius else 'all'):>8} {statistics.median(timings):>6.1f} ms {p95(timings):>6.1f} ms"
            f" {max(timings):>6.1f} ms   {statistics.median(found):>9,.0f} / {max(found):>6,}"
            f"   {statistics.median(in_box):>10,.0f} / {max(in_box):>6,}"
        )
    say()
    say("Slowest places (median of the rounds):")
    for case in sorted(cases, key=lambda case: statistics.median(timings_of(case)), reverse=True)[:5]:
        say(
            f"  {case.radius_km:>3} km around {case.place.name:<18} {statistics.median(timings_of(case)):6.1f} ms"
            f"  ({case.found:,} found, {case.in_box:,} in the box)"
        )


def explain(connection, case: Case) -> None:
    where = f"the query of the first page of {case.radius_km} km around {case.place.name}, the busiest place"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            say(f"EXPLAIN (ANALYZE) of {where}:")
            cursor.execute("EXPLAIN (ANALYZE) " + case.sql)
        else:
            say(f"EXPLAIN QUERY PLAN of {where}:")
            cursor.execute("EXPLAIN QUERY PLAN " + case.sql)
        say("\n".join(" ".join(str(column) for column in row) for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
