"""seed_demo is idempotent and creates demo logins only when asked to."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import override_settings

from portal.models import User
from portal.seed import DEMO_LOGINS, DEMO_PASSWORD


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_without_debug_it_creates_no_logins():
    output = seed()

    # The demo discussions' invented members exist, but none of them can log in.
    assert [user for user in User.objects.all() if user.has_usable_password()] == []
    assert "No demo logins created" in output


@pytest.mark.django_db
def test_with_demo_logins_it_creates_verified_accounts_in_their_roles_and_prints_them():
    output = seed("--demo-logins")

    can_log_in = [user for user in User.objects.all() if user.has_usable_password()]
    assert len(can_log_in) == len(DEMO_LOGINS) == 5
    for email, *_rest in DEMO_LOGINS:
        assert email in output
        assert EmailAddress.objects.get(email=email).verified
    assert DEMO_PASSWORD in output
    admin = User.objects.get(email="admin@demo.remedycommons.org")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    editor = User.objects.get(email="editor@demo.remedycommons.org")
    assert editor.is_staff and list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    moderator = User.objects.get(email="moderator@demo.remedycommons.org")
    assert list(moderator.groups.values_list("name", flat=True)) == ["Moderators"]
    members = [user for user in can_log_in if not user.is_staff]
    assert len(members) == 2


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_with_debug_on_it_creates_logins_and_running_it_again_changes_nothing():
    seed()
    before = list(User.objects.order_by("pk").values_list("pk", "email", "password"))

    seed()

    assert list(User.objects.order_by("pk").values_list("pk", "email", "password")) == before
    assert EmailAddress.objects.count() == 5
