"""Time the site search the way /search/ runs it, over the large data set: its queries, and the whole page.

    .venv/bin/python bench/search.py                                     # PostgreSQL database remedy_bench
    DATABASE_URL=sqlite:////tmp/remedy-bench.sqlite3 .venv/bin/python bench/search.py

A page of results is what the view asks of every registered source (conditions, therapies, therapy-for-condition
pages, practitioners, threads, posts): five hits each with the number of matches. The script migrates, seeds the
large set once when it is missing (the steps of `seed_demo --scale large` without demo logins: 100,000 posts in
5,000 threads, 20,000 listings, 3,000 therapy-for-condition pages), runs VACUUM (ANALYZE) on PostgreSQL, then times
about thirty varied queries, one warm-up round and three timed rounds: first what the sources do (in-process, against
the targets), then the whole `/search/` page as a visitor gets it (Django's test client: middleware, view, templates).
See bench/README.md.
"""

from __future__ import annotations

import functools
import os
import statistics
import time
from dataclasses import dataclass, field

from common import describe_database, p95, say, seed_once, setup_django

ROUNDS = 3  # timed rounds, after one round that warms the caches
PREVIEW = 5  # hits per kind on the results page (portal.views.SEARCH_PREVIEW)
# The targets for a results page's queries, in-process over the large data set.
TARGET_MEDIAN_MS = 15
TARGET_P95_MS = 50

# What people type: names, other names and typos, symptoms, words that are in a third of all posts and words in
# none, phrases, operators, other scripts.
QUERIES = [
    "acupuncture",
    "restless legs",
    "Willis-Ekbom",
    "RLS",
    "insomnia",
    "migraine",
    "iron",
    "ferritin low",
    "magnesium",
    "acupunture",
    "massge",
    "acupuncture restless legs",
    "iron supplementation for restless legs syndrome",
    "sleep hygiene",
    "warm bath before bed",
    '"hot bath"',
    "yoga",
    "stretches",
    "compression sleeves",
    "night",
    "benchmark",
    "restless night",
    "evening routine -coffee",
    "pregnancy",
    "Portland",
    "London acupuncture",
    "herbal",
    "electroacupuncture",
    "zzqx nothing here",
    "睡眠 ünïcødé",
    "iron & ferritin | !x :*",
]


@dataclass
class Case:
    query: str
    found: dict[str, str] = field(default_factory=dict)
    queries: int = 0
    timings_ms: list[float] = field(default_factory=list)
    page_timings_ms: list[float] = field(default_factory=list)


def main() -> None:
    setup_django(DATABASE_URL="postgres://postgres@127.0.0.1:5432/remedy_bench")
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    ensure_large_data_set()
    if connection.vendor == "postgresql":
        # A production database has planner statistics and a visibility map (autovacuum sees to both: a hit's page in
        # a long thread is counted on the index alone); a freshly seeded one has neither, and this machine's
        # PostgreSQL runs with autovacuum off.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    say(f"Database: {describe_database(connection)}; {describe_data()}")
    say(f"Load average at the start: {load_average()}; {speed_probe(connection)}")
    say("(2 cores shared with other work, and a virtual machine whose speed varies: compare runs with the probe)")

    cases = [Case(query=query) for query in QUERIES]
    for case in cases:
        case.found, case.queries = describe_case(case.query)
    for case in cases:  # warm-up: caches, connections, the planner
        load_page(case.query)
    for _round in range(ROUNDS):
        for case in cases:
            started = time.perf_counter()
            load_page(case.query)
            case.timings_ms.append((time.perf_counter() - started) * 1000)

    say(
        f"{len(cases)} queries x {ROUNDS} rounds (after one warm-up round) = {len(cases) * ROUNDS} timed results pages,"
        f" {min(case.queries for case in cases)}-{max(case.queries for case in cases)} queries each"
    )
    say(
        f"(every source: {PREVIEW} best hits and the number of matches, counted up to {max_ranked():,};"
        " one statement a kind on PostgreSQL)"
    )
    say()
    report(cases)
    say()
    time_pages(cases)
    say(f"Load average at the end: {load_average()}; {speed_probe(connection)}")
    say()
    busiest = max(cases, key=lambda case: statistics.median(case.timings_ms))
    explain(connection, busiest)


def speed_probe(connection) -> str:
    """How fast the machine is right now: a fixed loop of Python and a fixed statement, which take longer when the
    cores are shared or slowed (the load average alone missed a machine running at a third of its speed)."""
    started = time.perf_counter()
    total = 0
    for number in range(1_000_000):
        total += number
    python_ms = (time.perf_counter() - started) * 1000
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute("SELECT count(*) FROM generate_series(1, 1000000)")
        cursor.fetchone()
        sql_ms = (time.perf_counter() - started) * 1000
    return f"speed probe: 1M Python additions {python_ms:.0f} ms, count of 1M rows in PostgreSQL {sql_ms:.0f} ms"


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def max_ranked() -> int:
    from portal.search import MAX_RANKED

    return MAX_RANKED


def ensure_large_data_set() -> None:
    """The seed steps of `seed_demo --scale large`, run once, without demo logins (the bench runs with DEBUG on)."""
    from community.demo_data.seed import BENCHMARK_PREFIX
    from community.models import Thread
    from portal import demo

    seed_once(
        present=Thread.objects.filter(title__startswith=BENCHMARK_PREFIX).exists,
        steps=[functools.partial(step.run, scale="large", with_logins=False) for step in demo.steps()],
        what="No large data set yet (a minute or two)",
    )


def load_page(query: str) -> dict[str, str]:
    """What the results page asks of the sources, as portal.views.search does, for a visitor: what each found."""
    from django.contrib.auth.models import AnonymousUser

    from portal import search

    terms = search.Terms.parse(query)
    user = AnonymousUser()
    found = {}
    for source in search.sources():
        results = source.search(terms, user=user, offset=0, limit=PREVIEW)
        found[source.key] = f"{results.total:,}{'+' if results.capped else ''}"
    return found


def describe_case(query: str) -> tuple[dict[str, str], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        found = load_page(query)
    return found, len(captured.captured_queries)


def time_pages(cases: list[Case]) -> None:
    """The whole /search/ page in-process, as a visitor: the middleware, the view and its templates."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")  # an allowed host with DEBUG on
    for case in cases:  # warm-up
        check_page(client.get("/search/", {"q": case.query}), case.query)
    for _round in range(ROUNDS):
        for case in cases:
            started = time.perf_counter()
            response = client.get("/search/", {"q": case.query})
            case.page_timings_ms.append((time.perf_counter() - started) * 1000)
            check_page(response, case.query)
    timings = [ms for case in cases for ms in case.page_timings_ms]
    queries = [ms for case in cases for ms in case.timings_ms]
    say(f"The whole /search/ page in-process for a visitor (test client: middleware, view, templates), {len(timings)}")
    say(f"requests: median {statistics.median(timings):.1f} ms, p95 {p95(timings):.1f} ms, max {max(timings):.1f} ms")
    say(f"(its queries alone above: median {statistics.median(queries):.1f} ms; the rest is Python and templates)")


def check_page(response, query: str) -> None:
    """A results page, not an error page or a refusal: what is timed is the search."""
    if response.status_code != 200 or b'role="status"' not in response.content:
        raise SystemExit(f"/search/?q={query} answered {response.status_code} without results")


def describe_data() -> str:
    from community.models import Post, Thread
    from therapies.models import Condition, Practitioner, Therapy, TherapyCondition

    counts = [
        (Condition.objects.count(), "conditions"),
        (Therapy.objects.count(), "therapies"),
        (TherapyCondition.objects.count(), "therapy-for-condition pages"),
        (Practitioner.objects.count(), "listings"),
        (Thread.objects.count(), "threads"),
        (Post.objects.count(), "posts"),
    ]
    return ", ".join(f"{count:,} {name}" for count, name in counts)


def report(cases: list[Case]) -> None:
    timings = [ms for case in cases for ms in case.timings_ms]
    median, high = statistics.median(timings), p95(timings)
    say(f"{'':>14} {'median':>9} {'p95':>9} {'max':>9}")
    say(f"{'results page':>14} {median:>6.1f} ms {high:>6.1f} ms {max(timings):>6.1f} ms")
    say()
    say(
        f"Against the targets: median {median:.1f} ms (target ≤ {TARGET_MEDIAN_MS} ms, "
        f"{'met' if median <= TARGET_MEDIAN_MS else 'NOT met'}), p95 {high:.1f} ms (target ≤ {TARGET_P95_MS} ms, "
        f"{'met' if high <= TARGET_P95_MS else 'NOT met'})"
    )
    say()
    say("Per query (median of the rounds), slowest first, with what each kind found (+: more, counting stopped):")
    kinds = list(cases[0].found)
    say(f"  {'query':<48} {'median':>9}   " + " ".join(f"{kind[:12]:>12}" for kind in kinds))
    for case in sorted(cases, key=lambda case: statistics.median(case.timings_ms), reverse=True):
        found = " ".join(f"{case.found[kind]:>12}" for kind in kinds)
        say(f"  {case.query[:48]:<48} {statistics.median(case.timings_ms):>6.1f} ms   {found}")


def explain(connection, case: Case) -> None:
    """The plan of the slowest query of the slowest results page."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        load_page(case.query)
    slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
    say(f"The slowest statement of the slowest page ({case.query!r}, {float(slowest['time']) * 1000:.1f} ms):")
    say(slowest["sql"][:600] + (" …" if len(slowest["sql"]) > 600 else ""))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + slowest["sql"])
        say("\n".join(" ".join(str(column) for column in row) for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
