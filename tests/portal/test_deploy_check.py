"""With production-like variables, Django's deployment checklist has nothing to say."""

import os
import subprocess
import sys
from pathlib import Path

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
