"""Account flows that span several apps: exporting a member's data and deleting the account."""

from __future__ import annotations

import logging

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone

from portal import account_data
from portal.models import User

log = logging.getLogger(__name__)


def export_account_data(*, user: User) -> dict:
    """Everything the member gave us, section by section, ready for json.dumps."""
    return {
        "format": "remedy-commons-account-export/1",
        "exported_at": timezone.now().isoformat(),
        "sections": {section.key: section.export(user) for section in account_data.sections()},
    }


@transaction.atomic
def delete_account(*, user: User, keep_contributions: bool = False) -> None:
    """Let every app erase or anonymise what it holds, then remove the member for good."""
    user_id = user.pk
    for section in account_data.sections():
        if section.erase is not None:
            section.erase(user, keep_contributions=keep_contributions)
    user.delete()
    log.info("account %s deleted at the member's request", user_id)


def export_account_section(user: User) -> dict:
    """portal's own section: the profile, e-mail addresses and security settings (never secrets)."""
    return {
        "email": user.email,
        "display_name": user.display_name,
        "bio": user.bio,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "notification_preferences": {
            "replies": user.notify_on_replies,
            "mentions": user.notify_on_mentions,
            "email_frequency": user.email_frequency,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_factor_methods": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True).distinct()),
    }
