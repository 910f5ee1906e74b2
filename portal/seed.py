"""portal's part of the demo content: the demo logins, created only when asked for."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.models import User

DEMO_PASSWORD = "remedy-demo-2026"

DEMO_LOGINS = [
    # (e-mail, display name, role, staff, superuser, groups)
    ("admin@demo.remedycommons.org", "Ada Admin", "administrator", True, True, []),
    ("editor@demo.remedycommons.org", "Elif Editor", "editor", True, False, ["Editors"]),
    ("moderator@demo.remedycommons.org", "Moritz Moderator", "moderator", True, False, ["Moderators"]),
    ("member@demo.remedycommons.org", "NightWalker", "member", False, False, []),
    ("member2@demo.remedycommons.org", "SleeplessInLeeds", "member", False, False, []),
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
            )
        user.groups.add(*Group.objects.filter(name__in=groups))
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for email, _name, role, is_staff, _su, _groups in DEMO_LOGINS:
        note = " — sets up two-factor on the first visit to /admin/" if is_staff else ""
        stdout.write(f"  {role:<14} {email}{note}")
