"""The eight personas of the permission matrix, and a small world for them to act in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from rest_framework.authtoken.models import Token

from community import actions
from community.models import Forum, Post, Suspension, Thread
from community.survey.models import Survey
from portal.models import User
from tests.community.conftest import (  # noqa: F401  (fixtures)
    forum,
    make_long_thread,
    make_poster,
    make_thread,
    moderator,
    new_member,
    poster,
    suspended_member,
)
from tests.therapies.conftest import (  # noqa: F401  (fixtures)
    make_condition,
    make_page,
    make_practitioner,
    make_therapy,
)
from therapies.models import Practitioner, Therapy, TherapyCondition

# Who acts, from least to most trusted; "visitor" is nobody signed in.
PERSONAS = (
    "visitor",
    "member",
    "new_member",
    "suspended_member",
    "practitioner_owner",
    "editor",
    "moderator",
    "administrator",
)
SIGNED_IN = frozenset(PERSONAS) - {"visitor"}


@dataclass
class World:
    """What the personas act on; `users` maps each persona to its account (None for the visitor)."""

    users: dict[str, User | None]
    forum: Forum
    thread: Thread  # a stranger's visible thread
    post: Post  # a stranger's visible reply in it
    own_post: Post  # the member's own recent post, in a thread of its own
    therapy: Therapy
    page: TherapyCondition
    owned_listing: Practitioner  # the practitioner owner's listing
    open_listing: Practitioner  # a published listing nobody owns
    survey: Survey


@pytest.fixture
def personas(make_poster) -> dict[str, User | None]:  # noqa: F811
    """Every persona but the visitor has a verified address and accepted the rules; staff are established."""
    users: dict[str, User | None] = {"visitor": None}
    users["member"] = make_poster(display_name="Mira Member")
    users["new_member"] = make_poster(established=False, display_name="Nina Newcomer")
    users["suspended_member"] = make_poster(display_name="Sid Suspended")
    Suspension.objects.create(
        member=users["suspended_member"], until=timezone.now() + timedelta(days=3), reason="Insults in a thread"
    )
    users["practitioner_owner"] = make_poster(display_name="Otto Owner")
    users["editor"] = make_poster(display_name="Edda Editor", is_staff=True)
    users["editor"].groups.add(Group.objects.get(name="Editors"))
    users["moderator"] = make_poster(display_name="Moe Moderator", is_staff=True)
    users["moderator"].groups.add(Group.objects.get(name="Moderators"))
    users["administrator"] = make_poster(display_name="Ada Admin", is_staff=True, is_superuser=True)
    return users


@pytest.fixture
def world(db, personas, forum, make_poster, make_therapy, make_condition, make_page, make_practitioner):  # noqa: F811
    stranger = make_poster(display_name="Stella Stranger")
    thread, _first = actions.start_thread(author=stranger, forum=forum, title="Evenings with RLS", body="Stretching.")
    post = actions.reply(author=make_poster(display_name="Rolf Replier"), thread=thread, body="A warm bath helps me.")
    _own_thread, own_post = actions.start_thread(
        author=personas["member"], forum=forum, title="My own question", body="Does magnesium help?"
    )
    therapy = make_therapy(name="Acupuncture")
    page = make_page(therapy=therapy, condition=make_condition(name="Restless legs syndrome"))
    owned = make_practitioner(name="Otto Owner Clinic", owner=personas["practitioner_owner"])
    open_listing = make_practitioner(name="Unclaimed Clinic")
    for user in personas.values():
        if user is not None:
            Token.objects.create(user=user)
    return World(
        users=personas,
        forum=forum,
        thread=thread,
        post=post,
        own_post=own_post,
        therapy=therapy,
        page=page,
        owned_listing=owned,
        open_listing=open_listing,
        survey=Survey.objects.current(),
    )
