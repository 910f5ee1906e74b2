"""A registry of what each app keeps about a member, for the data export and for account deletion.

Each app registers one section in its AppConfig.ready(); `portal` never needs
to know the apps. A section exports JSON-ready data and, if it keeps data of
its own, removes it when the account is deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[..., None]


@dataclass(frozen=True)
class DataSection:
    key: str
    title: str
    # What the data page says this section holds and what deletion does to it.
    description: str
    export: Exporter
    # Called inside the deletion transaction with (user, keep_contributions=bool),
    # before the user row goes. None when deleting the user row is enough.
    erase: Eraser | None = None
    # True when the member may keep their public text under "deleted member".
    offers_keep_contributions: bool = False


_sections: dict[str, DataSection] = {}


def register(section: DataSection) -> None:
    if section.key in _sections and _sections[section.key] != section:
        raise ValueError(f"An account data section named {section.key!r} is already registered.")
    _sections[section.key] = section


def unregister(key: str) -> None:
    _sections.pop(key, None)


def sections() -> list[DataSection]:
    return list(_sections.values())
