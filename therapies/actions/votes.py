"""Up and down votes on therapy pages: one per member per page, changeable and withdrawable.

Counters on the page move in the same transaction as the vote row, with F() expressions, so concurrent votes and
double submits never count twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from therapies.invalidation import vote_counted
from therapies.models import Therapy, TherapyCondition, TherapyConditionVote, TherapyVote

# The words the vote buttons and the API send, and the vote each casts.
VOTE_VALUES = {"up": 1, "down": -1, "withdraw": 0}


@dataclass(frozen=True)
class VoteTally:
    up: int
    down: int
    mine: int  # 1, -1, or 0 for no vote


@transaction.atomic
def cast_vote(*, user, target: Therapy | TherapyCondition, value: int) -> VoteTally:
    """Set the member's vote on `target` to 1 (up), -1 (down) or 0 (withdraw)."""
    if value not in (1, -1, 0):
        raise ValueError(f"A vote is 1, -1 or 0, not {value!r}.")
    # Lock the page row so that two requests of one member serialise here.
    type(target).objects.select_for_update().filter(pk=target.pk).values_list("pk").get()
    existing = target.votes.filter(user=user).first()
    old = existing.value if existing else 0
    if old != value:
        if value == 0:
            existing.delete()
        elif existing is None:
            target.votes.create(user=user, value=value)
        else:
            existing.value = value
            existing.save(update_fields=["value", "updated_at"])
        changes = {}
        if old == 1 or value == 1:
            changes["up_votes"] = F("up_votes") + (1 if value == 1 else -1)
        if old == -1 or value == -1:
            changes["down_votes"] = F("down_votes") + (1 if value == -1 else -1)
        type(target).objects.filter(pk=target.pk).update(**changes)
        vote_counted(target)
    up, down = type(target).objects.filter(pk=target.pk).values_list("up_votes", "down_votes").get()
    return VoteTally(up=up, down=down, mine=value)


@transaction.atomic
def withdraw_all_votes(*, user) -> None:
    """On account deletion: withdraw each of the member's votes, so the page counters stay true."""
    for vote_model in (TherapyVote, TherapyConditionVote):
        for vote in vote_model.objects.filter(user=user).select_related("target"):
            cast_vote(user=user, target=vote.target, value=0)
