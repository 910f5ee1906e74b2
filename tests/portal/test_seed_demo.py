"""seed_demo is idempotent, refuses a site with DEBUG off unless told it is a demonstration, flags every row it writes
as demo content, and creates demo logins (at a domain no mail reaches) only when asked to."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from community.models import Thread
from portal import demo
from portal.demo import DEMO_EMAIL_DOMAIN
from portal.models import User
from portal.seed import DEMO_LOGINS, DEMO_PASSWORD
from therapies.models import Condition, Practitioner, TherapyCondition


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_with_debug_off_it_refuses_without_demo_and_writes_nothing():
    with pytest.raises(CommandError) as refused:
        seed()

    assert "DEBUG is off" in str(refused.value) and "--demo" in str(refused.value)
    assert not User.objects.exists()
    assert not Condition.objects.exists()
    assert not demo.content_present()


@pytest.mark.django_db
def test_demo_logins_alone_do_not_get_past_the_refusal():
    with pytest.raises(CommandError):
        seed("--demo-logins")

    assert not User.objects.exists()


@pytest.mark.django_db
def test_with_demo_it_loads_the_demo_without_logins_and_says_so_on_every_page(client):
    output = seed("--demo")

    # The demo discussions' invented members exist, but none of them can log in.
    assert [user for user in User.objects.all() if user.has_usable_password()] == []
    assert "No demo logins created" in output
    assert demo.content_present()
    assert "This site shows demonstration content" in client.get("/").content.decode()


@pytest.mark.django_db
def test_every_row_it_writes_at_the_top_of_a_tree_is_flagged_as_demo_content():
    seed("--demo", "--demo-logins")

    for model in demo.demo_models():
        assert model.objects.exists(), model
        assert not model.objects.filter(demo=False).exists(), model
    assert TherapyCondition.objects.count() >= 15 and Practitioner.objects.count() >= 30
    assert Thread.objects.count() >= 20


@pytest.mark.django_db
def test_every_demo_account_has_an_address_at_the_reserved_domain():
    seed("--demo", "--demo-logins")

    addresses = [*User.objects.values_list("email", flat=True), *EmailAddress.objects.values_list("email", flat=True)]
    assert len(addresses) > 400
    assert all(address.endswith(f"@{DEMO_EMAIL_DOMAIN}") for address in addresses)
    assert DEMO_EMAIL_DOMAIN.endswith("example.org")  # reserved by RFC 2606: no mail is delivered there


@pytest.mark.django_db
def test_with_demo_logins_it_creates_verified_accounts_in_their_roles_and_prints_them():
    output = seed("--demo", "--demo-logins")

    can_log_in = [user for user in User.objects.all() if user.has_usable_password()]
    assert len(can_log_in) == len(DEMO_LOGINS) == 5
    for email, *_rest in DEMO_LOGINS:
        assert email in output
        assert EmailAddress.objects.get(email=email).verified
    assert DEMO_PASSWORD in output
    admin = User.objects.get(email=f"admin@{DEMO_EMAIL_DOMAIN}")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD) and admin.demo
    editor = User.objects.get(email=f"editor@{DEMO_EMAIL_DOMAIN}")
    assert editor.is_staff and list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    moderator = User.objects.get(email=f"moderator@{DEMO_EMAIL_DOMAIN}")
    assert list(moderator.groups.values_list("name", flat=True)) == ["Moderators"]
    members = [user for user in can_log_in if not user.is_staff]
    assert len(members) == 2


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_with_debug_on_it_creates_logins_and_running_it_again_changes_nothing():
    seed()
    before = list(User.objects.order_by("pk").values_list("pk", "email", "password", "demo"))

    seed()

    assert list(User.objects.order_by("pk").values_list("pk", "email", "password", "demo")) == before
    assert EmailAddress.objects.count() == 5
