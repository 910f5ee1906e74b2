"""Rotating SECRET_KEY: the old key in SECRET_KEY_FALLBACKS keeps members signed in until it is dropped."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_secret_key_fallbacks
from tests.portal.test_settings_helpers import GOOD_KEY, settings_seen_with

OLD_KEY = GOOD_KEY
NEW_KEY = "Zr5!kLq8@Wn2#Vb7$Xm4%Tc9^Hy3&Pd6*Gf1(Js0)Ua5-Ne8+Ko2="
SESSION_ENGINES = ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cache"]


def test_fallbacks_are_a_comma_separated_list_and_none_by_default():
    assert env_secret_key_fallbacks(debug=False, environ={}) == []
    assert env_secret_key_fallbacks(debug=False, environ={"SECRET_KEY_FALLBACKS": f" {OLD_KEY} , {NEW_KEY},"}) == [
        OLD_KEY,
        NEW_KEY,
    ]


def test_a_weak_fallback_is_refused_by_its_position_without_printing_it():
    with pytest.raises(ImproperlyConfigured, match="key 2 is too weak") as refused:
        env_secret_key_fallbacks(debug=False, environ={"SECRET_KEY_FALLBACKS": f"{OLD_KEY},short-old-key"})

    assert "short-old-key" not in str(refused.value)
    assert env_secret_key_fallbacks(debug=True, environ={"SECRET_KEY_FALLBACKS": "short-old-key"}) == ["short-old-key"]


def test_the_settings_read_the_fallbacks_from_the_environment():
    seen = settings_seen_with({"SECRET_KEY": NEW_KEY, "SECRET_KEY_FALLBACKS": OLD_KEY}, "settings.SECRET_KEY_FALLBACKS")

    assert seen == repr([OLD_KEY])


@pytest.mark.parametrize("engine", SESSION_ENGINES)
def test_a_member_signed_in_under_the_old_key_stays_signed_in_while_it_is_a_fallback(client, member, settings, engine):
    settings.SESSION_ENGINE = engine
    settings.SECRET_KEY = OLD_KEY
    client.force_login(member)

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    response = client.get("/accounts/profile/")

    assert response.status_code == 200
    assert 'value="Quiet Night"' in response.content.decode()


@pytest.mark.parametrize("engine", SESSION_ENGINES)
def test_a_member_signed_in_under_the_old_key_is_signed_out_once_it_is_dropped(client, member, settings, engine):
    settings.SESSION_ENGINE = engine
    settings.SECRET_KEY = OLD_KEY
    client.force_login(member)

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []
    response = client.get("/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
