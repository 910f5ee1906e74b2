"""What operators and search engines rely on: /healthz, robots.txt, the sitemap, one-line logs, e-mail tasks."""

import logging
import sys
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from portal import sitemaps
from portal.logging import OneLineFormatter
from portal.mail import deliver_email


def test_healthz_says_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_503_when_the_database_is_unreachable(client, db):
    def refuse(self):
        raise OperationalError("connection refused")

    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"


# Nothing listens on port 1: the cache client is refused at once, as when Redis is down.
UNREACHABLE_REDIS = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


def test_healthz_stays_200_but_says_degraded_when_the_cache_is_unreachable(client, db):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = client.get("/healthz")

    # Visitors can still read the knowledge base without Redis, so the balancer keeps the machine.
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "cache": "unreachable"}


def test_healthz_names_both_when_the_database_and_the_cache_are_unreachable(client, db):
    def refuse(self):
        raise OperationalError("connection refused")

    with (
        override_settings(CACHES=UNREACHABLE_REDIS),
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse),
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable", "cache": "unreachable"}


def refuse_connection(self):
    raise OperationalError("connection refused")


@pytest.fixture
def browser_client():
    """A client that gets the error page, as a browser would, instead of the exception re-raised into the test."""
    return Client(raise_request_exception=False)


def test_a_page_says_back_in_a_moment_with_503_while_the_database_is_away(browser_client, db):
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse_connection):
        response = browser_client.get("/conditions/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert "Remedy Commons is back in a moment" in body
    assert "Nothing you have saved is lost" in body
    assert "Something went wrong" not in body


def test_a_signed_in_members_page_is_a_503_too_when_the_session_cannot_be_read(browser_client, member):
    browser_client.force_login(member)

    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse_connection):
        response = browser_client.get("/accounts/profile/")

    assert response.status_code == 503
    assert "back in a moment" in response.content.decode()


def test_the_api_answers_json_503_while_the_database_is_away(browser_client, db):
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse_connection):
        response = browser_client.get("/api/v1/conditions/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {"detail": "The service is briefly unavailable. Please try again shortly."}


def test_redis_away_is_a_503_as_well(browser_client, db):
    with mock.patch("portal.home.render_sections", side_effect=RedisConnectionError("Connection refused")):
        response = browser_client.get("/")

    assert response.status_code == 503
    assert "back in a moment" in response.content.decode()


def test_a_bug_is_still_a_plain_500_without_retry_after(browser_client, db):
    with mock.patch("portal.home.render_sections", side_effect=RuntimeError("a bug")):
        response = browser_client.get("/")

    assert response.status_code == 500
    assert "Retry-After" not in response
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "a bug" not in body


def test_a_bug_in_the_api_is_a_json_500(browser_client, db):
    with mock.patch("therapies.api.views.ConditionViewSet.get_queryset", side_effect=RuntimeError("a bug")):
        response = browser_client.get("/api/v1/conditions/")

    assert response.status_code == 500
    assert response.json() == {"detail": "Server error."}


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert "Disallow: /accounts/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_the_sitemap_lists_the_site_pages_and_takes_sections_from_apps(client, db):
    body = client.get("/sitemap.xml").content.decode()

    for path in ["/", "/rules/", "/privacy/", "/terms/", "/disclaimer/", "/support/"]:
        assert f"<loc>http://testserver{path}</loc>" in body
    assert "pages" in sitemaps.sections()


def test_a_request_error_is_logged_as_one_line():
    try:
        raise ValueError("boom\nsecond line")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: /x", (), sys.exc_info()
        )
    line = OneLineFormatter("%(levelname)s %(name)s %(message)s").format(record)

    assert "\n" not in line
    assert line.startswith("ERROR django.request Internal Server Error: /x")
    assert "ValueError: boom ⏎ second line" in line


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}})
@pytest.mark.django_db
def test_sign_up_mail_is_queued_as_a_task_not_sent_in_the_request(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "queued@example.org",
            "display_name": "Queued Quinn",
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
        },
    )

    assert mail.outbox == []
    from django_tasks import default_task_backend

    queued = [result for result in default_task_backend.results if result.task.func is deliver_email.func]
    assert len(queued) == 1
    message = queued[0].args[0]
    assert message["to"] == ["queued@example.org"]
    # Running the task (as the worker does) delivers it.
    deliver_email.call(message)
    assert [m.to for m in mail.outbox] == [["queued@example.org"]]
