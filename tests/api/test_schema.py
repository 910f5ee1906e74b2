"""The OpenAPI schema: valid OpenAPI 3, every endpoint described with examples; the docs page; and a walk of every
documented endpoint with generated valid and invalid input that must never end in a server error."""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlencode

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from openapi_spec_validator import validate

from community import actions
from community.models import Forum
from tests.api.schema_walk import (
    ODD_PATH_SEGMENTS,
    api_schema,
    invalid_bodies,
    operations,
    query_cases,
    valid_body,
)
from tests.clients import token_client

pytestmark = pytest.mark.django_db

EXPECTED_OPERATIONS = 31  # 24, the member's own diary (4) and follow-ups: list, one, answer (3)


def test_the_schema_is_valid_openapi_3_and_served_at_its_address():
    schema = api_schema()

    validate(schema)
    served = Client().get("/api/v1/schema/?format=json")
    assert served.status_code == 200 and json.loads(served.content)["openapi"].startswith("3.")
    assert set(json.loads(served.content)["paths"]) == set(schema["paths"])
    assert "openapi: 3" in Client().get("/api/v1/schema/").content.decode()


def test_drf_spectacular_generates_the_schema_without_a_warning(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))

    assert "/api/v1/therapy-conditions/{therapy}/{condition}/" in (tmp_path / "schema.yml").read_text()


def test_every_endpoint_is_described_with_its_parameters_and_example_answers():
    schema = api_schema()
    found = operations(schema)

    assert len(found) == EXPECTED_OPERATIONS
    for operation in found:
        spec = operation.spec
        assert spec.get("summary"), operation.name
        for name in re.findall(r"{(\w+)}", operation.path):
            assert name in [p["name"] for p in operation.path_parameters], (operation.name, name)
        for parameter in spec.get("parameters", []):
            assert parameter.get("schema"), (operation.name, parameter["name"])
        success = [code for code in spec["responses"] if code.startswith("2")]
        assert success, operation.name
        examples = [
            spec["responses"][code].get("content", {}).get("application/json", {}).get("examples") for code in success
        ]
        assert any(examples), f"{operation.name} has no example answer"
        if operation.method == "post" and operation.body_schema is not None:
            assert any(code in spec["responses"] for code in ("400", "401")), (
                f"{operation.name} documents no error answers"
            )


def test_the_docs_page_uses_our_own_static_files_and_no_inline_script():
    response = Client().get("/api/v1/docs/")
    page = response.content.decode()

    assert response.status_code == 200
    policy = response["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all('src="/static/' in attributes and not body.strip() for attributes, body in scripts)
    assert "style=" not in page and "<style" not in page
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', page)
    assert {"js/api-docs.js", "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"} <= set(assets)
    for asset in assets:
        assert finders.find(asset), asset
    assert "cdn" not in page.lower() and "https://" not in page
    assert 'data-schema-url="/api/v1/schema/?format=json"' in page


# --- The walk --------------------------------------------------------------------------------------------------------


@pytest.fixture
def world(forum, make_thread, make_poster, poster, rls_page, make_practitioner, moderator):
    """One of everything the endpoints name, so that valid input finds real objects."""
    thread = make_thread(forum=forum, title="Evenings with restless legs")
    reply = actions.reply(author=make_poster(), thread=thread, body="A warm bath helps.")
    listing = make_practitioner(name="Kai Moss", therapies=[rls_page.therapy], conditions=[rls_page.condition])
    return {
        "conditions": {"slug": rls_page.condition.slug},
        "therapies": {"slug": rls_page.therapy.slug},
        "therapy-conditions": {"therapy": rls_page.therapy.slug, "condition": rls_page.condition.slug},
        "references": {"key": "cui2008"},
        "practitioners": {"slug": listing.slug},
        "forums": {"slug": Forum.objects.get(condition=rls_page.condition).slug},
        "threads": {"id": thread.pk},
        "posts": {"id": reply.pk},
        # The survey's statistics by condition, and the token member's own diary entry by id.
        "survey": {"condition": rls_page.condition.slug, "id": _diary_entry(poster).pk},
    }


def _diary_entry(member):
    from community.survey.diary import actions as diary_actions
    from community.survey.diary import scales

    entry, _created = diary_actions.record_entry(
        member=member, condition="migraine", scale=scales.scale_for("migraine"), score=4
    )
    return entry


def _url(path: str, values: dict) -> str:
    return re.sub(r"{(\w+)}", lambda match: quote(str(values[match.group(1)]), safe="%"), path)


def _check(response, case: str) -> None:
    assert response.status_code < 500, case
    if response.status_code != 204:
        assert response["content-type"] == "application/json", case
        json.loads(response.content)


def test_every_documented_endpoint_answers_generated_valid_and_invalid_input_without_a_server_error(world, poster):
    schema = api_schema()
    clients = {"visitor": Client(), "member": token_client(poster)}
    cases = 0
    walked = set()
    for operation in operations(schema):
        valid = world[operation.path.split("/")[3]]
        walked.add(operation.name)
        paths = [_url(operation.path, valid)]
        for odd in ODD_PATH_SEGMENTS:
            for name in re.findall(r"{(\w+)}", operation.path):
                paths.append(_url(operation.path, {**valid, name: odd}))
        for who, client in clients.items():
            for path in paths:
                queries = list(query_cases(schema, operation)) if path == paths[0] else [{}]
                for query in queries:
                    url = f"{path}?{urlencode(query)}" if query else path
                    if operation.method == "get":
                        requests = [(url, None)]
                    elif operation.body_schema is None:
                        requests = [(url, None), (url, {"surprise": True})]
                    else:
                        bodies = [
                            valid_body(schema, operation.body_schema),
                            *invalid_bodies(schema, operation.body_schema),
                        ]
                        requests = [(url, body) for body in (bodies if path == paths[0] and not query else bodies[:2])]
                    if operation.method == "get" and who == "member":
                        # What browsers ask before a cross-site request, and what DRF describes in return.
                        _check(client.options(url), f"{who}: OPTIONS {url}")
                        cases += 1
                    for target, body in requests:
                        cache.clear()  # the throttles count in the cache; this walk is not what they are for
                        case = f"{who}: {operation.method.upper()} {target} {body!r:.200}"
                        if operation.method == "get":
                            response = client.get(target)
                        else:
                            response = client.generic(
                                operation.method.upper(),
                                target,
                                json.dumps(body) if body is not None else "",
                                content_type="application/json",
                            )
                        _check(response, case)
                        if who == "visitor" and operation.method == "get" and target == paths[0]:
                            # Every read is public but a member's own diary and follow-ups: a visitor must sign in.
                            own = operation.path.startswith(("/api/v1/survey/diary/", "/api/v1/survey/follow-ups/"))
                            assert response.status_code == (401 if own else 200), case
                        cases += 1
                        if operation.method == "post" and body is not None:
                            # The same malformed body as a form post and as broken JSON.
                            broken = client.generic(
                                "POST", target, "{" + json.dumps(body)[:50], content_type="application/json"
                            )
                            _check(broken, f"{case} (broken JSON)")
                            cases += 1
    assert len(walked) == EXPECTED_OPERATIONS
    assert cases > 2000, cases
