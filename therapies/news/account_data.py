"""A member's follows of conditions' news in their data export; they go with the account (the rows cascade)."""

from __future__ import annotations

from therapies.news.models import ConditionFollow


def export_condition_follows(user) -> list[dict]:
    """Every follow, with the consent sentence agreed to and when it was given and withdrawn (the ledger)."""
    return [
        {
            "condition": follow.condition.slug,
            "consent_text": follow.consent_text,
            "requested_at": follow.requested_at.isoformat(),
            "confirmed_at": follow.confirmed_at.isoformat() if follow.confirmed_at else None,
            "withdrawn_at": follow.withdrawn_at.isoformat() if follow.withdrawn_at else None,
            "digests_sent": [digest.sent_at.isoformat() for digest in follow.digests.all()],
        }
        for follow in ConditionFollow.objects.filter(member=user)
        .select_related("condition")
        .prefetch_related("digests")
        .order_by("requested_at")
    ]


def erase_condition_follows(user, *, keep_contributions: bool) -> None:
    """The follows go; the send log keeps that a digest went out, without whom it went to."""
    ConditionFollow.objects.filter(member=user).delete()
