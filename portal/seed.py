"""portal's part of the demo content: the demo logins, created only when asked for, and the demo accounts' flag."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.demo import DEMO_EMAIL_DOMAIN
from portal.models import User

DEMO_PASSWORD = "remedy-demo-2026"

DEMO_LOGINS = [
    # (e-mail, display name, role, staff, superuser, groups)
    (f"admin@{DEMO_EMAIL_DOMAIN}", "Ada Admin", "administrator", True, True, []),
    (f"editor@{DEMO_EMAIL_DOMAIN}", "Elif Editor", "editor", True, False, ["Editors"]),
    (f"moderator@{DEMO_EMAIL_DOMAIN}", "Moritz Moderator", "moderator", True, False, ["Moderators"]),
    (f"member@{DEMO_EMAIL_DOMAIN}", "NightWalker", "member", False, False, []),
    (f"member2@{DEMO_EMAIL_DOMAIN}", "SleeplessInLeeds", "member", False, False, []),
]


def seed_demo_logins(*, scale: str, stdout, with_logins: bool = False) -> None:
    if not with_logins:
        return
    for email, display_name, _role, is_staff, is_superuser, groups in DEMO_LOGINS:
        user = User.objects.filter(email=email).first()
        if user is None:
            # Joined well before the demo discussions start, so the demo members are not "new members" whose
            # posts wait for a moderator (the demo's invented new members show that path).
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                display_name=display_name,
                is_staff=is_staff,
                is_superuser=is_superuser,
                date_joined=timezone.now() - timedelta(days=90),
                demo=True,
            )
        user.groups.add(*Group.objects.filter(name__in=groups))
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for email, _name, role, is_staff, _su, _groups in DEMO_LOGINS:
        note = " — sets up two-factor on the first visit to /admin/" if is_staff else ""
        stdout.write(f"  {role:<14} {email}{note}")


def mark_demo_accounts(*, scale: str = "demo", stdout=None, with_logins: bool = False) -> None:
    """Every account at the reserved demo domain is a demo account, whichever step made it (the survey's
    synthetic members are written in bulk by a step that leaves the flag to this one)."""
    marked = User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}", demo=False).update(demo=True)
    if stdout is not None and marked:
        stdout.write(f"  Demo accounts flagged: {marked}")


def remove_demo_accounts(*, stdout) -> None:
    """Delete the demo accounts, with what only they had: survey answers, votes, requests, subscriptions."""
    mark_demo_accounts()
    count, _by_model = User.objects.filter(demo=True).delete()
    stdout.write(f"  Demo accounts and what hung from them: {count} rows")
