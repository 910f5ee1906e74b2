"""The name `../shared/bench-peers/portal/seed.py` calls after seeding the peer benchmark's forum in bulk; pages are
kept per content generation now (portal/shared_pages.py, community/invalidation.py)."""

from __future__ import annotations

from community.invalidation import everything_changed


def changed(*, everything: bool) -> None:
    """Make the kept pages out of date (`everything`: all of them)."""
    if everything:
        everything_changed()
