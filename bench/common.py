"""What the bench scripts share: Django set up against the project, seeding once, and how figures are printed.

The scripts run as `python bench/<name>.py`, so this module is importable as `common`.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
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
