"""The member's survey answers, tips and consent ledger in the data export, and what account deletion does."""

from __future__ import annotations

from community.survey import tasks
from community.survey.models import Consent, Response, Tip


def export_survey(user) -> dict:
    return {
        "responses": [
            {
                "survey": response.survey.slug,
                "version": response.survey.version,
                "status": response.status,
                "started": response.started_at.isoformat(),
                "submitted": response.submitted_at.isoformat() if response.submitted_at else None,
                "counted_with_newer_answers": response.superseded,
                "answers_sent": response.submitted_answers,
                "answers_saved": response.answers,
            }
            for response in Response.objects.filter(member=user).select_related("survey").order_by("started_at")
        ],
        "tips": [
            {"treatment": tip.treatment_name, "text": tip.text, "status": tip.status, "written": str(tip.created_on)}
            for tip in Tip.objects.filter(member=user).order_by("created_on", "pk")
        ],
        "consents": [
            {
                "purpose": consent.purpose,
                "text": consent.text,
                "granted": consent.granted_at.isoformat(),
                "withdrawn": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            }
            for consent in Consent.objects.filter(member=user).order_by("granted_at", "pk")
        ],
    }


def erase_survey(user, *, keep_contributions: bool = False) -> None:
    """Answers are never kept: everything goes, and the next statistics refresh no longer counts the member."""
    responses = Response.objects.filter(member=user)
    counted = responses.filter(status=Response.Status.SUBMITTED).exists()
    responses.delete()
    Tip.objects.filter(member=user).delete()
    Consent.objects.filter(member=user).delete()
    if counted:
        tasks.request_refresh()
