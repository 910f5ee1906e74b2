"""Grades that match the studies they cite: the rules (therapies.evidence.grading_problems) and the demo's grades."""

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from tests.admin_pages import with_two_factor
from therapies.evidence import CitedStudy, EvidenceBasis, grading_problems
from therapies.models import Condition, TherapyCondition

CHECKED_LIST = Path(__file__).resolve().parents[2] / "therapies" / "demo_data" / "references.csv"


def checked_rows() -> dict[str, dict]:
    with CHECKED_LIST.open(encoding="utf-8", newline="") as csv_file:
        return {row["key"]: row for row in csv.DictReader(csv_file)}


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--demo", stdout=StringIO())


def study(key="trial", design="RCT", population="restless legs syndrome", finding=""):
    return CitedStudy.from_checked_row({"key": key, "design": design, "condition": population, "finding": finding})


def problems(*, certainty, downgrades=(), studies_count=5, studies=None, basis=EvidenceBasis.GRADED):
    studies = studies if studies is not None else [study(key="a"), study(key="b")]
    return grading_problems(
        basis=basis, certainty=certainty, downgrades=set(downgrades), studies_count=studies_count, studies=studies
    )


# --- The rules --------------------------------------------------------------------------------------------------------


def test_the_checked_list_gives_the_drop_outs_of_a_trial():
    rows = checked_rows()

    exercise_trial = CitedStudy.from_checked_row(rows["aukerman2006"])
    yoga_pilot = CitedStudy.from_checked_row(rows["innes2013"])
    iron_review = CitedStudy.from_checked_row(rows["trotti2019"])

    assert (exercise_trial.randomised, exercise_trial.completed) == (41, 23)
    assert exercise_trial.high_attrition
    assert (yoga_pilot.randomised, yoga_pilot.completed) == (13, 10)
    assert yoga_pilot.high_attrition
    assert not iron_review.high_attrition


def test_the_checked_list_names_the_dialysis_only_studies():
    rows = checked_rows()

    narrower = {key for key, row in rows.items() if CitedStudy.from_checked_row(row).narrower_population}

    assert narrower == {"tsai2022", "doner2025", "xia2022", "ghanbari", "shahgholian"}


def test_a_single_study_allows_at_most_low_certainty_rated_down_for_imprecision():
    one = [study()]

    assert problems(certainty="moderate", downgrades=["risk_of_bias"], studies_count=1, studies=one)
    assert problems(certainty="low", downgrades=["risk_of_bias", "inconsistency"], studies_count=1, studies=one) == [
        "a single study, not rated down for imprecision"
    ]
    assert problems(certainty="low", downgrades=["risk_of_bias", "imprecision"], studies_count=1, studies=one) == []
    assert problems(certainty="very_low", downgrades=["risk_of_bias", "imprecision"], studies=one) == []


def test_one_review_pooling_many_trials_is_not_a_single_study():
    review = study(key="review", design="systematic review")
    guideline = study(key="guideline", design="guideline")

    assert (
        problems(certainty="moderate", downgrades=["imprecision"], studies_count=10, studies=[review, guideline]) == []
    )


def test_a_high_attrition_trial_allows_at_most_low_rated_down_for_risk_of_bias():
    trial = study(key="dropouts", finding="41 adults randomised (23 completed): it helped.")
    other = study(key="other")

    found = problems(certainty="moderate", downgrades=["imprecision"], studies=[trial, other])

    assert "moderate certainty with a high-attrition trial (dropouts; at most low)" in found
    assert "a high-attrition trial (dropouts), not rated down for risk of bias" in found
    assert problems(certainty="low", downgrades=["risk_of_bias", "imprecision"], studies=[trial, other]) == []


def test_evidence_from_people_on_dialysis_must_be_marked_indirect():
    dialysis = study(key="dialysis", population="restless legs syndrome (hemodialysis)")

    assert problems(certainty="very_low", downgrades=["risk_of_bias", "imprecision"], studies=[dialysis, study()]) == [
        "evidence from a narrower population (dialysis), not marked as indirect"
    ]
    assert not problems(certainty="very_low", downgrades=["indirectness", "risk_of_bias"], studies=[dialysis, study()])


def test_each_domain_rated_down_costs_a_level_and_a_lower_grade_names_its_reasons():
    assert problems(certainty="moderate", downgrades=["risk_of_bias", "imprecision"]) == [
        "moderate certainty although 2 domain(s) were rated down"
    ]
    assert problems(certainty="low") == ["low certainty without a reason for rating down"]
    assert problems(certainty="high") == []


def test_a_page_that_cannot_be_graded_says_so_instead_of_carrying_a_certainty():
    assert problems(certainty="", basis=EvidenceBasis.INSUFFICIENT) == []
    assert problems(certainty="low", basis=EvidenceBasis.INSUFFICIENT) == [
        "a page that is not graded carries a certainty"
    ]
    assert problems(certainty="") == [
        "a graded page has no certainty: grade it, or say there is not enough checked evidence"
    ]


# --- The demo's grades ------------------------------------------------------------------------------------------------


def test_every_published_demo_page_keeps_within_what_its_cited_studies_allow(seeded):
    rows = checked_rows()
    pages = TherapyCondition.objects.published().select_related("therapy", "condition")
    assert pages.count() >= 15

    found = {}
    for page in pages:
        studies = [CitedStudy.from_checked_row(rows[ref.key]) for ref in page.ordered_references()]
        page_problems = grading_problems(
            basis=page.evidence_basis,
            certainty=page.certainty,
            downgrades=page.downgrades,
            studies_count=page.studies_count,
            studies=studies,
        )
        if page_problems:
            found[str(page)] = page_problems
        # The admin reads the same rules from the stored references, and agrees.
        assert page.grading_problems() == page_problems, page

    assert found == {}


def grade(therapy: str, condition: str) -> TherapyCondition:
    return TherapyCondition.objects.get(therapy__slug=therapy, condition__slug=condition)


def test_exercise_for_restless_legs_rests_on_one_unblinded_trial_that_lost_almost_half_its_people(seeded):
    page = grade("exercise", "restless-legs-syndrome")

    assert (page.certainty, page.effect_size) == ("very_low", "")
    assert page.downgrades == {"risk_of_bias", "imprecision"}
    assert (page.studies_count, page.participants_count) == (1, 41)
    assert "18 of the\n41 people (44%)" in page.evidence_summary


def test_massage_and_yoga_for_restless_legs_are_marked_indirect_and_state_no_effect_size(seeded):
    massage = grade("massage", "restless-legs-syndrome")
    yoga = grade("yoga-and-stretching", "restless-legs-syndrome")

    assert (massage.certainty, massage.effect_size) == ("very_low", "")
    assert massage.downgrades == {"risk_of_bias", "inconsistency", "indirectness"}
    assert (yoga.certainty, yoga.effect_size) == ("very_low", "")
    assert "indirectness" in yoga.downgrades
    for therapy in ("acupressure", "massage", "yoga-and-stretching", "foot-reflexology"):
        assert grade(therapy, "restless-legs-syndrome").downgraded_for_indirectness, therapy


def test_exercise_for_fibromyalgia_is_graded_outcome_by_outcome_from_the_meta_analysis_not_the_reviews_scope(seeded):
    page = grade("exercise", "fibromyalgia")
    text = page.evidence_summary_html

    assert page.certainty == "low"
    assert page.downgrades == {"risk_of_bias", "inconsistency"}
    assert "<strong>Pain: low certainty</strong>" in text
    assert "<strong>Tiredness (fatigue): low certainty</strong>" in text
    assert "not enough checked evidence" in text
    assert "our grade does not rest on it" in text


def test_yoga_for_back_pain_says_there_is_not_enough_checked_evidence(seeded, client):
    page = grade("yoga-and-stretching", "chronic-low-back-pain")

    html = client.get(page.get_absolute_url()).content.decode()

    assert page.evidence_basis == EvidenceBasis.INSUFFICIENT
    assert (page.certainty, page.direction, page.label_key) == ("", "", "not-enough-evidence")
    assert "Not enough checked evidence" in html
    assert "low- to moderate-certainty" not in html  # a result our checked record does not hold


def test_the_facts_box_counts_only_studies_of_the_pages_condition(seeded, client):
    acupuncture = grade("acupuncture", "chronic-low-back-pain")
    sleep_hygiene = grade("sleep-hygiene", "insomnia")
    massage = grade("massage", "chronic-low-back-pain")

    html = client.get(acupuncture.get_absolute_url()).content.decode()
    facts = html[html.index('class="facts evidence"') : html.index("</dl>", html.index('class="facts evidence"'))]

    assert (acupuncture.studies_count, acupuncture.participants_count) == (None, None)
    assert "20827" not in facts and "20,827" not in facts
    assert "Not counted: the reviews cited pooled several conditions" in facts
    assert "39 trials (20,827 patients in all) across chronic musculoskeletal pain" in html
    assert (sleep_hygiene.studies_count, sleep_hygiene.participants_count) == (15, None)
    assert "evidence about insomnia treatments in general" in sleep_hygiene.evidence_summary
    assert (massage.studies_count, massage.participants_count) == (2, 663)


def test_mechanisms_are_hypotheses_wherever_benefit_is_not_established(seeded):
    for page in TherapyCondition.objects.published().exclude(certainty__in=["high", "moderate"]):
        text = page.why_it_may_work.lower()
        assert "not known" in text or "not established" in text, page


def test_the_condition_page_ranks_by_certainty_before_effect_size(seeded, client):
    html = client.get("/conditions/restless-legs-syndrome/").content.decode()
    start = html.index('<ol class="therapy-ranking">')
    ranked = html[start : html.index("</ol>", start)]
    unranked = html[html.index("therapy-ranking--unranked") :]

    names = [name for name in ("Iron supplementation", "Pneumatic compression") if name in ranked]
    assert names == ["Iron supplementation", "Pneumatic compression"]
    assert ranked.index("Iron supplementation") < ranked.index("Pneumatic compression")
    for very_uncertain in ("Massage", "Yoga and stretching", "Aerobic and resistance exercise", "Acupuncture"):
        assert very_uncertain not in ranked and very_uncertain in unranked, very_uncertain
    assert Condition.objects.get(slug="restless-legs-syndrome").therapy_pages.filter(certainty="low").count() == 1


def test_the_admin_shows_an_editor_what_the_rules_find_on_a_page(client, make_member, make_page, make_reference):
    make_reference(key="onetrial", title="Exercise for people on haemodialysis with restless legs", finding="")
    page = make_page(
        certainty="moderate",
        downgraded_for_risk_of_bias=True,
        evidence_summary="One trial [@onetrial].",
        studies_count=1,
    )
    editor = make_member(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(with_two_factor(editor))

    html = client.get(reverse("admin:therapies_therapycondition_change", args=[page.pk])).content.decode()

    assert "moderate certainty from a single study (at most low)" in html
    assert "evidence from a narrower population (onetrial), not marked as indirect" in html
