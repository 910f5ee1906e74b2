"""What the bench scripts share: Django set up against the project, seeding once, how figures are printed, and
serving the site with gunicorn to measure it with wrk.

The scripts run as `python bench/<name>.py`, so this module is importable as `common`.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def setup_django(**defaults: str) -> None:
    """Django with portal.settings (DEBUG on unless set), plus any environment defaults the script names."""
    sys.path.insert(0, str(PROJECT))
    for name, value in {"DJANGO_SETTINGS_MODULE": "portal.settings", "DEBUG": "1", **defaults}.items():
        os.environ.setdefault(name, value)
    import django

    django.setup()


def create_database_if_missing() -> None:
    """Create the PostgreSQL database DATABASE_URL names, if it is not there yet (through the server's `postgres`
    database, with the same credentials)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import psycopg

    settings = connection.settings_dict
    credentials = {
        "host": settings["HOST"],
        "port": settings["PORT"] or None,
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **credentials) as server:
        if server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]).fetchone() is None:
            say(f"Creating the database {settings['NAME']}…")
            server.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(settings["NAME"])))


def seed_once(*, present: Callable[[], bool], steps: list[Callable[..., None]], what: str) -> None:
    """Run seed steps (each as `step(scale="large", stdout=…, with_logins=False)`, in its own transaction) unless
    `present()` says the data is there already."""
    from django.core.management.base import OutputWrapper
    from django.db import transaction

    if present():
        return
    say(f"{what}: seeding first…")
    stdout = OutputWrapper(sys.stdout)
    started = time.perf_counter()
    for step in steps:
        with transaction.atomic():
            step(stdout=stdout)
    say(f"Seeded in {time.perf_counter() - started:.1f} s.")
    say()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def describe_database(connection) -> str:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        return f"PostgreSQL {version} ({settings['NAME']} on {settings['HOST'] or 'local socket'})"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} ({Path(settings['NAME']).name})"
    return connection.vendor


# --- The site under gunicorn, measured with wrk (pages.py, load.py) ----------------------------------------


def served_environment(*, port: int, redis_db: int) -> dict[str, str]:
    """Production settings (DEBUG off, the database task queue) over plain HTTP on 127.0.0.1, with the bench database
    and a Redis database of the script's own, unless DATABASE_URL and REDIS_URL say otherwise."""
    return {
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/remedy_bench"),
        "REDIS_URL": os.environ.get("REDIS_URL", f"redis://127.0.0.1:6379/{redis_db}"),
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "LOG_LEVEL": "WARNING",
    }


@contextlib.contextmanager
def gunicorn(
    application: str = "portal.wsgi",
    *,
    port: int,
    workers: int | str,
    cwd: Path = PROJECT,
    environment: dict[str, str] | None = None,
    log_file: Path | None = None,
) -> Iterator[subprocess.Popen]:
    """gunicorn serving `application` on 127.0.0.1:port until the block ends — also on Ctrl-C or a SIGTERM to the
    script, so no server outlives the bench."""
    log = open(log_file, "w") if log_file else None  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), application, "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=cwd,
        env=environment or os.environ.copy(),
        start_new_session=True,  # its own process group: the master and its workers stop together
        stdout=log,
        stderr=subprocess.STDOUT if log else None,
    )  # fmt: skip
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        for _ in range(100):
            if server.poll() is not None:
                sys.exit(f"gunicorn stopped at start-up (exit code {server.returncode})")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start")
        yield server
    finally:
        signal.signal(signal.SIGTERM, previous)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        if log:
            log.close()


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def gunicorn_workers(server: subprocess.Popen) -> list[int]:
    """The process ids of the master's workers (Linux): the same list before and after shows none was restarted."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def fetch(port: int, path: str, headers: list[str] = (), *, timeout: float = 30) -> tuple[int, str]:
    """The status and body of a GET, errors included."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    for header in headers:
        name, value = header.split(": ", 1)
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def check_page(port: int, path: str, headers: list[str] = (), *, heading: str = "<h1") -> None:
    """Stop the bench unless `path` answers 200 with a page, a member's when a session cookie is sent, else a
    visitor's; an API answer (JSON) only needs the 200."""
    status, body = fetch(port, path, headers)
    if status != 200 or (heading not in body and not body.startswith("{")):
        sys.exit(f"{path} answered {status} without a page")
    if not body.startswith("{") and ("Sign out" in body) != any(h.startswith("Cookie: sessionid=") for h in headers):
        sys.exit(f"{path}: expected {'a member' if headers else 'a visitor'}'s page")


def bare_view_figures(*, port: int, workers: int | str, connections: int | str, duration: str) -> WrkFigures:
    """wrk against bench/bare_view.py (a startproject-style view returning 20 KB of HTML) under the same gunicorn:
    the yardstick for what this machine serves at the moment."""
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    with gunicorn("bare_view:application", port=port, workers=workers, cwd=PROJECT / "bench", environment=environment):
        check_page(port, "/", heading="<title>Bare")
        url = f"http://127.0.0.1:{port}/"
        wrk(url, connections=connections, duration="2s")  # warm-up
        return wrk(url, connections=connections, duration=duration)


def settle(port: int, *, longest: float = 60) -> None:
    """Wait until the server answers /healthz within 0.1 s: requests a finished wrk run left queued are done."""
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            fetch(port, "/healthz", timeout=longest)
        if time.monotonic() - started < 0.1:
            return
        time.sleep(0.2)


def cpu_seconds_by_program() -> dict[str, float]:
    """CPU time (user + system) used so far, summed by program name (gunicorn, postgres, redis-server, …): read
    before and after a run, the difference says where a request's CPU went.

    Each process counts with the time of its children that have ended (cutime, cstime): a PostgreSQL backend or a
    gunicorn worker that exits during the run then still counts, in its parent's figures. This script's own process
    is left out (its children are `wrk`, counted by the caller from its children's usage).
    """
    tick = os.sysconf("SC_CLK_TCK")
    totals: dict[str, float] = {}
    own = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        if stat.parent.name == own:
            continue
        try:
            text = stat.read_text()
        except OSError:
            continue  # the process ended
        name, fields = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
        # utime, stime, cutime and cstime are fields 14-17 of the line (11-14 after the name and state).
        name = "kworker" if name.startswith("kworker/") else name  # the kernel's workers, named by their task
        totals[name] = totals.get(name, 0.0) + sum(int(value) for value in fields[11:15]) / tick
    return totals


def cpu_per_request(before: dict[str, float], after: dict[str, float], requests: int) -> dict[str, float]:
    """Milliseconds of CPU a request cost each program between two readings of cpu_seconds_by_program()."""
    return {
        name: 1000 * (after.get(name, 0.0) - before.get(name, 0.0)) / max(requests, 1)
        for name in after
        if after.get(name, 0.0) - before.get(name, 0.0) > 0.005
    }


@dataclass
class WrkFigures:
    rate: float  # requests per second
    median: str  # as wrk prints them, e.g. "12.31ms"
    p99: str
    requests: int
    non_2xx: int  # wrk's "Non-2xx or 3xx responses"
    socket_errors: int  # connect, read, write and timeout errors together
    output: str
    # Milliseconds of CPU a request cost each program during the run (cpu_per_request), when measured.
    cpu: dict[str, float] = field(default_factory=dict)


def wrk(url: str, **options) -> WrkFigures:
    """One `wrk --latency` run and its figures; the options are wrk_command's."""
    return parse_wrk(subprocess.run(wrk_command(url, **options), capture_output=True, text=True, check=True).stdout)


def wrk_command(
    url: str,
    *,
    connections: int | str,
    duration: str,
    threads: int | str = 2,
    headers: list[str] = (),
    script: Path | None = None,
    script_args: list[str] = (),
    timeout: str | None = None,
) -> list[str]:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", "--latency"]
    if timeout:
        command.append(f"--timeout={timeout}")  # wrk counts a slower answer as a socket error (default 2 s)
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    return command


def parse_wrk(output: str) -> WrkFigures:
    def number(pattern: str) -> int:
        found = re.search(pattern, output)
        return int(found.group(1)) if found else 0

    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return WrkFigures(
        rate=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        median=re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1),
        p99=re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1),
        requests=number(r"(\d+) requests in"),
        non_2xx=number(r"Non-2xx or 3xx responses: (\d+)"),
        socket_errors=sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        output=output,
    )
