"""Demo content: apps register seed steps that `manage.py seed_demo` runs in order, and the demo rows they write.

How a demo row is known: by a `demo` boolean column, set by the seed, on every model a step writes at the top of a
tree — accounts, conditions, therapies and their per-condition pages, references, acupoints, practitioner listings,
threads (each step names its models). What hangs below such a row (a thread's posts, a page's citations, a demo
member's survey answers and requests) goes with it by its foreign key. A flag rather than a registry table of what
the seed made: a page reads it with the row it shows anyway (a fictional reviewer, a demo listing, at no extra
query), the benchmark scale's bulk inserts write it in the same INSERT, and finding every demo row is one
`filter(demo=True)` a model. The seed never flags or overwrites a row it did not create: a real row with the same
natural key is left as it is. Demo accounts' addresses are at a reserved domain that receives no mail, and every
account there is flagged by the last step (the survey's synthetic members are written in bulk without the flag).

`seed_demo --remove` runs each step's `remove` in the reverse order of the steps, in one transaction: the demo rows
go, with their revision history, and nothing else (what a demo row holds of other people's, such as a reply in a
demo thread, goes with it). A demo reference or acupoint real content came to use stays, as real content; a real
page that belongs to a demo therapy or condition refuses the removal (`RemovalRefused`) rather than go with it.

Whether any demo row exists (`content_present`) decides the banner and `noindex` of every page. It is kept in the
cache, set by the seed and the removal and computed from the flags only when missing, so a request asks the
database nothing; both bump every content generation, so no page kept before is served after.

Each step must be idempotent: running seed_demo twice leaves the same data.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, models, transaction
from django.db.models import signals

from portal import generations

# Reserved for documentation (RFC 2606): no mail is ever delivered there.
DEMO_EMAIL_DOMAIN = "demo.example.org"
PRESENT_KEY = "demo:present"


@dataclass(frozen=True)
class SeedStep:
    name: str
    # Called as run(scale=..., stdout=..., with_logins=...); scale is "demo" or "large",
    # with_logins says whether demo accounts may be created (DEBUG or --demo-logins).
    run: Callable[..., None]
    order: int = 100
    # Called as remove(stdout=...) by `seed_demo --remove`: deletes what the step wrote with demo=True.
    remove: Callable[..., None] | None = None
    # The models ("app_label.Model") whose rows the step writes with demo=True.
    models: tuple[str, ...] = ()


class RemovalRefused(Exception):
    """Real content depends on a demo row in a way that removing it would destroy; the message says what."""


_steps: dict[str, SeedStep] = {}


def register(step: SeedStep) -> None:
    _steps[step.name] = step


def steps() -> list[SeedStep]:
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))


def demo_models() -> list[type[models.Model]]:
    return [apps.get_model(label) for step in steps() for label in step.models]


# --- Is there any? ---------------------------------------------------------------------------------------------------


def rows_exist() -> bool:
    """Whether any model holds a demo row: a query a model (on a partial index where tables grow), until one does."""
    return any(model._default_manager.filter(demo=True).exists() for model in demo_models())


def content_present() -> bool:
    """Whether the site shows demo content, from the cache; the flags are read only when the cache has no answer.

    While the cache is away the last answer this process read serves for a minute at a time, so that an outage
    does not add the flags' queries to every request.
    """
    global _last_read
    try:
        present = cache.get(PRESENT_KEY)
    except generations.CACHE_ERRORS:
        if _last_read is not None and time.monotonic() - _last_read[0] < CACHE_AWAY_SECONDS:
            return _last_read[1]
        present = _read_flags()
    else:
        if present is None:
            present = _read_flags()
            remember_presence(present)
    _last_read = (time.monotonic(), present)
    return present


CACHE_AWAY_SECONDS = 60
_last_read: tuple[float, bool] | None = None


def _read_flags() -> bool:
    try:
        return rows_exist()
    except DatabaseError:
        return False  # the database is away too: the request fails on its own (or is /healthz, which says so)


def remember_presence(present: bool) -> None:
    # For as long as the kept pages: an answer that went stale (an editor deleted the last demo row by hand) mends
    # itself within the hour, on the side of showing the banner.
    with contextlib.suppress(*generations.CACHE_ERRORS):
        cache.set(PRESENT_KEY, present, generations.KEEP_SECONDS)


# --- Removal ---------------------------------------------------------------------------------------------------------


def remove_demo_content(*, stdout) -> None:
    """Delete every demo row, in one transaction; then no page shows the banner, from the very next request."""
    with transaction.atomic(), deletes_without_receivers():
        for step in reversed(steps()):
            if step.remove is not None:
                stdout.write(f"Removing {step.name}…")
                step.remove(stdout=stdout)
        # Deletes in bulk send no signals here: no page kept before the removal may be served after it.
        generations.bump_everything()
    remember_presence(rows_exist())


@contextlib.contextmanager
def deletes_without_receivers() -> Iterator[None]:
    """Delete without the per-row receivers (kept pages' generations, revision history).

    The large scale's 100,000 posts would each ask their forum and bump the same generations, and every listing
    would leave a "deleted" revision behind; the removal bumps every generation once instead, and removes the
    demo rows' history itself. Without receivers Django also deletes dependent rows in bulk, not row by row.
    """
    saved = []
    for signal in (signals.pre_delete, signals.post_delete):
        with signal.lock:
            saved.append((signal, signal.receivers))
            signal.receivers = []
            signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers in saved:
            with signal.lock:
                signal.receivers = receivers
                signal.sender_receivers_cache.clear()


def delete_with_history(queryset: models.QuerySet, *, chunk: int = 5_000) -> int:
    """Delete the rows and every revision kept of them; returns how many rows went."""
    model = queryset.model
    ids = list(queryset.values_list("pk", flat=True))
    history = getattr(model, "history", None)
    for start in range(0, len(ids), chunk):
        some = ids[start : start + chunk]
        model._default_manager.filter(pk__in=some).delete()
        if history is not None:
            history.filter(**{f"{model._meta.pk.attname}__in": some}).delete()
    return len(ids)
