"""Staff reach /admin/ only through allauth's log-in and only with two-factor set up."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth.models import Group

from tests.factories.members import PASSWORD


@pytest.fixture
def moderator(make_member):
    user = make_member(email="mod@example.org", display_name="Mod Mona", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def current_code(secret: str) -> str:
    counter = next(yield_hotp_counters_from_time())
    return f"{hotp_value(secret, counter):06d}"


def test_a_visitor_is_sent_to_the_site_log_in_not_the_admin_one(client, db):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert 'name="login"' in response.content.decode()


def test_a_staff_member_without_two_factor_is_sent_to_set_it_up(client, moderator):
    client.force_login(moderator)

    response = client.get("/admin/", follow=True)

    # Setting up two-factor first asks for the password again (allauth's re-authentication).
    assert response.redirect_chain[0][0] == "/accounts/2fa/totp/activate/"
    assert response.redirect_chain[-1][0] == "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    assert "Staff accounts need two-factor authentication" in response.content.decode()


def test_a_staff_member_without_two_factor_cannot_reach_any_admin_page(client, moderator):
    client.force_login(moderator)

    for path in ["/admin/portal/user/", "/admin/portal/rulesversion/add/", "/admin/auth/group/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_a_staff_member_logs_in_with_the_code_and_reaches_the_admin(client, moderator):
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)

    response = client.post("/accounts/login/?next=/admin/", {"login": "mod@example.org", "password": PASSWORD})
    # The password alone is not enough: allauth asks for the code.
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302

    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "Remedy Commons administration" in page.content.decode()


def test_a_member_who_is_not_staff_is_refused_by_the_admin(client, member):
    client.force_login(member)

    assert client.get("/admin/", follow=True).status_code == 403
