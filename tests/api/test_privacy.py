"""Nothing private leaves through the API: no e-mail address, no survey answer, no post that is not public."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from community import actions
from community.survey.diary import actions as diary_actions
from community.survey.diary import scales
from community.survey.statistics import refresh_statistics
from portal.models import User
from tests.api.schema_walk import api_schema, operations
from tests.clients import token_client
from tests.factories.survey import answer
from therapies.models import Practitioner

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
SECRETS = [
    "Moonwater tincture", "Walk the dog at dusk", "Waiting words", "Hidden words", "kai@moss.example", "Diary words",
]  # fmt: skip


@pytest.fixture
def everything(
    settings, survey, knowledge_base, make_member, make_poster, make_practitioner, forum, new_member, moderator
):
    """Members, their threads and posts (some waiting or hidden), a listing with an e-mail address, survey answers."""
    settings.SURVEY_MIN_RATED = 2
    settings.SURVEY_MIN_COUNT = 1
    author = make_poster(display_name="Calm Sleeper")
    thread, _first = actions.start_thread(
        author=author, forum=forum, title="Evenings", body="Hello @Quiet", therapy=knowledge_base["exercise"]
    )
    actions.start_thread(author=author, forum=forum, title="Between members", body="Only us.", members_only=True)
    actions.reply(author=new_member, thread=thread, body="Waiting words.")
    hidden = actions.reply(author=make_poster(), thread=thread, body="Hidden words.")
    actions.hide_post(post=hidden, moderator=moderator, reason="Off-topic.")
    actions.toggle_helpful(user=make_poster(), post=thread.first_post)
    make_practitioner(
        name="Kai Moss",
        email="kai@moss.example",
        therapies=[knowledge_base["exercise"]],
        conditions=[knowledge_base["rls"]],
    )
    for number in range(3):
        answer(
            make_member(display_name=f"Respondent {number}"),
            survey,
            tried={"exercise": "much_better"},
            other="Moonwater tincture",
            tips={"exercise": "Walk the dog at dusk, it calms me."},
        )
    # A respondent's private diary entry: no other reader (not even a moderator) may get it.
    diary_entry, _created = diary_actions.record_entry(
        member=User.objects.get(display_name="Respondent 0"),
        condition="migraine",
        scale=scales.scale_for("migraine"),
        score=7,
        note="Diary words",
    )
    refresh_statistics()
    return {
        "thread": thread,
        "rls": knowledge_base["rls"],
        "exercise": knowledge_base["exercise"],
        "diary_entry": diary_entry,
    }


def _values(everything) -> dict:
    thread = everything["thread"]
    return {
        "conditions": {"slug": everything["rls"].slug},
        "therapies": {"slug": everything["exercise"].slug},
        "therapy-conditions": {"therapy": everything["exercise"].slug, "condition": everything["rls"].slug},
        "references": {"key": "none"},
        "practitioners": {"slug": Practitioner.objects.get().slug},
        "forums": {"slug": thread.forum.slug},
        "threads": {"id": thread.pk},
        "posts": {"id": thread.first_post_id},
        "survey": {"condition": everything["rls"].slug, "id": everything["diary_entry"].pk},
    }


def test_no_read_endpoint_gives_out_an_email_address_a_survey_answer_or_a_post_that_is_not_public(
    everything, moderator
):
    values = _values(everything)
    addresses = set(User.objects.values_list("email", flat=True))
    assert len(addresses) >= 8
    readers = {"visitor": Client(), "member": token_client(User.objects.get(display_name="Calm Sleeper"))}
    readers["moderator"] = token_client(moderator)
    read = 0
    for operation in operations(api_schema()):
        if operation.method != "get" or operation.path.endswith("/schema/"):
            continue
        named = values[operation.path.split("/")[3]]
        url = re.sub(r"{(\w+)}", lambda m, named=named: str(named[m.group(1)]), operation.path)
        for who, client in readers.items():
            response = client.get(url, {"page_size": 100})
            content = response.content.decode()
            assert response.status_code in (200, 401, 404), (who, url)
            assert not EMAIL.findall(content), (who, url, EMAIL.findall(content))
            for secret in [*addresses, *SECRETS]:
                assert secret not in content, (who, url, secret)
            assert "Respondent" not in content, (who, url)
            read += 1
    assert read == 3 * 22  # 18, a member's own diary: the list and one entry; their own follow-ups: the list and one


def test_what_a_member_gets_back_after_writing_has_no_email_address_either(everything):
    member = User.objects.get(display_name="Calm Sleeper")
    client = token_client(member)
    thread = everything["thread"]

    replied = client.post(f"/api/v1/threads/{thread.pk}/posts/", {"body": "Thanks, all."}, "application/json")
    started = client.post(
        "/api/v1/threads/", {"forum": thread.forum.slug, "title": "Another question", "body": "Hm?"}, "application/json"
    )

    for response in (replied, started):
        assert response.status_code == 201
        assert member.email not in response.content.decode() and not EMAIL.findall(response.content.decode())
