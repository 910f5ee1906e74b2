"""Browser journeys: Debian's Chromium, driven by Playwright, against a live gunicorn serving the demo content.

The server is a separate process on its own database (a fresh `<name>_browser` database beside DATABASE_URL's
on PostgreSQL, a temporary SQLite file otherwise), migrated and seeded with `seed_demo` once per run. The
tests see it only as a person would: pages, and the e-mails it writes to a folder.

Without Chromium or Playwright the tests are skipped, unless BROWSER_TESTS=require (as `.ci/run` sets it),
which turns the skip into a failure. A failing test leaves a screenshot and the page's HTML in
BROWSER_ARTIFACTS (default: test-results/browser/).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.browser import people

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", PROJECT / "test-results" / "browser"))
REQUIRED = os.environ.get("BROWSER_TESTS") == "require"


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed (make test installs requirements-dev.txt)"
    return None


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in item.nodeid]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    reason = _missing() if browser_items else None
    if reason is None:
        return
    if REQUIRED:
        raise pytest.UsageError(f"BROWSER_TESTS=require but the browser tests cannot run: {reason}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmp: Path) -> tuple[str, callable]:
    """A database of the server's own, and how to drop it afterwards."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'browser.sqlite3'}", lambda: None
    parts = urlsplit(base)
    # One database per pytest-xdist worker: each worker that runs browser tests starts a server of its own.
    name = f"{parts.path.lstrip('/') or 'remedy'}_browser{os.environ.get('PYTEST_XDIST_WORKER', '')}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))

    def psql(sql: str) -> None:
        subprocess.run(["psql", admin_url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True)

    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), lambda: psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class LiveSite:
    def __init__(self, url: str, mail_dir: Path, log: Path):
        self.url = url
        self.mail_dir = mail_dir
        self.log = log

    def __call__(self, path: str) -> str:
        return self.url + path

    def mail_to(self, address: str, *, after: float = 0.0, timeout: float = 15.0) -> str:
        """The newest e-mail to `address` written after the time `after` (the file's whole text)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [
                path
                for path in sorted(self.mail_dir.glob("*.log"), key=lambda path: path.stat().st_mtime)
                if path.stat().st_mtime >= after and f"To: {address}" in path.read_text()
            ]
            if found:
                return found[-1].read_text()
            if time.monotonic() > deadline:
                raise AssertionError(f"no e-mail to {address} arrived; server log: {self.log}")
            time.sleep(0.2)


@pytest.fixture(scope="session")
def live_site():
    if os.environ.get("BROWSER_SITE_URL"):
        # While writing a journey: reuse a server already running with the same settings (see server_settings.py).
        yield LiveSite(os.environ["BROWSER_SITE_URL"], Path(os.environ["BROWSER_MAIL_DIR"]), Path("/dev/null"))
        return
    tmp = Path(tempfile.mkdtemp(prefix="remedy-browser-"))
    mail_dir = tmp / "mail"
    mail_dir.mkdir()
    database_url, drop_database = _database_url(tmp)
    port = _free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(tmp)),
        "DJANGO_SETTINGS_MODULE": "tests.browser.server_settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "browser-tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "TASK_BACKEND": "immediate",
        "BROWSER_STATIC_ROOT": str(tmp / "static"),
        "BROWSER_MAIL_DIR": str(mail_dir),
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp / "server.log"
    python = sys.executable
    with open(log, "w") as out:
        for command in (
            ["migrate", "--no-input"],
            ["seed_demo", "--demo", "--demo-logins"],
            ["collectstatic", "--no-input"],
        ):
            subprocess.run([python, "manage.py", *command], cwd=PROJECT, env=env, stdout=out, stderr=out, check=True)
        server = subprocess.Popen(
            [str(Path(python).with_name("gunicorn")), "portal.wsgi", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", "1", "--threads", "4", "--timeout", "60"],
            cwd=PROJECT,
            env=env,
            stdout=out,
            stderr=out,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"the server stopped: {log.read_text()[-3000:]}") from None
                time.sleep(0.2)
        else:
            raise RuntimeError(f"the server did not answer: {log.read_text()[-3000:]}")
        yield LiveSite(url, mail_dir, log)
    finally:
        server.terminate()
        server.wait(timeout=20)
        drop_database()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def chromium():
    # Per module, not per session: Playwright's sync API keeps an event loop running in this thread while it is
    # started, and Django refuses database calls from a thread with a running loop; pytest-xdist may give this
    # worker database tests after a browser module.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(request, chromium, live_site):
    """new_page() opens a page in a fresh browser context (a person of their own); failures keep a screenshot."""
    pages = []

    def make():
        context = chromium.new_context(base_url=live_site.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        pages.append(page)
        return page

    yield make
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for number, page in enumerate(pages, start=1):
        if failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            stem = ARTIFACTS / f"{request.node.name}-{number}"
            try:
                page.screenshot(path=f"{stem}.png", full_page=True)
                Path(f"{stem}.html").write_text(page.content())
                sys.stderr.write(f"\nscreenshot of the failed journey: {stem}.png (page was {page.url})\n")
            except Exception as error:  # a crashed page must not hide the test's own failure
                sys.stderr.write(f"\nno screenshot for {stem}: {error}\n")
        page.context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def staff_secrets():
    """The TOTP secret each staff login set up during this run (the server keeps them; so must we)."""
    return {}


@pytest.fixture
def sign_in(live_site, staff_secrets):
    def sign_in(page, email: str, password: str = people.DEMO_PASSWORD) -> None:
        people.sign_in(page, email, password, staff_secrets=staff_secrets)

    return sign_in
