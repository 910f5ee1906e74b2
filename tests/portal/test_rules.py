"""The community rules are versioned: /rules/ shows the version in force; versions in force never change."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from portal.models import RulesVersion
from tests.xss import XSS_PAYLOADS, assert_no_dangerous


@pytest.fixture
def admin_client(client, make_member):
    admin = make_member(display_name="Root Admin", is_staff=True, is_superuser=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


def test_the_first_version_comes_with_the_site(client, db):
    page = client.get("/rules/").content.decode()

    assert "Version 1" in page
    assert "<h2>1. Be kind</h2>" in page


def test_the_first_versions_frozen_html_is_what_the_renderer_makes_of_its_text(db):
    # The migration keeps the HTML it stored instead of calling today's renderer; the two agree.
    from importlib import import_module

    from portal.text import render_markdown

    first = import_module("portal.migrations.0003_first_rules")
    assert render_markdown(first.RULES_V1) == first.RULES_V1_HTML
    assert RulesVersion.objects.get(version=1).body_html == first.RULES_V1_HTML


def test_the_rules_page_shows_the_newest_version_in_force_not_a_scheduled_one(client, db):
    RulesVersion.objects.create(version=2, body="## Be gentle\nVersion two.", summary_of_changes="Gentler wording.")
    RulesVersion.objects.create(version=3, body="Not yet.", effective_from=timezone.now() + timedelta(days=7))

    page = client.get("/rules/").content.decode()

    assert "Version 2" in page and "Gentler wording." in page
    assert "<h2>Be gentle</h2>" in page
    assert "Not yet." not in page
    assert RulesVersion.objects.current().version == 2


def test_rules_markdown_cannot_inject_script(client, db):
    RulesVersion.objects.create(version=2, body="Hi\n\n" + "\n\n".join(XSS_PAYLOADS))

    page = client.get("/rules/").content.decode()

    assert_no_dangerous(page.split('<div class="prose">', 1)[1].split("</div>", 1)[0], "every payload")
    assert "<script>alert" not in page
    assert "javascript:" not in page


def test_a_version_in_force_is_read_only_in_the_admin(admin_client, db):
    current = RulesVersion.objects.current()

    page = admin_client.get(f"/admin/portal/rulesversion/{current.pk}/change/").content.decode()

    assert 'name="body"' not in page
    response = admin_client.post(f"/admin/portal/rulesversion/{current.pk}/change/", {"body": "Changed!"})
    current.refresh_from_db()
    assert "Changed!" not in current.body
    assert response.status_code in {200, 302}


def test_a_new_version_starts_from_the_current_text_with_the_next_number(admin_client, db):
    page = admin_client.get("/admin/portal/rulesversion/add/").content.decode()

    assert 'name="version" value="2"' in page
    assert "1. Be kind" in page
