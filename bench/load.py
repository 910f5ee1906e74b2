"""Load and resilience: the whole site under gunicorn as in production, on the large data set, driven by wrk with
visitors and signed-in members over the main pages.

    .venv/bin/python bench/load.py            # the mix for 30 s, then each class of page alone for 8 s
    .venv/bin/python bench/load.py --outage   # the mix while PostgreSQL stops for 3 s; /healthz every 0.25 s

gunicorn runs 4 sync workers with DEBUG off, PostgreSQL database remedy_bench and Redis database 13 (unless
DATABASE_URL or REDIS_URL say otherwise); bench/load.lua picks the pages and counts the answers per class. The
outage run restarts the machine's PostgreSQL cluster: it waits (up to 10 minutes) for a moment when no test
database is in use. Not part of CI; see bench/README.md and bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import functools
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    PROJECT,
    WrkFigures,
    bare_view_figures,
    check_page,
    create_database_if_missing,
    fetch,
    gunicorn,
    gunicorn_workers,
    parse_wrk,
    say,
    seed_once,
    served_environment,
    settle,
    setup_django,
    wrk_command,
)

PORT = 8792
REDIS_DB = 13  # not 0, and not pages.py's 15
SCRIPT = PROJECT / "bench/load.lua"
# wrk's own default (2 s) would count a slow answer on this shared 2-core machine as a socket error; gunicorn gives
# up after 30 s, and the p99 column shows the slow end anyway.
WRK_TIMEOUT = "10s"
MEMBER_SHARE = 0.3  # of all requests, from the signed-in members below
MEMBERS = ["member@demo.example.org", "member2@demo.example.org", "moderator@demo.example.org"]
# Weights of the classes of page in the mix: reading threads and the knowledge base first, the heavy survey results
# page (every condition's figures at once) now and then.
CLASSES = {
    "home": 10,
    "condition": 10,
    "therapy": 10,
    "therapy-condition": 10,
    "directory-near": 8,
    "forum-list": 5,
    "thread-list": 10,
    "thread": 20,
    "search": 8,
    "survey-results": 2,
    "api": 7,
}
PLACES = ["London", "Portland, Oregon", "Berlin, Germany", "10001", "Toronto"]
QUERIES = ["acupuncture", "restless legs", "iron", "sleep hygiene", "magnesium", "acupunture", "warm bath", "yoga"]
PG_CLUSTER = ["15", "main"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", action="store_true", help="restart PostgreSQL during the mix (see above)")
    parser.add_argument("--duration", default="30s", help="of the mix (default 30s)")
    parser.add_argument("--class-duration", default="8s", help="of each class alone (default 8s)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--outage-seconds", type=float, default=3.0, help="between stop and start (default 3)")
    parser.add_argument("--outage-after", type=float, default=10.0, help="seconds into the mix (default 10)")
    parser.add_argument("--quiet-wait", type=int, default=600, help="longest wait for no test databases (s)")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")

    os.environ.update(served_environment(port=PORT, redis_db=REDIS_DB))
    # Every request of the mix comes from 127.0.0.1: the API's per-address limit would answer most of them 429.
    os.environ.update(API_THROTTLE_ANON="1000000/minute", API_THROTTLE_USER="1000000/minute")
    setup_django()
    say(prepare())
    pages = pages_by_class()
    if not options.outage:
        say(f"The bare Django view first (yardstick), load average before: {load_average()}")
        bare = bare_view_figures(port=PORT, workers=options.workers, connections=options.connections, duration="10s")
    log_file = Path(tempfile.gettempdir()) / "remedy-load-gunicorn.log"
    say(f"gunicorn's log: {log_file}")
    with (
        tempfile.TemporaryDirectory(prefix="remedy-load-") as scratch,
        gunicorn(port=PORT, workers=options.workers, log_file=log_file) as server,
    ):
        cookies = [log_in(email) for email in MEMBERS]
        plan = write_plan(Path(scratch) / "plan.tsv", pages, cookies)
        for path in (path for paths in pages.values() for path in paths):
            check_page(PORT, path)
            check_page(PORT, path, [f"Cookie: {cookies[0]}"])
        say(f"All {sum(map(len, pages.values()))} pages answer 200, to visitors and to members.\n")
        if options.outage:
            run_outage(server, plan, options)
        else:
            run_load(plan, options, bare)


def prepare() -> str:
    """The large data set (seeded once), the demo logins the mix signs in with, the static files, a cold cache;
    returns a line with the data set's sizes."""
    from django.core.cache import cache
    from django.core.management import call_command
    from django.core.management.base import OutputWrapper
    from django.db import connection

    from community.demo_data.seed import BENCHMARK_PREFIX
    from community.models import Post, Thread
    from community.survey.models import Response
    from portal import demo
    from portal.models import User
    from portal.seed import seed_demo_logins
    from therapies.models import Condition, Practitioner, Therapy, TherapyCondition

    create_database_if_missing()
    call_command("migrate", verbosity=0, interactive=False)
    seed_once(
        present=Thread.objects.filter(title__startswith=BENCHMARK_PREFIX).exists,
        steps=[functools.partial(step.run, scale="large", with_logins=False) for step in demo.steps()],
        what="No large data set yet (about three minutes)",
    )
    # Idempotent; a bench database on this machine only, never a public site.
    seed_demo_logins(scale="large", stdout=OutputWrapper(open(os.devnull, "w")), with_logins=True)  # noqa: SIM115
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh bulk inserts have no planner statistics and no visibility map yet (so no index-only scans), and
            # the counters' updates left dead rows: production's autovacuum sees to all three, but this machine's
            # PostgreSQL runs with autovacuum off (CI's conf.d/90-ci.conf), so the bench does it.
            cursor.execute("VACUUM (ANALYZE)")
    call_command("collectstatic", verbosity=0, interactive=False)  # DEBUG off serves the hashed files
    cache.clear()  # Redis database 13 is the bench's own: no pages or sessions of an earlier run
    sizes = {
        "conditions": Condition.objects.count(),
        "therapies": Therapy.objects.count(),
        "therapy-for-condition pages": TherapyCondition.objects.count(),
        "practitioners": Practitioner.objects.count(),
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
        "members": User.objects.count(),
        "survey responses": Response.objects.count(),
    }
    connection.close()
    return "Data set: " + ", ".join(f"{count:,} {name}" for name, count in sizes.items())


def pages_by_class() -> dict[str, list[str]]:
    """Real addresses of each class of page: the demo's conditions and therapies, busy forums, threads of every
    length but the 10,000-post one (bench/pages.py has it), searches by place and by word."""
    from django.db import connection

    from community.models import Forum, Thread
    from therapies.models import Condition, Therapy, TherapyCondition

    forums = Forum.objects.listed().order_by("-thread_count")[:6]
    threads = list(
        Thread.objects.visible()
        .filter(members_only=False, forum__in=Forum.objects.listed(), post_count__lt=1_000)
        .select_related("forum")
        .order_by("pk")
    )
    pages = {
        "home": ["/"],
        "condition": [c.get_absolute_url() for c in Condition.objects.published().order_by("pk")[:10]],
        "therapy": [t.get_absolute_url() for t in Therapy.objects.published().order_by("pk")[:12]],
        "therapy-condition": [
            tc.get_absolute_url()
            for tc in TherapyCondition.objects.published().select_related("therapy", "condition").order_by("pk")[:19]
        ],
        "directory-near": [f"/practitioners/?{urllib.parse.urlencode({'near': p, 'radius': 25})}" for p in PLACES],
        "forum-list": ["/community/"],
        "thread-list": [forum.get_absolute_url() for forum in forums],
        "thread": [thread.get_absolute_url() for thread in threads[:: max(1, len(threads) // 40)][:40]],
        "search": [f"/search/?{urllib.parse.urlencode({'q': q})}" for q in QUERIES],
        "survey-results": ["/survey/results/"],
        "api": ["/api/v1/therapies/", "/api/v1/conditions/", "/api/v1/threads/", "/api/v1/practitioners/?near=London"],
    }
    connection.close()
    assert pages.keys() == CLASSES.keys()
    return pages


def log_in(email: str, *, port: int = PORT) -> str:
    """Sign in through allauth's form as a member would, and return the cookies their browser then sends: the session
    and the CSRF token (kept for a year), as one `Cookie` header value. Without the token every page with a form
    would make a new one, which a member's browser does only on its first visit (../shared/bench-peers/ sends both)."""
    from portal.seed import DEMO_PASSWORD

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = f"http://127.0.0.1:{port}/accounts/login/"
    form = opener.open(login_url, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": email, "password": DEMO_PASSWORD})
    opener.open(urllib.request.Request(login_url, data=data.encode(), headers={"Referer": login_url}), timeout=30)
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        sys.exit(f"could not sign in as {email}")
    # The session first: common.check_page tells members' requests by it.
    return "; ".join(f"{name}={cookies[name]}" for name in ("sessionid", "csrftoken") if name in cookies)


def write_plan(path: Path, pages: dict[str, list[str]], cookies: list[str]) -> Path:
    lines = [f"members\t{MEMBER_SHARE}", *(f"cookie\t{cookie}" for cookie in cookies)]
    for name, weight in CLASSES.items():
        lines.append(f"class\t{name}\t{weight}")
        lines += [f"path\t{name}\t{page}" for page in pages[name]]
    path.write_text("\n".join(lines) + "\n")
    return path


# --- The load run ------------------------------------------------------------------------------------------------


@dataclass
class Mix:
    """One wrk run of bench/load.lua: wrk's own figures and the script's counts."""

    figures: WrkFigures
    seconds: float  # as wrk measured the run
    # (class, who) -> [answers, non-2xx, members' pages without "Sign out"]
    counts: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    # second since the epoch -> [answers, non-2xx]
    timeline: dict[int, list[int]] = field(default_factory=dict)
    # status code of the non-2xx answers -> how many
    statuses: dict[int, int] = field(default_factory=dict)

    @classmethod
    def parse(cls, output: str) -> Mix:
        mix = cls(parse_wrk(output), float(re.search(r"requests in ([\d.]+)s", output).group(1)))
        columns = {"answers": 0, "non-2xx": 1, "signed out": 2}
        for line in output.splitlines():
            if not line.startswith("@\t"):
                continue
            *key, column, count = line.split("\t")[1:]
            if key[0] == "status":
                mix.statuses[int(key[1])] = int(count)
            elif key[0] == "second":
                mix.timeline.setdefault(int(key[1]), [0, 0])[columns[column]] = int(count)
            else:
                mix.counts.setdefault((key[0], key[1]), [0, 0, 0])[columns[column]] = int(count)
        return mix

    def per_class(self, name: str) -> list[int]:
        rows = [counts for (kind, _who), counts in self.counts.items() if kind == name]
        return [sum(column) for column in zip(*rows, strict=True)] if rows else [0, 0, 0]


def run_mix(plan: Path, *, duration: str, connections: int, only: str | None = None) -> Mix:
    command = wrk_command(
        f"http://127.0.0.1:{PORT}",
        threads=connections,  # one connection per wrk thread: see bench/load.lua
        connections=connections,
        duration=duration,
        script=SCRIPT,
        timeout=WRK_TIMEOUT,
        script_args=[str(plan), *([only] if only else [])],
    )
    return Mix.parse(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def run_load(plan: Path, options, bare: WrkFigures) -> None:
    say(f"Warming up (5 s)… load average before: {load_average()}")
    run_mix(plan, duration="5s", connections=options.connections)
    settle(PORT)
    say(f"The mix ({options.duration}), load average before: {load_average()}")
    mix = run_mix(plan, duration=options.duration, connections=options.connections)
    alone = {}
    for name in CLASSES:
        settle(PORT)  # the previous run's queued requests would slow this one down
        alone[name] = (
            os.getloadavg()[0],
            run_mix(plan, duration=options.class_duration, connections=options.connections, only=name),
        )

    say(f"\ngunicorn, {options.workers} sync workers, DEBUG off, {os.environ['DATABASE_URL'].split('@')[-1]}, Redis;")
    say(
        f"wrk, {options.connections} connections, {MEMBER_SHARE:.0%} of requests from {len(MEMBERS)} signed-in "
        f"members, on the same machine ({os.cpu_count()} cores)\n"
    )
    figures = mix.figures
    say(
        f"The mix, {mix.seconds:.1f} s: {figures.rate:,.1f} requests/s, median {figures.median}, p99 {figures.p99}, "
        f"{figures.requests:,} requests, {figures.non_2xx} non-2xx, {figures.socket_errors} socket errors\n"
    )
    say(
        f"  {'class':<18} {'weight':>6} | {'in the mix':>10} {'req/s':>7} {'non-2xx':>7} {'signed out':>10} | "
        f"{'alone req/s':>11} {'median':>9} {'p99':>9} {'non-2xx':>7} {'sock.err':>8} {'load':>5}"
    )
    for name, weight in CLASSES.items():
        answers, non_2xx, signed_out = mix.per_class(name)
        load, own = alone[name]
        own_non_2xx = own.figures.non_2xx
        say(
            f"  {name:<18} {weight:>6} | {answers:>10,} {answers / mix.seconds:>7.1f} {non_2xx:>7} {signed_out:>10} | "
            f"{own.figures.rate:>11.1f} {own.figures.median:>9} {own.figures.p99:>9} {own_non_2xx:>7} "
            f"{own.figures.socket_errors:>8} {load:>5.2f}"
        )
    for who in ("visitor", "member"):
        answers = sum(counts[0] for (_kind, reader), counts in mix.counts.items() if reader == who)
        say(f"  {who + 's in the mix':<18} {'':>6} | {answers:>10,} {answers / mix.seconds:>7.1f}")
    say(
        f"  {'bare Django view':<18} {'':>6} | {'':>10} {'':>7} {'':>7} {'':>10} | {bare.rate:>11.1f} "
        f"{bare.median:>9} {bare.p99:>9} {bare.non_2xx:>7} {bare.socket_errors:>8}"
    )
    failures = (
        figures.non_2xx
        + figures.socket_errors
        + sum(
            own.figures.non_2xx + own.figures.socket_errors + sum(c[2] for c in own.counts.values())
            for _load, own in alone.values()
        )
        + sum(c[2] for c in mix.counts.values())
    )
    if failures:
        sys.exit(f"\n{failures} failed requests (non-2xx, socket errors or members' pages signed out): see above")


# --- The outage run ----------------------------------------------------------------------------------------------


@dataclass
class Poll:
    at: float  # when the answer came, in seconds since the mix started
    status: int | None  # None: no answer within 2 s
    body: str


def run_outage(server, plan: Path, options) -> None:
    wait_for_quiet(options.quiet_wait)
    workers_before = gunicorn_workers(server)
    say(f"gunicorn workers {workers_before}; load average before: {load_average()}")
    duration = float(options.duration.rstrip("s"))
    events: list[tuple[float, str]] = []
    worker_log = Path(tempfile.gettempdir()) / "remedy-load-worker.log"
    say(f"A task worker runs beside gunicorn; its log: {worker_log}")
    with open(worker_log, "w") as log:
        task_worker = subprocess.Popen(
            [str(PROJECT / ".venv/bin/python"), "manage.py", "db_worker", "--no-startup-delay"],
            cwd=PROJECT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    started = time.monotonic()
    started_epoch = time.time()
    wrk_process = subprocess.Popen(
        wrk_command(
            f"http://127.0.0.1:{PORT}",
            threads=options.connections,
            connections=options.connections,
            duration=options.duration,
            script=SCRIPT,
            timeout=WRK_TIMEOUT,
            script_args=[str(plan)],
        ),
        stdout=subprocess.PIPE,
        text=True,
    )

    def run(action: str) -> None:
        events.append((time.monotonic() - started, f"pg_ctlcluster {action} called"))
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *PG_CLUSTER, action], check=True)
        events.append((time.monotonic() - started, f"pg_ctlcluster {action} returned"))

    def restart_postgresql() -> None:
        time.sleep(options.outage_after)
        run("stop")
        try:
            time.sleep(options.outage_seconds)
        finally:
            run("start")  # whatever happens to the script meanwhile: other people's tests need the server

    restarter = threading.Thread(target=restart_postgresql)
    restarter.start()
    polls: list[Poll] = []
    worker_exit: tuple[float, int] | None = None
    try:
        while time.monotonic() - started < duration + 1:
            sent = time.monotonic() - started
            try:
                status, body = fetch(PORT, "/healthz", timeout=2)
            except OSError as error:
                status, body = None, str(error)
            at = time.monotonic() - started
            polls.append(Poll(at, status, body.strip()))
            if worker_exit is None and task_worker.poll() is not None:
                worker_exit = (at, task_worker.returncode)
                events.append((at, f"the task worker exited (code {task_worker.returncode})"))
            time.sleep(max(0.0, 0.25 - (time.monotonic() - started - sent)))
        output, _errors = wrk_process.communicate(timeout=60)
    finally:
        if wrk_process.poll() is None:
            wrk_process.kill()
        restarter.join()
        if task_worker.poll() is None:
            os.killpg(task_worker.pid, signal.SIGTERM)
            task_worker.wait(timeout=30)
    if worker_exit is None:
        say("The task worker kept running through the outage.")
    else:
        say(
            f"The task worker exited at t={worker_exit[0]:.2f} s with code {worker_exit[1]} (see its log); "
            "in production systemd restarts it (Restart=always)."
        )
    workers_after = gunicorn_workers(server)
    report_outage(Mix.parse(output), polls, events, started_epoch, workers_before, workers_after)


def wait_for_quiet(longest: int) -> None:
    """Wait (polling every 30 s, at most `longest` seconds) for a moment when no test database is in use: the
    restart breaks every open connection on the machine's PostgreSQL, other people's test runs included."""
    waited = 0
    while True:
        active = test_databases_in_use()
        say(f"Test databases in use: {active or 'none'}")
        if not active or waited >= longest:
            return
        time.sleep(30)
        waited += 30


def test_databases_in_use() -> dict[str, int]:
    query = "select datname, count(*) from pg_stat_activity where datname like 'test_%' group by 1"
    output = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", query], capture_output=True, text=True, check=True
    ).stdout
    return {name: int(count) for name, count in (line.split("|") for line in output.splitlines() if line)}


def report_outage(mix: Mix, polls: list[Poll], events, started_epoch: float, workers_before, workers_after) -> None:
    say("\n/healthz every 0.25 s (t in seconds since the mix started; repeats folded):")
    timeline = sorted(
        [(poll.at, "poll", poll) for poll in polls] + [(at, "event", text) for at, text in events],
        key=lambda item: item[0],
    )
    run: list[Poll] = []

    def flush() -> None:
        if run:
            span = f"{run[0].at:6.2f}" + (f"–{run[-1].at:6.2f}" if len(run) > 1 else " " * 7)
            polls = f"{len(run)} poll" + ("s" if len(run) > 1 else "")
            say(f"  t={span}  {run[0].status or 'no answer'}  {compact(run[0].body)}  ({polls})")
            run.clear()

    for _at, kind, item in timeline:
        if kind == "event":
            flush()
            say(f"  t={_at:6.2f}         ── {item}")
        elif run and (item.status, item.body) != (run[0].status, run[0].body):
            flush()
            run.append(item)
        else:
            run.append(item)
    flush()

    say("\nAnswers to the mix per second (wrk, bench/load.lua; t=n is the second from n to n+1, roughly):")
    first_second = int(started_epoch)
    for second in sorted(mix.timeline):
        answers, non_2xx = mix.timeline[second]
        say(f"  t={second - first_second:>3} s  {answers:>5} answers  {non_2xx:>4} non-2xx")
    failed_seconds = [second - first_second for second, (_a, non_2xx) in mix.timeline.items() if non_2xx]

    stop_at = next(at for at, text in events if text.endswith("stop called"))
    start_returned = next(at for at, text in events if text.endswith("start returned"))
    failing = [poll for poll in polls if poll.status not in (200, None)]
    unanswered = [poll for poll in polls if poll.status is None]
    recovered = next((poll for poll in polls if failing and poll.at > failing[-1].at and poll.status == 200), None)
    # The seconds (wrk counts by whole seconds) that overlap the outage, with a second's margin each side.
    window = (stop_at - 1, start_returned + 1)
    errors_in = sum(
        non_2xx
        for second, (_answers, non_2xx) in mix.timeline.items()
        if second - started_epoch + 1 > window[0] and second - started_epoch < window[1]
    )
    errors_out = sum(non_2xx for _answers, non_2xx in mix.timeline.values()) - errors_in
    say("\nSummary:")
    say(
        f"  PostgreSQL stopped at t={stop_at:.2f} s, back (start returned) at t={start_returned:.2f} s: "
        f"{start_returned - stop_at:.1f} s down"
    )
    if failing:
        statuses = ", ".join(sorted({str(poll.status) for poll in failing}))
        span = f"from t={failing[0].at:.2f} to t={failing[-1].at:.2f} s"
        say(f"  /healthz answered {statuses} {span} ({len(failing)} polls)")
    else:
        say("  /healthz answered 200 throughout")
    for poll in unanswered:
        say(f"  /healthz gave no answer within 2 s at t={poll.at:.2f} s (all four workers busy)")
    if recovered:
        say(
            f"  first /healthz 200 after the outage at t={recovered.at:.2f} s "
            f"({recovered.at - start_returned:+.2f} s after start returned)"
        )
    say(f"  non-2xx answers to the mix: {errors_in} while PostgreSQL was down (±1 s), {errors_out} outside")
    if failed_seconds:
        say(f"  non-2xx answers in the seconds t={min(failed_seconds)}–{max(failed_seconds)} only")
    codes = ", ".join(f"{count} × {code}" for code, count in sorted(mix.statuses.items()))
    if codes:
        say(f"  non-2xx status codes: {codes}")
    say(
        f"  wrk: {mix.figures.requests:,} requests, {mix.figures.non_2xx} non-2xx, "
        f"{mix.figures.socket_errors} socket errors"
    )
    for (kind, who), (answers, non_2xx, _signed_out) in sorted(mix.counts.items()):
        if non_2xx:
            say(f"    {kind:<18} {who:<8} {non_2xx:>4} non-2xx of {answers:,}")
    same = "the same workers" if workers_before == workers_after else "WORKERS CHANGED"
    say(f"  gunicorn workers before {workers_before}, after {workers_after}: {same} (gunicorn was not restarted)")
    if errors_out or mix.figures.socket_errors or (failing and not recovered):
        sys.exit("errors outside the outage, socket errors, or no recovery: see above")


def compact(body: str) -> str:
    try:
        return json.dumps(json.loads(body), separators=(", ", ": "))
    except ValueError:
        return body[:80]


def load_average() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


if __name__ == "__main__":
    main()
