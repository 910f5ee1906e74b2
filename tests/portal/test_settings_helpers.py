"""The settings helpers refuse values they cannot understand, loudly."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import (
    env_bool,
    env_database,
    env_int,
    env_list,
    env_secret_key,
    env_url,
    parse_database_url,
)

BASE = Path("/srv/remedy")
GOOD_KEY = "q8#Vx2!mPz7@Lr4$Tn9^Kw3&Hs6*Jd1(Fb5)Gc0-Ye8+Ua2=Oi7_"


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("ON", True), ("0", False), ("no", False)])
def test_env_bool_reads_the_usual_spellings(raw, expected):
    assert env_bool("DEBUG", environ={"DEBUG": raw}) is expected


def test_env_bool_uses_the_default_only_when_unset():
    assert env_bool("DEBUG", False, environ={}) is False
    assert env_bool("DEBUG", True, environ={}) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "yes please"])
def test_env_bool_rejects_nonsense(raw):
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", environ={"DEBUG": raw})


def test_env_int_rejects_words_and_values_below_the_minimum():
    assert env_int("EMAIL_PORT", 587, environ={"EMAIL_PORT": "2525"}) == 2525
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("EMAIL_PORT", 587, environ={"EMAIL_PORT": "lots"})
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("EMAIL_PORT", 587, minimum=1, environ={"EMAIL_PORT": "0"})


def test_env_list_splits_on_commas_and_drops_blanks():
    assert env_list("ALLOWED_HOSTS", environ={"ALLOWED_HOSTS": " a.org, ,b.org,"}) == ["a.org", "b.org"]
    assert env_list("ALLOWED_HOSTS", ["x"], environ={}) == ["x"]


def test_env_url_wants_an_absolute_http_url():
    assert env_url("SITE_URL", environ={"SITE_URL": "https://remedy.example/"}) == "https://remedy.example"
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        env_url("SITE_URL", environ={"SITE_URL": "remedy.example"})


def test_secret_key_is_required_and_strong_when_debug_is_off():
    with pytest.raises(ImproperlyConfigured, match="must be set"):
        env_secret_key(debug=False, environ={})
    with pytest.raises(ImproperlyConfigured, match="too weak"):
        env_secret_key(debug=False, environ={"SECRET_KEY": "short"})
    with pytest.raises(ImproperlyConfigured, match="too weak"):
        env_secret_key(debug=False, environ={"SECRET_KEY": "django-insecure-" + GOOD_KEY})
    assert env_secret_key(debug=False, environ={"SECRET_KEY": GOOD_KEY}) == GOOD_KEY
    assert env_secret_key(debug=True, environ={}).startswith("django-insecure-")


def test_database_url_unset_means_sqlite_in_the_project():
    assert env_database(base_dir=BASE, environ={}) == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/srv/remedy/db.sqlite3",
    }


def test_database_url_for_postgres_keeps_connections_with_health_checks():
    config = env_database(
        base_dir=BASE, environ={"DATABASE_URL": "postgres://app:p%40ss@db.internal:6432/remedy?sslmode=require"}
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("remedy", "app", "p@ss")
    assert (config["HOST"], config["PORT"]) == ("db.internal", "6432")
    assert config["OPTIONS"] == {"sslmode": "require"}
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True


def test_database_url_for_sqlite_accepts_relative_and_absolute_paths():
    assert parse_database_url("sqlite:///local.db", base_dir=BASE)["NAME"] == "/srv/remedy/local.db"
    assert parse_database_url("sqlite:////tmp/x.db", base_dir=BASE)["NAME"] == "/tmp/x.db"


@pytest.mark.parametrize(
    "url", ["mysql://root@localhost/remedy", "postgres://localhost", "sqlite://", "postgres://h:notaport/db"]
)
def test_database_url_rejects_what_it_cannot_use(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database(base_dir=BASE, environ={"DATABASE_URL": url})


def test_bad_settings_stop_the_process_at_start_up():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={"PATH": "/usr/bin:/bin", "DEBUG": "sometimes"},
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG must be one of" in result.stderr


def settings_seen_with(env: dict, expression: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings", **env},
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_redis_url_moves_cache_and_sessions_to_redis():
    env = {"SECRET_KEY": GOOD_KEY, "REDIS_URL": "redis://127.0.0.1:6379/3"}

    seen = settings_seen_with(env, "settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE")

    assert seen == "portal.cache.RedisCache django.contrib.sessions.backends.cache"


def test_without_redis_sessions_stay_in_the_database_and_debug_is_off():
    seen = settings_seen_with({"SECRET_KEY": GOOD_KEY}, "settings.SESSION_ENGINE, settings.DEBUG, settings.TASKS")

    assert seen.startswith("django.contrib.sessions.backends.db False")
    assert "django_tasks_db.DatabaseBackend" in seen
