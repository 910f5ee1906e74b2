"""Up and down votes on therapy pages: one per member per page, changeable and withdrawable.

Counters on the page move in the same transaction as the vote row, with F()
expressions, so concurrent votes and double submits never count twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from portal import generations
from therapies.models import Therapy, TherapyCondition, TherapyConditionVote, TherapyVote

VOTE_MODELS = {Therapy: TherapyVote, TherapyCondition: TherapyConditionVote}


def tally_scope(target: Therapy | TherapyCondition) -> str:
    """The page's tally in portal.generations, by the slugs of its address: what a vote makes out of date."""
    if isinstance(target, Therapy):
        return generations.tally("therapy", target.slug)
    return generations.tally("pair", f"{target.therapy.slug}.{target.condition.slug}")


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
    vote_model = VOTE_MODELS[type(target)]
    # Lock the page row so that two requests of one member serialise here.
    type(target).objects.select_for_update().filter(pk=target.pk).values_list("pk").get()
    existing = vote_model.objects.filter(user=user, target=target).first()
    old = existing.value if existing else 0
    if old != value:
        if value == 0:
            existing.delete()
        elif existing is None:
            vote_model.objects.create(user=user, target=target, value=value)
        else:
            existing.value = value
            existing.save(update_fields=["value", "updated_at"])
        changes = {}
        if old == 1 or value == 1:
            changes["up_votes"] = F("up_votes") + (1 if value == 1 else -1)
        if old == -1 or value == -1:
            changes["down_votes"] = F("down_votes") + (1 if value == -1 else -1)
        type(target).objects.filter(pk=target.pk).update(**changes)
        generations.bump(tally_scope(target))
    up, down = type(target).objects.filter(pk=target.pk).values_list("up_votes", "down_votes").get()
    return VoteTally(up=up, down=down, mine=value)


def my_vote(*, user, target: Therapy | TherapyCondition) -> int:
    if not user.is_authenticated:
        return 0
    vote_model = VOTE_MODELS[type(target)]
    return vote_model.objects.filter(user=user, target=target).values_list("value", flat=True).first() or 0


def export_votes(user) -> dict:
    return {
        "therapies": [
            {"therapy": slug, "vote": value}
            for slug, value in TherapyVote.objects.filter(user=user).values_list("target__slug", "value")
        ],
        "therapy_for_condition": [
            {"therapy": therapy, "condition": condition, "vote": value}
            for therapy, condition, value in TherapyConditionVote.objects.filter(user=user).values_list(
                "target__therapy__slug", "target__condition__slug", "value"
            )
        ],
    }


def erase_votes(user, *, keep_contributions: bool) -> None:
    """On account deletion, withdraw each vote so the page counters stay true."""
    for vote_model in VOTE_MODELS.values():
        for vote in vote_model.objects.filter(user=user).select_related("target"):
            cast_vote(user=user, target=vote.target, value=0)
