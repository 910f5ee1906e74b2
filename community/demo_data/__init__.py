"""The demo discussions as plain data, written for Remedy Commons: who the demo members are and what they said.

The members are invented, and so is every post: each speaks only of its author's own experience, never as advice.
`community.demo_data.seed` loads it and dates the posts relative to the day it first runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import dedent

from portal.demo import DEMO_EMAIL_DOMAIN

# A domain reserved for examples: no demo member can ever be mailed.
DEMO_DOMAIN = DEMO_EMAIL_DOMAIN
# Keys under which posts name the demo logins of `portal.seed`; threads they take part in need those logins.
LOGIN_EMAILS = {"member": f"member@{DEMO_DOMAIN}", "member2": f"member2@{DEMO_DOMAIN}"}


@dataclass(frozen=True)
class Member:
    key: str
    display_name: str
    joined_days_ago: int
    bio: str = ""

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class Flag:
    """An open report on a post: the member who filed it, the reason (a `Report.Reason` value) and their note."""

    reporter: str
    reason: str
    note: str


@dataclass(frozen=True)
class Say:
    """One post: the key of its author and its Markdown text, written indented in the data modules."""

    author: str
    body: str
    # Members (keys) who marked the post helpful.
    helpful: tuple[str, ...] = ()
    # A new member's post that waits for a moderator.
    pending: bool = False
    flag: Flag | None = None
    # When it was written, for posts that say "three weeks later"; by default a few hours after the one before.
    days_ago: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "body", dedent(self.body).strip())


@dataclass(frozen=True)
class Topic:
    """A thread: its forum (slug), title, when it was started, and its posts in order, the opening one first."""

    forum: str
    title: str
    days_ago: float
    posts: tuple[Say, ...]
    therapy: str = ""  # slug of the therapy it is about
    pinned: bool = False
    members_only: bool = False

    @property
    def people(self) -> set[str]:
        """Every member the thread names: authors, helpful markers and reporters."""
        keys = {say.author for say in self.posts}
        for say in self.posts:
            keys.update(say.helpful)
            if say.flag is not None:
                keys.add(say.flag.reporter)
        return keys
