"""`seed_demo --remove` deletes every demo row and nothing else: real content, real members and their posts stay."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from community import actions
from community.models import Forum, Post, Thread
from portal import demo
from portal.models import User
from therapies.demo_data.removal import remove_knowledge_base
from therapies.demo_data.seed import seed_knowledge_base
from therapies.models import (
    Acupoint,
    Condition,
    FAQEntry,
    Practitioner,
    Reference,
    Therapy,
    TherapyCondition,
)


def seed_demo(*args) -> None:
    call_command("seed_demo", "--demo", "--demo-logins", *args, stdout=StringIO())


def remove_demo() -> str:
    out = StringIO()
    call_command("seed_demo", "--remove", stdout=out)
    return out.getvalue()


def assert_no_demo_row_left() -> None:
    for model in demo.demo_models():
        assert not model.objects.filter(demo=True).exists(), model
        history = getattr(model, "history", None)
        if history is not None:
            # A demo row that real content came to use stays, with the revisions it had.
            gone = history.filter(demo=True).exclude(**{f"{model._meta.pk.attname}__in": model.objects.values("pk")})
            assert not gone.exists(), f"revisions of removed demo {model.__name__} rows"
    assert not demo.rows_exist()


@pytest.fixture
def real_site(make_poster, make_condition, make_therapy, make_page, make_reference, make_practitioner):
    """A real member who has posted, a real condition, therapy and page (citing a real reference), a real listing."""
    author = make_poster(display_name="Real Reader", email="reader@example.com")
    forum = Forum.objects.get(slug="living-with-symptoms")
    thread, _post = actions.start_thread(
        author=author, forum=forum, title="Warm baths in the evening", body="They help me wind down."
    )
    reference = make_reference(key="real2024", title="A real trial an editor added")
    condition = make_condition(name="Shift work sleep disorder", overview="Written by our editors [@real2024].")
    therapy = make_therapy(
        name="Light therapy",
        reviewer_name="Dr. Real Person",
        reviewer_credential="MD",
        reviewed_on=date(2026, 1, 5),
    )
    page = make_page(therapy=therapy, condition=condition, evidence_summary="One trial [@real2024].")
    listing = make_practitioner(name="Real Clinic", verification_status="verified")
    return {
        "author": author,
        "thread": thread,
        "posts": list(Post.objects.filter(author=author).values_list("pk", "body")),
        "reference": reference,
        "condition": condition,
        "therapy": therapy,
        "page": page,
        "listing": listing,
    }


def test_removing_the_demo_keeps_real_content_members_and_their_posts(real_site):
    seed_demo()
    assert demo.rows_exist()

    output = remove_demo()

    assert "Demo content removed" in output
    assert_no_demo_row_left()
    assert User.objects.filter(pk=real_site["author"].pk, display_name="Real Reader").exists()
    assert list(Post.objects.filter(author=real_site["author"]).values_list("pk", "body")) == real_site["posts"]
    thread = Thread.objects.get(pk=real_site["thread"].pk)
    assert thread.post_count == 1 and thread.forum.slug == "living-with-symptoms"
    for key in ("reference", "condition", "therapy", "page", "listing"):
        row = real_site[key]
        assert type(row).objects.filter(pk=row.pk).exists(), key
    assert Therapy.objects.get(pk=real_site["therapy"].pk).reviewer_name == "Dr. Real Person"
    assert Practitioner.objects.get().is_verified
    # The general forums come from a migration, not from the seed.
    assert set(Forum.objects.values_list("slug", flat=True)) >= {"introductions", "living-with-symptoms"}
    # Only real accounts are left: no demo member, no survey member, no demo login.
    assert not User.objects.filter(email__endswith=f"@{demo.DEMO_EMAIL_DOMAIN}").exists()


def test_the_seed_leaves_a_real_row_with_a_demo_key_as_it_is_and_the_removal_keeps_it(make_condition, make_reference):
    condition = make_condition(name="Restless legs syndrome", summary="Our editors' own summary.")
    make_reference(key="cui2008", title="Entered by an editor")

    seed_demo()

    condition.refresh_from_db()
    assert (condition.demo, condition.summary) == (False, "Our editors' own summary.")
    assert Reference.objects.get(key="cui2008").title == "Entered by an editor"
    # The demo pages about restless legs hang from the real condition; they are demo rows all the same.
    assert TherapyCondition.objects.filter(condition=condition, demo=True).exists()

    remove_demo()

    assert_no_demo_row_left()
    assert Condition.objects.get(pk=condition.pk).summary == "Our editors' own summary."
    assert not TherapyCondition.objects.exists()
    assert Reference.objects.get(key="cui2008").title == "Entered by an editor"


def test_a_demo_reference_that_real_content_cites_stays_as_real_content(make_condition):
    seed_demo()
    cited = Reference.objects.get(key="cui2008")
    assert cited.demo
    make_condition(name="Sleep apnoea", overview="A review touched on it [@cui2008].")

    remove_demo()

    assert_no_demo_row_left()
    assert Reference.objects.filter(key="cui2008", demo=False).exists()
    assert Reference.objects.count() == 1
    assert not Acupoint.objects.exists()


def test_a_real_thread_in_a_demo_conditions_forum_keeps_its_forum(make_poster):
    seed_demo()
    author = make_poster(display_name="Real Reader")
    forum = Forum.objects.get(condition__slug="insomnia")
    thread, _post = actions.start_thread(author=author, forum=forum, title="Up at 3am again", body="Anyone else?")

    remove_demo()

    assert_no_demo_row_left()
    forum.refresh_from_db()
    assert forum.condition is None
    assert list(forum.threads.all()) == [thread]
    assert (forum.thread_count, forum.post_count) == (1, 1)


def test_a_real_page_about_a_demo_therapy_refuses_the_removal_and_nothing_goes(make_condition, make_page):
    seed_demo()
    demo_therapy = Therapy.objects.get(slug="acupuncture")
    make_page(therapy=demo_therapy, condition=make_condition(name="Tinnitus"), excerpt="Our editors' page.")
    rows_before = TherapyCondition.objects.count()

    with pytest.raises(CommandError) as refused:
        remove_demo()

    assert "Acupuncture for Tinnitus" in str(refused.value)
    assert TherapyCondition.objects.count() == rows_before
    assert User.objects.filter(demo=True).exists()


def test_the_benchmark_scale_writes_demo_rows_that_the_removal_takes_out(db):
    seed_knowledge_base(scale="large", stdout=StringIO(), with_logins=False)
    benchmark = Condition.objects.filter(slug__startswith="benchmark-condition-")
    assert benchmark.count() == 60 and not benchmark.filter(demo=False).exists()
    assert not TherapyCondition.objects.filter(demo=False).exists()
    assert not Therapy.objects.filter(demo=False).exists()

    remove_knowledge_base(stdout=StringIO())

    assert not Condition.objects.exists() and not Therapy.objects.exists() and not FAQEntry.objects.exists()
    assert not Condition.history.exists() and not TherapyCondition.history.exists()
