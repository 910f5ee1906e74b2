"""The survey's introduction and consent texts against what the code does: which staff roles can read which of a
member's words (found by reading every admin page as each role), what the research export holds and for whom,
that every question is treated as health data, and that a changed consent text is a new version in the ledger."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import NoReverseMatch, reverse

from community.survey import actions, builtin
from community.survey import definition as definitions
from community.survey.exports import pseudonym
from community.survey.models import Consent, Survey
from tests.admin_pages import with_two_factor
from tests.clients import login
from tests.factories.survey import RLS, answers_for

pytestmark = pytest.mark.django_db

TIP = "Zebrafinch tip text"
TYPED = "Quokkaroot tincture"
SIDE_EFFECTS = "Narwhal rash"
COUNTRY = "Axolotl Republic"
MARKERS = {TIP: "tip", TYPED: "typed treatment name", SIDE_EFFECTS: "side effects typed", COUNTRY: "country"}
ROLES = {"moderators": "Moderators", "editors": "Editors", "administrators": None}


def take(member, survey, *, research: bool, **options) -> None:
    """Answer the survey with a member's own words in every free-text question, and send it."""
    steps = answers_for(**options)
    steps["about"]["country"] = COUNTRY
    for key in list(steps["outcomes"]):
        if key.endswith(":recommend"):
            steps["outcomes"][key.replace(":recommend", ":side_effects_which")] = SIDE_EFFECTS
    step = "about"
    while step != "consent":
        step = actions.save_survey_step(member=member, survey=survey, step=step, values=steps[step]).step
    actions.submit_response(member=member, survey=survey, consents={"statistics": True, "research": research})


@pytest.fixture
def answered(make_member, survey, knowledge_base, django_capture_on_commit_callbacks):
    sharing = make_member(email="iris@example.org", display_name="Identifiable Iris")
    private = make_member(email="pavel@example.org", display_name="Private Pavel")
    with django_capture_on_commit_callbacks(execute=True):
        take(sharing, survey, research=True, tried={"exercise": "much_better"}, other=TYPED, tips={"exercise": TIP})
        take(private, survey, research=False, tried={"massage": "none"})
    return sharing, private


@pytest.fixture
def staff(make_member):
    clients = {}
    for role, group in ROLES.items():
        user = with_two_factor(make_member(is_staff=True, is_superuser=group is None, display_name=f"Staff {role}"))
        if group:
            user.groups.add(Group.objects.get(name=group))
        clients[role] = login(user)
    return clients


def admin_pages(client: Client) -> list[str]:
    """Every page of the admin a staff member can open: each model's list and each object's page."""
    pages = []
    for model, _model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        try:
            listing = client.get(reverse("admin:{}_{}_changelist".format(*info)))
        except NoReverseMatch:  # pragma: no cover - every registered model has a list
            continue
        if listing.status_code != 200:
            continue
        pages.append(listing.content.decode())
        for pk in model._default_manager.values_list("pk", flat=True)[:50]:
            page = client.get(reverse("admin:{}_{}_change".format(*info), args=[pk]))
            if page.status_code == 200:
                pages.append(page.content.decode())
    return pages


def words_seen(pages: list[str]) -> set[str]:
    return {MARKERS[marker] for marker in MARKERS for page in pages if marker.lower() in page.lower()}


def test_the_roles_the_introduction_names_are_exactly_the_roles_that_can_read_a_members_words(answered, staff, survey):
    sharing, _private = answered
    seen = {}
    for role, client in staff.items():
        pages = admin_pages(client)
        seen[role] = words_seen(pages)
        # Whatever a role reads, it reads without the member's name next to it.
        for page in pages:
            if any(marker.lower() in page.lower() for marker in MARKERS):
                assert sharing.display_name not in page and sharing.email not in page, role

    # What the code shows…
    assert seen == {
        "moderators": {"tip"},
        "editors": {"typed treatment name"},
        "administrators": {"tip", "typed treatment name"},
    }
    # …is what the introduction says, role by role; roles that read nothing are not said to.
    intro = " ".join(definitions.of(survey).intro.split())
    assert "moderators read a tip you write for others" in intro
    assert "editors read the names of treatments you type" in intro
    assert "Site administrators can do what moderators and editors do" in intro
    for role, words in seen.items():
        assert bool(words) == (role in intro.lower()), role
    assert "no individual answer is ever shown publicly" in intro


def test_nobody_reads_an_individual_answer_on_a_public_page(answered, knowledge_base, refresh):
    refresh()
    visitor = Client()
    public = "".join(
        visitor.get(url).content.decode()
        for url in ("/survey/", "/survey/results/", "/therapies/exercise/", f"/therapies/exercise/{RLS}/")
    )

    assert words_seen([public]) == set()
    assert "Identifiable Iris" not in public


def test_the_export_is_pseudonymised_rows_of_members_with_research_consent_as_the_consent_text_says(
    answered, staff, survey
):
    sharing, private = answered
    consent = " ".join(definitions.of(survey).consent_texts["research"].split())
    exporters = set(Group.objects.filter(permissions__codename="export_responses").values_list("name", flat=True))

    downloads = {
        role: client.get(f"/admin/community/survey/{survey.pk}/export/answers/") for role, client in staff.items()
    }

    # Who downloads: the groups holding the permission (and administrators), as the text names them.
    assert exporters == {"Editors"}
    assert "editors download" in consent
    assert downloads["moderators"].status_code == 403
    assert downloads["editors"].status_code == downloads["administrators"].status_code == 200
    content = downloads["editors"].content.decode()
    exported = list(csv.DictReader(io.StringIO(content)))
    # Only members who chose research: "the answers of members who chose this".
    assert [row["pid"] for row in exported] == [pseudonym(sharing.pk)]
    # Pseudonymised: "name, e-mail and display name replaced by a code (the same code in every download)".
    assert "pseudonymised rows" in consent and "the same code in every download" in consent
    for identity in (sharing.email, sharing.display_name, private.email, private.display_name):
        assert identity not in content
    assert exported[0]["pid"] == pseudonym(sharing.pk) != str(sharing.pk)
    # "without anything I typed in my own words": no free-text column, and none of the member's words.
    assert "without anything I typed in my own words" in consent
    assert words_seen([content]) == set()
    free_text = {code for code, question in definitions.of(survey).questions.items() if question.is_free_text}
    header = next(csv.reader(io.StringIO(content)))
    assert not [column for column in header if column in free_text or column.split("__")[-1] in free_text]
    # "dates only to the month"
    assert "dates only to the month" in consent
    assert re.search(r"\d{4}-\d{2}-\d{2}", content) is None
    assert re.fullmatch(r"\d{4}-\d{2}", exported[0]["submitted_month"])


def test_every_question_is_said_to_be_health_data_and_none_is_said_not_to_be(survey):
    definition = definitions.of(survey)
    every_text = " ".join(
        [definition.intro, definition.consent_intro]
        + [section.intro for section in definition.sections]
        + [f"{q.text} {q.help_text}" for q in definition.questions.values()]
    )

    assert "Every question in this survey is about your health" in definition.intro
    assert "all your answers are health information" in definition.consent_intro
    assert "Only the conditions question is about health" not in every_text
    assert "they are health information" in definition.section("about").intro


def test_the_survey_page_and_the_privacy_notice_say_the_same(client, survey):
    home = " ".join(client.get("/survey/").content.decode().split())
    privacy = " ".join(client.get("/privacy/").content.decode().split())

    assert "Every question in this survey is about your health" in home
    assert "Moderators read a tip you write for others before it is shown, without your name" in home
    assert "Editors read the names of treatments you type under" in home
    assert "pseudonymised rows" in home
    assert "They cannot see your survey answers" not in privacy
    assert "Of your survey answers they see only a tip you write for others" in privacy
    assert "Editors see the names of treatments members type" in privacy
    assert "as pseudonymised rows" in privacy


def test_a_changed_consent_text_is_a_new_version_and_the_ledger_keeps_the_old_grant(make_member, knowledge_base):
    first = Survey.objects.get(slug="experience", version=1)
    # Version 2 changed the research text only (version 3 adds the follow-ups to the statistics text: below).
    survey = Survey.objects.get(slug="experience", version=2)
    member = make_member()
    actions.set_consents(member=member, survey=first, wanted={"statistics": True, "research": True})

    actions.set_consents(member=member, survey=survey, wanted={"statistics": True, "research": True})

    # Version 1's texts are as members agreed to them; version 2 carries the new research text.
    assert first.consent_research == builtin.SURVEY["consent_research"]
    assert survey.consent_research == builtin.CONSENT_RESEARCH_V2 != first.consent_research
    research = list(Consent.objects.filter(member=member, purpose="research").order_by("granted_at", "pk"))
    assert [(grant.survey_id, grant.text) for grant in research] == [
        (first.pk, first.consent_research),
        (survey.pk, survey.consent_research),
    ]
    assert research[0].withdrawn_at is not None and research[1].withdrawn_at is None
    # The statistics text did not change, so that grant stands as it was.
    statistics = Consent.objects.filter(member=member, purpose="statistics").get()
    assert statistics.survey_id == first.pk and statistics.withdrawn_at is None


def test_the_texts_say_we_ask_again_at_3_and_12_months_how_and_that_members_can_stop_as_the_follow_ups_do(
    make_member, survey, knowledge_base, django_capture_on_commit_callbacks
):
    from community.survey.followups.models import FollowUp
    from tests.factories.survey import answer

    definition = definitions.of(survey)
    intro = " ".join(definition.intro.split())
    consent = " ".join(definition.consent_texts["statistics"].split())
    member = make_member()
    with django_capture_on_commit_callbacks(execute=True):
        answer(member, survey, tried={"exercise": "much_better"})

    for text in (intro, consent):
        assert "we will ask you again 3 months and 12 months after you send your answers" in text
        assert "whether you still use it, whether it still helps and, if you stopped, why" in text
        assert "in your notifications on the site and by e-mail, unless your notification settings say never" in text
        assert "stop asking about one treatment, or about all of them, at any time" in text
    # What the code does: one follow-up per rated treatment at each of the two intervals…
    assert sorted(FollowUp.objects.filter(member=member).values_list("treatment__code", "kind")) == [
        ("exercise", 3),
        ("exercise", 12),
    ]
    # …under the consent the ledger records with those words; version 2's members were not told, and get none.
    grant = Consent.objects.get(member=member, purpose="statistics", withdrawn_at=None)
    assert grant.survey == survey and builtin.FOLLOW_UP_PROMISE in grant.text
    assert builtin.FOLLOW_UP_PROMISE not in Survey.objects.get(slug="experience", version=2).consent_statistics


def test_the_survey_page_says_we_ask_again(client, survey):
    home = " ".join(client.get("/survey/").content.decode().split())

    assert "we will ask you again 3 months and 12 months after you send your answers" in home
