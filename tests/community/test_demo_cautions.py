"""The demo discussions behave as a careful community would: a thread where a member speaks of not wanting to go on
is members-only, and a pregnant member's question gets the caution to check with her midwife or doctor first."""

from io import StringIO

import pytest
from django.db import transaction
from django.utils.html import escape

from community.demo_data.seed import TOPICS, seed_discussions
from community.models import Report, Thread
from portal.seed import seed_demo_logins
from therapies.demo_data.seed import seed_knowledge_base
from therapies.directory.demo import seed_directory

CRISIS = [
    topic for topic in TOPICS if any(say.flag and say.flag.reason == Report.Reason.SELF_HARM for say in topic.posts)
]
PREGNANCY = [topic for topic in TOPICS if "pregnan" in topic.posts[0].body.lower() or "pregnan" in topic.title.lower()]


def test_every_demo_thread_with_a_self_harm_report_is_members_only():
    assert CRISIS, "the demo has a thread about self-harm"
    for topic in CRISIS:
        assert topic.members_only, topic.title


def test_a_pregnant_members_question_is_answered_with_check_with_your_midwife_or_doctor_first():
    assert PREGNANCY, "the demo has a pregnant member's question"
    for topic in PREGNANCY:
        asker = topic.posts[0].author
        replies = " ".join(" ".join(say.body.split()) for say in topic.posts[1:] if say.author != asker)
        assert "check with your midwife or doctor first" in replies, topic.title
        # What a careful community names: supplements at the team's dose, herbal remedies, pressing points.
        for caution in ("supplements", "take the dose your team gives you", "herbal", "acupressure points"):
            assert caution in replies, (topic.title, caution)


@pytest.mark.django_db
def test_a_visitor_sees_only_the_title_and_first_lines_of_the_crisis_thread(client):
    with transaction.atomic():
        seed_demo_logins(scale="demo", stdout=StringIO(), with_logins=False)
        seed_knowledge_base(scale="demo", stdout=StringIO(), with_logins=False)
        seed_directory(scale="demo", stdout=StringIO(), with_logins=False)
        seed_discussions(scale="demo", stdout=StringIO(), with_logins=False)
    (topic,) = CRISIS
    thread = Thread.objects.select_related("first_post").get(title=topic.title)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert thread.members_only
    assert 'content="noindex"' in page
    assert escape(thread.title) in page
    assert escape("everyone would be better off without me") not in page
    assert thread.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
