"""A member's data in the knowledge base and the directory, for the account page's export and deletion
(portal/account_data.py; registered in `TherapiesConfig.ready`). Erasing writes through the actions."""

from __future__ import annotations

from typing import Any

from therapies.actions.listings import remove_member_from_directory
from therapies.actions.votes import withdraw_all_votes
from therapies.models import ListingRequest, Practitioner, TherapyConditionVote, TherapyVote


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
    withdraw_all_votes(user=user)


def export_directory_data(user) -> dict[str, Any]:
    requests = ListingRequest.objects.filter(submitted_by=user).select_related("practitioner").order_by("created_at")
    return {
        "requests": [
            {
                "kind": request.kind,
                "state": request.state,
                "listing": request.practitioner.name,
                "listing_url": request.practitioner.get_absolute_url() if request.practitioner.is_published else None,
                "sent": request.created_at.isoformat(),
                "message": request.message,
                "licence_number": request.licence_number,
                "work_email": request.work_email,
                "problem": request.problem,
                "changes": request.changes,
                "decided": request.decided_at.isoformat() if request.decided_at else None,
                "decision_note": request.decision_note,
            }
            for request in requests
        ],
        "listings_you_manage": [
            {"name": listing.name, "url": listing.get_absolute_url()}
            for listing in Practitioner.objects.filter(owner=user).only("name", "slug")
        ],
    }


def erase_directory_data(user, *, keep_contributions: bool = False) -> None:
    remove_member_from_directory(user=user)
