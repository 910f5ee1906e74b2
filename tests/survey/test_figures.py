"""The arithmetic of the statistics: Wilson intervals, suppression of small numbers (and of the numbers that would
give them away), and the ranking of "most often reported as helpful" by the interval's lower bound."""

from __future__ import annotations

import random

import pytest

from community.survey.reading import Cell, ConditionReport
from community.survey.statistics import CELL_RELATIONS, cell_figures, derivable, suppress, wilson_interval

LABELS = {"much_better": "Much better"}


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857-872, table I, the score interval without correction.
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        # Symmetric around one half.
        (10, 20, 0.2993, 0.7007),
    ],
)
def test_the_wilson_interval_matches_published_values(successes, n, low, high):
    lower, upper = wilson_interval(successes, n)

    assert round(lower, 4) == low
    assert round(upper, 4) == high


def test_the_wilson_interval_stays_inside_zero_and_one():
    assert wilson_interval(20, 20)[1] == 1.0
    assert wilson_interval(0, 5)[0] == 0.0
    with pytest.raises(ValueError):
        wilson_interval(3, 0)


def counts(
    *, much_better=0, a_little_better=0, none=0, a_little_worse=0, much_worse=0, too_early=0, side_effects=0
) -> dict[str, int]:
    rated = much_better + a_little_better + none + a_little_worse + much_worse
    return {
        "n_tried": rated + too_early,
        "n_rated": rated,
        "n_too_early": too_early,
        "helped": much_better,
        "not_helped": a_little_better + none + a_little_worse + much_worse,
        "much_better": much_better,
        "a_little_better": a_little_better,
        "none": none,
        "a_little_worse": a_little_worse,
        "much_worse": much_worse,
        "side_effects": side_effects,
        "no_side_effects": rated + too_early - side_effects,
    }


def figures(values: dict[str, int]) -> dict:
    return cell_figures(values, min_rated=20, min_count=10, labels=LABELS)


def test_no_share_is_shown_below_twenty_raters_and_one_is_at_twenty():
    below = figures(counts(much_better=10, a_little_better=9))
    at = figures(counts(much_better=10, a_little_better=10))

    assert below["n_rated"] is None or below["n_rated"] == 19
    assert below["helped"] is None and below["outcomes"] is None
    assert at["n_rated"] == 20
    assert at["helped"]["share"] == 0.5
    assert [row["code"] for row in at["outcomes"]] == [
        "much_better",
        "a_little_better",
        "none",
        "a_little_worse",
        "much_worse",
    ]
    assert [row["count"] for row in at["outcomes"]] == [10, 10, 0, 0, 0]


def test_helped_is_the_top_grade_only_and_its_share_counts_every_rater():
    shown = figures(counts(much_better=12, a_little_better=18, none=20, a_little_worse=10, much_worse=10))

    assert shown["n_rated"] == 70
    assert shown["helped"]["count"] == 12
    assert shown["helped"]["share"] == 12 / 70
    assert (shown["helped"]["low"], shown["helped"]["high"]) == wilson_interval(12, 70)
    assert shown["outcomes"][0]["label"] == "Much better"


def test_a_small_top_grade_hides_the_helped_share_with_it():
    shown = figures(counts(much_better=6, a_little_better=20, none=20, a_little_worse=10, much_worse=10))

    assert shown["n_rated"] == 66
    assert shown["helped"] is None
    assert {row["code"]: row["count"] for row in shown["outcomes"]}["much_better"] is None


def test_no_count_below_ten_is_shown_and_ten_is():
    nine = figures(counts(none=9))
    ten = figures(counts(none=10))

    assert nine["n_tried"] is None and nine["n_rated"] is None
    assert ten["n_tried"] == 10 and ten["n_rated"] == 10
    # Ten who rated it is a number we show, but not yet a share.
    assert ten["helped"] is None


def test_zero_is_shown_as_zero():
    shown = figures(counts(much_better=15, a_little_better=15, none=12, a_little_worse=0, much_worse=0))

    assert shown["n_too_early"] == 0
    assert [row["count"] for row in shown["outcomes"]] == [15, 15, 12, 0, 0]


def test_one_small_number_takes_another_with_it():
    shown = figures(counts(much_better=40, a_little_better=30, none=25, a_little_worse=3, much_worse=0))

    outcome = {row["code"]: row["count"] for row in shown["outcomes"]}
    assert outcome["a_little_worse"] is None
    # "a little worse" would be rated − helped − a little better − no change − much worse: one more has to go.
    assert [outcome["a_little_better"], outcome["none"]].count(None) == 1
    assert outcome["much_worse"] == 0
    assert shown["helped"]["count"] == 40 and shown["n_rated"] == 98


def test_a_small_too_early_number_keeps_the_shares_and_gives_the_tried_number_as_a_range():
    shown = figures(
        counts(
            much_better=40, a_little_better=30, none=25, a_little_worse=12, much_worse=0, too_early=4, side_effects=20
        )
    )

    assert shown["n_too_early"] is None
    assert shown["n_rated"] == 107 and shown["helped"] is not None
    assert shown["n_tried"] is None
    assert shown["n_tried_range"] == [108, 116]


def _visible(values: dict[str, int], shown: dict) -> dict[str, int]:
    """Every number a reader can read or compute from a figure set: counts, and counts behind shares."""
    known = {name: shown[name] for name in ("n_tried", "n_rated", "n_too_early") if shown[name] is not None}
    if shown["helped"]:
        known["helped"] = shown["helped"]["count"]
        assert round(shown["helped"]["share"] * shown["n_rated"]) == known["helped"]
    for row in shown["outcomes"] or []:
        if row["count"] is not None:
            known[row["code"]] = row["count"]
    if shown["side_effects"]:
        known["side_effects"] = shown["side_effects"]["count"]
    return known


def _consistent(assigned: dict[str, int], unknown: list[str], values: dict[str, int], reach: int) -> bool:
    """Whether the unknown numbers can be filled in (non-negative, near the truth) so that every sum holds."""
    assigned = dict(assigned)
    changed = True
    while changed:  # a sum with one unknown left fixes it
        changed = False
        for relation in CELL_RELATIONS:
            members = [relation.total, *relation.parts]
            missing = [m for m in members if m not in assigned]
            if len(missing) == 1:
                (name,) = missing
                parts = sum(assigned.get(p, 0) for p in relation.parts)
                assigned[name] = parts if name == relation.total else assigned[relation.total] - (parts)
                if assigned[name] < 0:
                    return False
                changed = True
            elif not missing and assigned[relation.total] != sum(assigned[p] for p in relation.parts):
                return False
    left = [name for name in unknown if name not in assigned]
    if not left:
        return True
    name = left[0]
    return any(
        _consistent({**assigned, name: value}, unknown, values, reach)
        for value in range(max(0, values[name] - reach), values[name] + reach + 1)
    )


def _recoverable(values: dict[str, int], known: dict[str, int], reach: int = 3) -> set[str]:
    """Hidden numbers for which no other value fits what is shown: a search for another filling of the sums."""
    hidden = [name for name in values if name not in known]
    recoverable = set()
    for name in hidden:
        others = [values[name] + d for d in range(-reach, reach + 1) if d and values[name] + d >= 0]
        if not any(_consistent({**known, name: other}, hidden, values, reach) for other in others):
            recoverable.add(name)
    return recoverable


@pytest.mark.parametrize("seed", range(40))
def test_a_hidden_number_cannot_be_worked_out_from_the_numbers_shown(seed):
    rng = random.Random(seed)
    values = counts(
        much_better=rng.choice([0, 2, 6, 14, 30, 45]),
        a_little_better=rng.choice([0, 1, 8, 11, 25]),
        none=rng.choice([0, 4, 10, 19, 33]),
        a_little_worse=rng.choice([0, 2, 7, 13]),
        much_worse=rng.choice([0, 1, 5, 12]),
        too_early=rng.choice([0, 1, 5, 10, 17]),
        side_effects=0,
    )
    values["side_effects"] = rng.randint(0, values["n_tried"])
    values["no_side_effects"] = values["n_tried"] - values["side_effects"]
    shown = figures(values)

    known = _visible(values, shown)
    worked_out = _recoverable(values, known)
    # Nothing a reader can read or work out is a small number…
    for name in {*known, *worked_out}:
        assert values[name] == 0 or values[name] >= 10, f"{name}={values[name]} can be known"
    # …and no number the page hides can be worked out (the sums the page never prints may be, when not small).
    assert worked_out <= {"not_helped", "no_side_effects"}


def test_suppression_keeps_going_until_nothing_follows():
    values = counts(much_better=30, a_little_better=5, none=20, a_little_worse=20, much_worse=20)

    hidden = suppress(values, CELL_RELATIONS, min_count=10)

    # "A little better" is small; not helped (= rated − helped) is known, so one more of its parts must go.
    assert "a_little_better" in hidden
    assert hidden & {"none", "a_little_worse", "much_worse", "not_helped"}
    assert derivable(hidden, CELL_RELATIONS) == set()


def cell(name: str, helped: int, rated: int) -> Cell:
    low, high = wilson_interval(helped, rated)
    return Cell(
        treatment=name,
        treatment_code=name.lower(),
        therapy_slug=name.lower(),
        condition_name="Restless legs syndrome",
        condition_slug="restless-legs-syndrome",
        figures={
            "n_tried": rated,
            "n_rated": rated,
            "helped": {"count": helped, "share": helped / rated, "low": low, "high": high},
        },
    )


def test_most_often_helpful_is_ranked_by_the_lower_bound_not_the_share():
    report = ConditionReport(condition_name="Restless legs syndrome", condition_slug="restless-legs-syndrome")
    report.cells = [cell("Few", 17, 20), cell("Many", 160, 200), cell("Middling", 30, 60)]

    ranked = [c.treatment for c in report.most_helpful]

    # 85% of 20 (lower bound 64%) comes after 80% of 200 (lower bound 74%).
    assert ranked == ["Many", "Few", "Middling"]
    assert report.cells[0].helped["share"] > report.cells[1].helped["share"]
