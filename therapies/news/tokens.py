"""The signed links in the news e-mails: confirm a follow (expires with the request) and stop it (never expires)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core import signing

from therapies.news.models import ConditionFollow

# An unconfirmed request, and its link, last this long; then the address is forgotten (tasks.py).
CONFIRM_WITHIN = timedelta(days=7)
_CONFIRM_SALT = "therapies.news.confirm"
_STOP_SALT = "therapies.news.stop"


def new_secret() -> str:
    """A follow's own secret, part of its signed links (a new follow of the same address gets a new one)."""
    return secrets.token_urlsafe(16)


def confirm_token(follow: ConditionFollow) -> str:
    return signing.dumps({"f": follow.pk, "s": follow.secret}, salt=_CONFIRM_SALT)


def stop_token(follow: ConditionFollow) -> str:
    return signing.dumps({"f": follow.pk, "s": follow.secret}, salt=_STOP_SALT)


def follow_to_confirm(token: str, *, condition_slug: str) -> ConditionFollow | None:
    """The still-open request a confirmation link is for, or None (tampered with, expired, or for another row)."""
    return _read(token, salt=_CONFIRM_SALT, max_age=CONFIRM_WITHIN, condition_slug=condition_slug)


def follow_to_stop(token: str, *, condition_slug: str) -> ConditionFollow | None:
    return _read(token, salt=_STOP_SALT, max_age=None, condition_slug=condition_slug)


def _read(token: str, *, salt: str, max_age, condition_slug: str) -> ConditionFollow | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # tampered with, made with another key, or expired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("f"), int) or not isinstance(data.get("s"), str):
        return None
    return (
        ConditionFollow.objects.select_related("condition", "member")
        .filter(pk=data["f"], secret=data["s"], condition__slug=condition_slug)
        .first()
    )
