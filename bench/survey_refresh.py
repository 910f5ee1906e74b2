"""Time the survey statistics refresh over 50,000 responses, and what the statistics pages cost at that size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/remedy_bench_survey .venv/bin/python bench/survey_refresh.py
    .venv/bin/python bench/survey_refresh.py                               # SQLite (db.sqlite3)

The large survey data set (`seed_demo --scale large`'s survey step: 50,000 synthetic members' answers) is seeded
first when the database counts fewer. See bench/README.md.
"""

from __future__ import annotations

import functools
import statistics
import time

from common import describe_database, say, seed_once, setup_django

WANTED_RESPONSES = 50_000
ROUNDS = 5  # timed refreshes, after one that warms the caches
PAGES = [
    "/survey/results/",
    "/conditions/restless-legs-syndrome/",
    "/therapies/exercise/",
    "/therapies/exercise/restless-legs-syndrome/",
    "/",
]


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.survey.models import RemedyStatistic, Response
    from community.survey.statistics import refresh_statistics

    ensure_large_data_set()
    from community.survey.followups.models import FollowUp

    counted = Response.objects.counted().count()
    say(
        f"Database: {describe_database(connection)}; {counted:,} counted responses, "
        f"{FollowUp.objects.count():,} follow-ups ({FollowUp.objects.answered().count():,} answered)"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("response", "responsecondition", "treatmentreport", "consent", "followup"):
                cursor.execute(f"ANALYZE community_{table}")
        say("Ran ANALYZE on the survey's tables so the planner knows them.")

    with CaptureQueriesContext(connection) as captured:
        first = refresh_statistics()
    timings = []
    for _round in range(ROUNDS):
        started = time.perf_counter()
        result = refresh_statistics()
        timings.append(time.perf_counter() - started)
    say(
        f"Refresh: {result.responses:,} responses -> {result.rows:,} statistics rows "
        f"in {len(captured.captured_queries)} queries (first run {first.seconds:.2f} s)"
    )
    say(
        f"  {ROUNDS} timed runs: median {statistics.median(timings):.2f} s, "
        f"min {min(timings):.2f} s, max {max(timings):.2f} s"
    )
    say(
        f"  shown: {RemedyStatistic.objects.filter(kind='treatment', helped_lower__isnull=False).count():,} cells "
        f"with a share, {RemedyStatistic.objects.filter(kind='treatment', helped_lower__isnull=True).count():,} "
        "with not enough answers yet"
    )
    say()
    pages(connection)
    say()
    explain(connection)


def ensure_large_data_set() -> None:
    from community.survey.demo import seed_survey
    from community.survey.models import Response
    from therapies.demo_data.seed import seed_knowledge_base

    seed_once(
        present=lambda: Response.objects.counted().count() >= WANTED_RESPONSES,
        steps=[
            functools.partial(seed_knowledge_base, scale="large", with_logins=False),
            functools.partial(seed_survey, scale="large", with_logins=False),
        ],
        what="Fewer than 50,000 counted responses",
    )
    from community.survey.followups.demo import LARGE_FOLLOW_UPS, seed_demo_follow_ups
    from community.survey.followups.models import FollowUp

    seed_once(
        present=lambda: FollowUp.objects.count() >= LARGE_FOLLOW_UPS,
        steps=[functools.partial(seed_demo_follow_ups, scale="large", with_logins=False)],
        what="Fewer than 100,000 follow-ups (issue 18)",
    )


def pages(connection) -> None:
    """Each statistics page once for a visitor: its queries (the same at any number of responses) and its time."""
    from django.db import reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    say(f"{'page':<46} {'queries':>7} {'median of 5':>12}")
    for path in PAGES:
        client.get(path)  # warm-up
        reset_queries()  # the query log is bounded: a full one would count nothing
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        timings = []
        for _round in range(5):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        say(f"{path:<46} {len(captured.captured_queries):>7} {statistics.median(timings):>9.1f} ms")


def explain(connection) -> None:
    """The plan of the refresh's biggest query: per condition, treatment, outcome and side effects, the members."""
    from django.db.models import Count

    from community.survey.models import Response, TreatmentReport

    query = (
        TreatmentReport.objects.filter(response__in=Response.objects.counted().values("pk"), treatment__isnull=False)
        .values_list("response__conditions__condition_id", "treatment_id", "outcome", "side_effects")
        .annotate(members=Count("response__member_id", distinct=True))
        .order_by()
    )
    sql, params = query.query.sql_with_params()
    prefix = "EXPLAIN (ANALYZE, BUFFERS)" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
    with connection.cursor() as cursor:
        cursor.execute(f"{prefix} {sql}", params)
        rows = cursor.fetchall()
    say("Plan of the grouped count of treatment reports:")
    for row in rows:
        say("  " + " ".join(str(part) for part in row))


if __name__ == "__main__":
    main()
