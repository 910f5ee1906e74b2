"""The yardstick for bench/pages.py and bench/load.py: a bare Django view that returns 20 KB of static HTML.

A project as `django-admin startproject` makes it (its default middleware, no database), one view, served by
gunicorn exactly like the site: `gunicorn bench.bare_view:application`. The issue's targets are stated against
this figure, so the bench measures it on the same machine, in the same run.
"""

from __future__ import annotations

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-only-not-a-secret",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        DATABASES={},
    )

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PARAGRAPH = "<p>" + "Static text of a bare page, the same on every request. " * 8 + "</p>\n"
BODY = ("<!doctype html><html><head><title>Bare</title></head><body>\n" + PARAGRAPH * 45 + "</body></html>\n").encode()


def bare(request):
    return HttpResponse(BODY)


urlpatterns = [path("", bare)]

application = get_wsgi_application()
