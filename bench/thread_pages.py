"""Requests per second of the discussion pages, served by gunicorn as in production, on the large data set.

    .venv/bin/python bench/thread_pages.py                      # PostgreSQL database remedy_bench, Redis db 15
    DATABASE_URL=... REDIS_URL=... .venv/bin/python bench/thread_pages.py

Measures, with `wrk` (Debian package "wrk") against gunicorn with 2 sync workers, DEBUG off and the
Redis cache: the first and the last page of the 10,000-post thread and a forum's thread list, for a visitor
(through the page cache) and for a signed-in member (rendered every time), plus the forum list.
See bench/README.md.
"""

from __future__ import annotations

import os
import shutil
import sys

from common import bare_view_figures, check_page, gunicorn, say, served_environment, setup_django, wrk

PORT = int(os.environ.get("BENCH_PORT", "8791"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")
WORKERS = os.environ.get("BENCH_WORKERS", "2")
# Page 1 of a 1,000-post thread in Spirit 0.14 with 2 gunicorn workers on this 2-core machine (the figure).
SPIRIT_THREAD_PAGE_RATE = 60


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    os.environ.update(served_environment(port=PORT, redis_db=15))
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # DEBUG off serves the hashed files
    thread, forum, cookie = prepare(call_command)
    last_page = (thread.post_count - 1) // 20 + 1
    pages = [
        ("forum list", "/community/"),
        ("forum thread list", f"/community/{forum.slug}/"),
        ("10,000-post thread, page 1", thread.get_absolute_url()),
        (f"10,000-post thread, page {last_page}", f"{thread.get_absolute_url()}?page={last_page}"),
    ]
    bare_rate = measure_bare_view()
    with gunicorn(port=PORT, workers=WORKERS):
        rows = []
        for label, path in pages:
            for who, headers in (("visitor", []), ("member", [f"Cookie: sessionid={cookie}"])):
                check_page(PORT, path, headers)
                rows.append((label, who, measure(path, headers)))
    say(f"\ngunicorn, {WORKERS} sync workers, DEBUG off, {os.environ['DATABASE_URL'].split('@')[-1]}, Redis cache;")
    say(f"wrk, {CONNECTIONS} connections, {DURATION} per row, on the same machine ({os.cpu_count()} cores)\n")
    say(f"  {'page':<30} {'who':<8} {'requests/s':>11} {'median':>9} {'p99':>9}")
    for label, who, (rate, median, p99) in rows:
        say(f"  {label:<30} {who:<8} {rate:>11,.0f} {median:>9} {p99:>9}")
    say(f"  {'bare Django view, 20 KB':<30} {'-':<8} {bare_rate[0]:>11,.0f} {bare_rate[1]:>9} {bare_rate[2]:>9}")
    # The targets: a member's thread page at 5x Spirit's 60/s, a visitor's at half the bare view.
    member_target, visitor_target = 5 * SPIRIT_THREAD_PAGE_RATE, bare_rate[0] / 2
    say(
        f"\ntargets: member pages >= {member_target:,.0f}/s (5 x Spirit's {SPIRIT_THREAD_PAGE_RATE}/s), "
        f"visitor pages >= {visitor_target:,.0f}/s (half the bare view)"
    )
    for label, who, (rate, _median, _p99) in rows:
        target = visitor_target if who == "visitor" else member_target
        say(f"  {label:<30} {who:<8} {rate / target:>6.0%} of target")


def prepare(call_command):
    """The large data set (seeded once), the 10,000-post thread, and a signed-in member's session cookie."""
    from allauth.account.models import EmailAddress
    from django.test import Client

    from community.demo_content import BENCHMARK_PREFIX
    from community.models import RulesAcceptance, Thread
    from portal.models import RulesVersion, User

    if not Thread.objects.filter(title__startswith=BENCHMARK_PREFIX).exists():
        say("Seeding the large data set once (about a minute)…")
        call_command("seed_demo", scale="large", verbosity=0)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh bulk inserts have no planner statistics and no visibility map (which index-only scans need) yet;
            # production's autovacuum keeps both.
            cursor.execute("VACUUM ANALYZE")
    thread = Thread.objects.filter(title__startswith=BENCHMARK_PREFIX).order_by("-post_count").first()
    member, _created = User.objects.get_or_create(
        email="bench-reader@bench.remedycommons.org", defaults={"display_name": "Bench Reader"}
    )
    EmailAddress.objects.update_or_create(user=member, email=member.email, defaults={"verified": True, "primary": True})
    if (rules := RulesVersion.objects.current()) is not None:
        RulesAcceptance.objects.get_or_create(member=member, rules=rules)
    client = Client()
    client.force_login(member)
    return thread, thread.forum, client.cookies["sessionid"].value


def measure_bare_view() -> tuple[float, str, str]:
    """Requests per second of bench/bare_view.py under the same gunicorn and wrk settings."""
    figures = bare_view_figures(port=PORT, workers=WORKERS, connections=CONNECTIONS, duration=DURATION)
    if figures.non_2xx:
        sys.exit(f"the bare view: some answers were not 2xx:\n{figures.output}")
    return figures.rate, figures.median, figures.p99


def measure(path: str, headers: list[str]) -> tuple[float, str, str]:
    url = f"http://127.0.0.1:{PORT}{path}"
    wrk(url, connections=CONNECTIONS, duration="2s", headers=headers)  # warm-up
    figures = wrk(url, connections=CONNECTIONS, duration=DURATION, headers=headers)
    if figures.non_2xx:
        sys.exit(f"{path}: some answers were not 2xx:\n{figures.output}")
    return figures.rate, figures.median, figures.p99


if __name__ == "__main__":
    main()
