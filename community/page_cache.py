"""The name `../shared/bench-peers/portal/seed.py` calls after seeding the peer benchmark's forum in bulk; pages are
kept per content generation now (portal/shared_pages.py, portal/generations.py)."""

from __future__ import annotations

from portal import generations


def changed(*, everything: bool) -> None:
    """Make the kept pages out of date (`everything`: all of them)."""
    if everything:
        generations.bump_everything()
