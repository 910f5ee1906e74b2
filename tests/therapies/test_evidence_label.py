"""The one plain-language label: every certainty × direction, and the ranking on condition pages."""

import itertools

import pytest

from therapies.evidence import (
    Certainty,
    Direction,
    EffectSize,
    EvidenceBasis,
    Safety,
    evidence_label,
    ranked_and_unranked,
    ranking_key,
)

EXPECTED = {
    ("high", "benefit"): "Helps",
    ("moderate", "benefit"): "Probably helps",
    ("low", "benefit"): "May help",
    ("very_low", "benefit"): "Evidence is very uncertain",
    ("high", "no_effect"): "Does not help",
    ("moderate", "no_effect"): "Probably does not help",
    ("low", "no_effect"): "May not help",
    ("very_low", "no_effect"): "Evidence is very uncertain",
    ("high", "harm"): "Is harmful",
    ("moderate", "harm"): "Probably harmful",
    ("low", "harm"): "May be harmful",
    ("very_low", "harm"): "Evidence is very uncertain",
    ("high", "mixed"): "Results are mixed",
    ("moderate", "mixed"): "Results are mixed",
    ("low", "mixed"): "Results are mixed",
    ("very_low", "mixed"): "Evidence is very uncertain",
}


def test_every_combination_is_covered():
    assert set(EXPECTED) == set(itertools.product(Certainty.values, Direction.values))


@pytest.mark.parametrize(("certainty", "direction"), list(EXPECTED))
def test_each_grade_reads_as_its_plain_label(certainty, direction):
    label = evidence_label(basis=EvidenceBasis.GRADED, certainty=certainty, direction=direction)

    assert str(label.text) == EXPECTED[(certainty, direction)]
    assert label.ranked is (certainty != "very_low")


@pytest.mark.parametrize(("certainty", "direction"), [("", ""), ("high", ""), ("", "benefit"), (None, None)])
def test_a_missing_grade_reads_as_not_yet_assessed(certainty, direction):
    label = evidence_label(basis=EvidenceBasis.GRADED, certainty=certainty, direction=direction)

    assert str(label.text) == "Not yet assessed"
    assert not label.ranked


@pytest.mark.parametrize(("certainty", "direction"), [("", ""), ("high", "benefit")])
def test_traditional_use_is_kept_apart_from_the_grades(certainty, direction):
    label = evidence_label(basis=EvidenceBasis.TRADITIONAL, certainty=certainty, direction=direction)

    assert str(label.text) == "Traditional use only — not studied in people"
    assert not label.ranked


def rank(*entries):
    return sorted(
        entries,
        key=lambda e: ranking_key(direction=e[1], certainty=e[2], effect_size=e[3], safety=e[4], name=e[0]),
    )


def test_ranking_puts_surer_benefit_first_then_effect_size_then_safety():
    ordered = rank(
        ("low benefit", Direction.BENEFIT, Certainty.LOW, EffectSize.LARGE, Safety.GENERALLY_SAFE),
        ("high benefit small", Direction.BENEFIT, Certainty.HIGH, EffectSize.SMALL, Safety.GENERALLY_SAFE),
        ("high benefit large, caution", Direction.BENEFIT, Certainty.HIGH, EffectSize.LARGE, Safety.CAUTION),
        ("high benefit large, safe", Direction.BENEFIT, Certainty.HIGH, EffectSize.LARGE, Safety.GENERALLY_SAFE),
        ("moderate no effect", Direction.NO_EFFECT, Certainty.MODERATE, "", Safety.GENERALLY_SAFE),
        ("high harm", Direction.HARM, Certainty.HIGH, "", Safety.AVOID),
        ("low harm", Direction.HARM, Certainty.LOW, "", Safety.AVOID),
        ("mixed", Direction.MIXED, Certainty.MODERATE, "", Safety.GENERALLY_SAFE),
    )

    assert [entry[0] for entry in ordered] == [
        "high benefit large, safe",
        "high benefit large, caution",
        "high benefit small",
        "low benefit",
        "mixed",
        "moderate no effect",
        "low harm",
        "high harm",
    ]


@pytest.mark.parametrize(("certainty", "direction"), [("", ""), ("low", "benefit")])
def test_not_enough_checked_evidence_is_a_label_of_its_own_kept_out_of_the_ranking(certainty, direction):
    label = evidence_label(basis=EvidenceBasis.INSUFFICIENT, certainty=certainty, direction=direction)

    assert str(label.text) == "Not enough checked evidence"
    assert not label.ranked


def test_a_large_effect_at_low_certainty_never_ranks_above_a_surer_small_benefit():
    ordered = rank(
        ("low, large effect", Direction.BENEFIT, Certainty.LOW, EffectSize.LARGE, Safety.GENERALLY_SAFE),
        (
            "moderate, trivial effect, caution",
            Direction.BENEFIT,
            Certainty.MODERATE,
            EffectSize.TRIVIAL,
            Safety.CAUTION,
        ),
        ("moderate, no size stated", Direction.BENEFIT, Certainty.MODERATE, "", Safety.AVOID),
    )

    assert [entry[0] for entry in ordered] == [
        "moderate, trivial effect, caution",
        "moderate, no size stated",
        "low, large effect",
    ]


def test_very_uncertain_pages_are_listed_apart_whatever_their_effect_size(make_page, make_condition):
    condition = make_condition(name="Restless legs syndrome")
    surer = make_page(condition=condition, certainty="low", effect_size="small", downgraded_for_imprecision=True)
    shaky = make_page(condition=condition, certainty="very_low", effect_size="large", downgraded_for_imprecision=True)

    ranked, unranked = ranked_and_unranked(list(condition.therapy_pages.all().select_related("therapy")))

    assert ranked == [surer] and unranked == [shaky]
