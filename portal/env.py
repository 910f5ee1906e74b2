"""Typed readers for settings that come from environment variables.

Each helper fails loudly with ImproperlyConfigured on a value it cannot
understand, so a typo in a deployment stops the process at start-up instead
of silently running with a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", *, environ: Mapping[str, str] = os.environ) -> str:
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool = False, *, environ: Mapping[str, str] = os.environ) -> bool:
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {environ[name]!r}.")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    environ: Mapping[str, str] = os.environ,
) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}.")
    return value


def env_list(name: str, default: list[str] | None = None, *, environ: Mapping[str, str] = os.environ) -> list[str]:
    """A comma-separated list; blanks between commas are ignored."""
    raw = environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, default: str = "", *, environ: Mapping[str, str] = os.environ) -> str:
    """An absolute http(s) URL without a trailing slash."""
    value = env_str(name, default, environ=environ)
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(f"{name} must be an absolute http(s) URL, as in https://example.org; got {value!r}.")
    return value.rstrip("/")


def env_secret_key(*, debug: bool, environ: Mapping[str, str] = os.environ) -> str:
    """SECRET_KEY is optional only while DEBUG is on; a real one must be long and random."""
    value = environ.get("SECRET_KEY", "")
    if not value:
        if debug:
            return "django-insecure-local-development-only-never-use-this-key-in-production"
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (50 or more random characters).")
    if not debug and _weak(value):
        raise ImproperlyConfigured("SECRET_KEY is too weak: use 50 or more random characters.")
    return value


def env_secret_key_fallbacks(*, debug: bool, environ: Mapping[str, str] = os.environ) -> list[str]:
    """Earlier secret keys, comma-separated, newest first: still accepted for signatures made with them (sessions,
    password-reset links, unsubscribe links) while a rotation settles; each must be as strong as SECRET_KEY."""
    keys = env_list("SECRET_KEY_FALLBACKS", environ=environ)
    for position, key in enumerate(keys, start=1):
        if not debug and _weak(key):
            # The position, never the key: the message ends up in logs.
            raise ImproperlyConfigured(
                f"SECRET_KEY_FALLBACKS: key {position} is too weak: use 50 or more random characters."
            )
    return keys


def _weak(key: str) -> bool:
    return len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-")


def parse_database_url(url: str, *, base_dir: Path) -> dict:
    """Turn postgres://user:pass@host:port/name?sslmode=… or sqlite:///path into a DATABASES entry."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured("DATABASE_URL must name the database, as in postgres://user@host:5432/remedy.")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"DATABASE_URL has an invalid port: {url!r}.") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
        }
    if scheme == "sqlite":
        # sqlite:///relative.db, sqlite:////absolute/path.db
        path = unquote(parts.path)
        if path in {"", "/"}:
            raise ImproperlyConfigured("DATABASE_URL for SQLite must name a file, as in sqlite:///db.sqlite3.")
        name = Path(path[1:]) if path.startswith("//") else base_dir / path.lstrip("/")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(name)}
    raise ImproperlyConfigured(f"DATABASE_URL must start with postgres:// or sqlite://; got {url!r}.")


def env_database(*, base_dir: Path, environ: Mapping[str, str] = os.environ) -> dict:
    url = env_str("DATABASE_URL", environ=environ)
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(base_dir / "db.sqlite3")}
    config = parse_database_url(url, base_dir=base_dir)
    if config["ENGINE"].endswith("postgresql"):
        # Persistent connections with a health check before reuse, so a
        # restarted database costs one failed query, not a restart of the site.
        config["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60, minimum=0, environ=environ)
        config["CONN_HEALTH_CHECKS"] = True
    return config
