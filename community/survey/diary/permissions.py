"""Who may keep and read a diary: the member alone. One function per decision, for the pages, the API and the tasks."""

from __future__ import annotations

from django.utils.translation import gettext as _


def can_keep_diary(user) -> bool:
    """Any signed-in, active member, verified e-mail or not: a diary is private and shows nothing to anyone else, so
    it needs none of the checks that protect other members (unlike the survey, whose answers are counted)."""
    return bool(user.is_authenticated and user.is_active)


def diary_refusal(user) -> str | None:
    if not user.is_authenticated:
        return _("Please sign in to keep your diary.")
    if not user.is_active:
        return _("This account is closed.")
    return None


def can_read_entry(user, entry) -> bool:
    """Only the member who wrote it: no moderator, editor or administrator reads a diary entry."""
    return can_keep_diary(user) and entry.member_id == user.pk


def can_receive_reminders(user) -> bool:
    """E-mail goes only to a verified address, and never to a member who asked for no e-mail at all."""
    from portal.permissions import is_verified_member

    return is_verified_member(user) and getattr(user, "email_frequency", "") != "never"
