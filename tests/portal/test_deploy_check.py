"""With production-like variables, Django's deployment checklist has nothing to say, the settings are the secure
ones, and a real response over HTTPS carries HSTS and secure cookies."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.factories.members import PASSWORD
from tests.portal.test_settings_helpers import GOOD_KEY

PROJECT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "remedy.example",
    "CSRF_TRUSTED_ORIGINS": "https://remedy.example",
    "SITE_URL": "https://remedy.example",
    "DATABASE_URL": "sqlite:////tmp/remedy-deploy-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.remedy.example",
}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        capture_output=True,
        text=True,
        cwd=PROJECT,
    )


def test_check_deploy_is_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_complains_when_debug_is_left_on():
    result = run_manage("check", "--deploy", env={**PRODUCTION, "DEBUG": "1"})

    assert "security.W018" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


# --- What the production settings are, and what a real response over HTTPS carries under them ------------------------

SECURITY_SETTINGS = [
    "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE", "SECURE_SSL_REDIRECT", "SECURE_REDIRECT_EXEMPT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY", "X_FRAME_OPTIONS", "ALLAUTH_TRUSTED_PROXY_COUNT", "PASSWORD_HASHERS",
]  # fmt: skip


def production_settings(**extra) -> dict:
    """The security settings a process started with the production variables computes."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DJANGO_SETTINGS_MODULE": "portal.settings",
             **PRODUCTION, **extra},
        capture_output=True, text=True, cwd=PROJECT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_cookies_are_secure_and_http_only_and_https_is_enforced_for_a_year_with_subdomains():
    values = production_settings()

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True and values["X_FRAME_OPTIONS"] == "DENY"
    assert values["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # No proxy named: no client header is trusted, for the HTTPS flag or for rate limits.
    assert values["SECURE_PROXY_SSL_HEADER"] is None and values["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0


def test_behind_the_tls_proxy_its_headers_are_trusted_and_nobody_elses():
    values = production_settings(BEHIND_TLS_PROXY="1")

    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    # allauth's per-address limits read the proxy's X-Forwarded-For entry, as the API's throttles do.
    assert values["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1


@pytest.fixture
def production_security():
    """This process answers with the security settings production computes (the database stays the tests' own)."""
    values = production_settings()
    values["SECURE_PROXY_SSL_HEADER"] = None
    with override_settings(**{name: values[name] for name in SECURITY_SETTINGS if name != "PASSWORD_HASHERS"}):
        yield values


def test_a_response_over_https_carries_hsts_and_secure_cookies(production_security, make_member):
    client = Client()

    page = client.get("/accounts/login/", secure=True)
    logged_in = client.post("/accounts/login/", {"login": make_member().email, "password": PASSWORD}, secure=True)

    hsts = page["Strict-Transport-Security"]
    assert hsts == f"max-age={production_security['SECURE_HSTS_SECONDS']}; includeSubDomains; preload"
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31_536_000
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] is True and csrf["samesite"] == "Lax"
    session = logged_in.cookies["sessionid"]
    assert session["secure"] is True and session["httponly"] is True and session["samesite"] == "Lax"
    assert "Secure" in str(session) and "HttpOnly" in str(session)


def test_plain_http_is_sent_to_https_except_the_load_balancers_health_check(production_security, db):
    redirected = Client().get("/accounts/login/?next=/community/")
    health = Client().get("/healthz")

    assert redirected.status_code == 301
    assert redirected["Location"] == "https://testserver/accounts/login/?next=/community/"
    assert "Strict-Transport-Security" not in redirected  # HSTS only ever comes over HTTPS
    assert health.status_code == 200 and health.json() == {"status": "ok"}
