"""How sure we are: GRADE-style evidence vocabulary, the one plain-language label, and the ranking.

The grade is an editor's judgement, never computed. What is computed here is
only how that judgement reads to a visitor and where it sorts on a condition
page. Every page and the API call `evidence_label`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceBasis(models.TextChoices):
    GRADED = "graded", _("Graded from studies in people")
    # The studies a page cites, as recorded in the checked list, cannot carry a grade (a review cited only for its
    # scope, no result for the condition): the page says so rather than guess.
    INSUFFICIENT = "insufficient", _("Not enough checked evidence to grade")
    TRADITIONAL = "traditional", _("Traditional use only — not studied in people")


class Certainty(models.TextChoices):
    HIGH = "high", _("High")
    MODERATE = "moderate", _("Moderate")
    LOW = "low", _("Low")
    VERY_LOW = "very_low", _("Very low")


class Direction(models.TextChoices):
    BENEFIT = "benefit", _("Benefit")
    NO_EFFECT = "no_effect", _("No effect")
    HARM = "harm", _("Harm")
    MIXED = "mixed", _("Mixed")


class EffectSize(models.TextChoices):
    LARGE = "large", _("Large")
    MODERATE = "moderate", _("Moderate")
    SMALL = "small", _("Small")
    TRIVIAL = "trivial", _("Trivial")


class Safety(models.TextChoices):
    GENERALLY_SAFE = "safe", _("Generally safe with a qualified practitioner")
    CAUTION = "caution", _("Use with caution")
    AVOID = "avoid", _("Avoid")


@dataclass(frozen=True)
class EvidenceLabel:
    key: str
    text: str
    # "positive", "neutral" or "negative": a styling hint only; the words always carry the meaning.
    tone: str
    # False for labels that sit in the unranked group on condition pages.
    ranked: bool


_BENEFIT = {
    Certainty.HIGH: EvidenceLabel("helps", _("Helps"), "positive", True),
    Certainty.MODERATE: EvidenceLabel("probably-helps", _("Probably helps"), "positive", True),
    Certainty.LOW: EvidenceLabel("may-help", _("May help"), "positive", True),
}
_NO_EFFECT = {
    Certainty.HIGH: EvidenceLabel("does-not-help", _("Does not help"), "neutral", True),
    Certainty.MODERATE: EvidenceLabel("probably-does-not-help", _("Probably does not help"), "neutral", True),
    Certainty.LOW: EvidenceLabel("may-not-help", _("May not help"), "neutral", True),
}
_HARM = {
    Certainty.HIGH: EvidenceLabel("harmful", _("Is harmful"), "negative", True),
    Certainty.MODERATE: EvidenceLabel("probably-harmful", _("Probably harmful"), "negative", True),
    Certainty.LOW: EvidenceLabel("may-be-harmful", _("May be harmful"), "negative", True),
}
_MIXED = EvidenceLabel("mixed", _("Results are mixed"), "neutral", True)
VERY_UNCERTAIN = EvidenceLabel("very-uncertain", _("Evidence is very uncertain"), "neutral", False)
TRADITIONAL_ONLY = EvidenceLabel(
    "traditional-use-only", _("Traditional use only — not studied in people"), "neutral", False
)
NOT_ENOUGH_EVIDENCE = EvidenceLabel("not-enough-evidence", _("Not enough checked evidence"), "neutral", False)
NOT_ASSESSED = EvidenceLabel("not-assessed", _("Not yet assessed"), "neutral", False)


def evidence_label(*, basis: str, certainty: str | None, direction: str | None) -> EvidenceLabel:
    """The plain label a reader sees for an editor's grade: certainty × direction."""
    if basis == EvidenceBasis.TRADITIONAL:
        return TRADITIONAL_ONLY
    if basis == EvidenceBasis.INSUFFICIENT:
        return NOT_ENOUGH_EVIDENCE
    if not certainty or not direction:
        return NOT_ASSESSED
    if certainty == Certainty.VERY_LOW:
        return VERY_UNCERTAIN
    if direction == Direction.MIXED:
        return _MIXED
    table = {Direction.BENEFIT: _BENEFIT, Direction.NO_EFFECT: _NO_EFFECT, Direction.HARM: _HARM}[direction]
    return table[certainty]


ALL_LABELS = [
    *_BENEFIT.values(),
    _MIXED,
    *_NO_EFFECT.values(),
    *_HARM.values(),
    VERY_UNCERTAIN,
    NOT_ENOUGH_EVIDENCE,
    TRADITIONAL_ONLY,
    NOT_ASSESSED,
]
LABELS_BY_KEY = {label.key: label for label in ALL_LABELS}

_DIRECTION_ORDER = [Direction.BENEFIT, Direction.MIXED, Direction.NO_EFFECT, Direction.HARM]
_CERTAINTY_ORDER = [Certainty.HIGH, Certainty.MODERATE, Certainty.LOW, Certainty.VERY_LOW]
_EFFECT_ORDER = [EffectSize.LARGE, EffectSize.MODERATE, EffectSize.SMALL, EffectSize.TRIVIAL]
_SAFETY_ORDER = [Safety.GENERALLY_SAFE, Safety.CAUTION, Safety.AVOID]


def _position(order: list, value) -> int:
    return order.index(value) if value in order else len(order)


def ranking_key(*, direction: str, certainty: str, effect_size: str | None, safety: str | None, name: str) -> tuple:
    """Sort key for the ranked group: certainty of benefit, then effect size, then safety.

    Benefit sorts before mixed, no effect and harm; within a direction, surer
    evidence first. Page views and payment never enter into it.
    """
    direction_rank = _position(_DIRECTION_ORDER, direction)
    certainty_rank = _position(_CERTAINTY_ORDER, certainty)
    if direction != Direction.BENEFIT:
        # For "no effect" and "harm", surer evidence is worse news: it sorts lower.
        certainty_rank = -certainty_rank
    return (
        direction_rank,
        certainty_rank,
        _position(_EFFECT_ORDER, effect_size),
        _position(_SAFETY_ORDER, safety),
        name.lower(),
    )


def ranked_and_unranked(pages) -> tuple[list, list]:
    """A condition's therapy pages as its page lists them: those whose label ranks them, by `ranking_key`, then
    the others (very uncertain, not enough checked evidence, traditional use only, not assessed) by name.

    Certainty comes before effect size (`ranking_key`): a large effect seen with low certainty never lifts a page
    above one whose benefit is surer, and a very uncertain page is not ranked at all."""
    ranked = sorted(
        (page for page in pages if page.label.ranked),
        key=lambda page: ranking_key(
            direction=page.direction,
            certainty=page.certainty,
            effect_size=page.effect_size,
            safety=page.therapy.safety,
            name=page.therapy.name,
        ),
    )
    unranked = sorted((page for page in pages if not page.label.ranked), key=lambda page: page.therapy.name.lower())
    return ranked, unranked


# --- The grading rules ------------------------------------------------------------------------------------------------
# The grade stays an editor's judgement; these are the limits the studies a page cites put on it, as the GRADE
# approach applies them. The demo's grades are tested against them (tests/therapies/test_grading_rules.py), and the
# admin shows what they find on a page.

DOWNGRADE_DOMAINS = ("risk_of_bias", "inconsistency", "indirectness", "imprecision", "publication_bias")
# A trial that lost more than this share of the people it randomised is at serious risk of bias.
HIGH_ATTRITION = 0.2
# Populations narrower than a condition's: evidence from them alone is indirect for everyone else with it.
NARROWER_POPULATIONS = ("dialysis",)
# Designs that report results in people; guidelines, protocols and validation studies do not count as a page's
# evidence of benefit.
RESULT_DESIGNS = ("RCT", "meta-analysis", "systematic review", "cohort", "case report")
SINGLE_STUDY_DESIGNS = ("RCT", "cohort", "case report")

_RANDOMISED_COMPLETED = re.compile(r"(\d[\d,]*) \w+ randomised \((\d[\d,]*) completed\)")
_OF_COMPLETED = re.compile(r"(\d[\d,]*) of (\d[\d,]*) \w+ completed")


@dataclass(frozen=True)
class CitedStudy:
    """What the checked reference list records about one cited study, as far as the grading rules need it."""

    key: str
    design: str
    # The checked list's `condition` column: "restless legs syndrome (hemodialysis)" names a narrower population.
    # (A review across several conditions is not narrower: the facts box does not count it for one of them.)
    population: str
    randomised: int | None = None
    completed: int | None = None

    @classmethod
    def from_checked_row(cls, row) -> CitedStudy:
        """One row of the checked list (references.csv); the numbers of a trial's drop-outs come from its finding."""
        randomised = completed = None
        finding = row.get("finding", "")
        if match := _RANDOMISED_COMPLETED.search(finding):
            randomised, completed = (int(n.replace(",", "")) for n in match.groups())
        elif match := _OF_COMPLETED.search(finding):
            completed, randomised = (int(n.replace(",", "")) for n in match.groups())
        return cls(
            key=row["key"],
            design=row["design"],
            population=row["condition"],
            randomised=randomised,
            completed=completed,
        )

    @classmethod
    def from_reference(cls, reference) -> CitedStudy:
        """A Reference as stored; its title stands in for the population (the model keeps no condition column)."""
        row = {
            "key": reference.key,
            "design": reference.kind,
            "condition": reference.title,
            "finding": reference.finding,
        }
        return cls.from_checked_row(row)

    @property
    def reports_results(self) -> bool:
        return self.design in RESULT_DESIGNS

    @property
    def high_attrition(self) -> bool:
        return (
            bool(self.randomised)
            and self.completed is not None
            and self.completed < (1 - HIGH_ATTRITION) * (self.randomised or 0)
        )

    @property
    def narrower_population(self) -> bool:
        return any(word in self.population.lower() for word in NARROWER_POPULATIONS)


_CERTAINTY_LEVEL = {Certainty.HIGH: 4, Certainty.MODERATE: 3, Certainty.LOW: 2, Certainty.VERY_LOW: 1}


def grading_problems(
    *,
    basis: str,
    certainty: str,
    downgrades: set[str] | frozenset[str],
    studies_count: int | None,
    studies: list[CitedStudy],
) -> list[str]:
    """Where a grade claims more than the cited studies allow; an empty list when it keeps within them.

    - A graded page has a certainty; a page whose studies cannot carry one says "not enough checked evidence".
    - Every domain rated down costs at least one level from *high*, and a grade below *high* names its reasons.
    - One study, or a trial that lost many of its participants, gives at most *low* certainty, rated down for
      imprecision or risk of bias.
    - Evidence from a narrower population (people on dialysis, for RLS) is marked as indirect.
    """
    problems: list[str] = []
    if basis != EvidenceBasis.GRADED:
        if certainty:
            problems.append("a page that is not graded carries a certainty")
        return problems
    level = _CERTAINTY_LEVEL.get(certainty)
    if level is None:
        return ["a graded page has no certainty: grade it, or say there is not enough checked evidence"]
    if unknown := set(downgrades) - set(DOWNGRADE_DOMAINS):
        problems.append(f"unknown downgrade domains {sorted(unknown)}")
    if level > 4 - len(downgrades):
        problems.append(f"{certainty} certainty although {len(downgrades)} domain(s) were rated down")
    if level < 4 and not downgrades:
        problems.append(f"{certainty} certainty without a reason for rating down")
    with_results = [study for study in studies if study.reports_results]
    # One trial, counted as such or the only study with results that the page cites (a review pools several).
    single_trial = len(with_results) == 1 and with_results[0].design in SINGLE_STUDY_DESIGNS
    if studies_count == 1 or single_trial:
        if level > 2:
            problems.append(f"{certainty} certainty from a single study (at most low)")
        if "imprecision" not in downgrades:
            problems.append("a single study, not rated down for imprecision")
    attrition = [study.key for study in with_results if study.high_attrition]
    if attrition:
        if level > 2:
            problems.append(f"{certainty} certainty with a high-attrition trial ({', '.join(attrition)}; at most low)")
        if "risk_of_bias" not in downgrades:
            problems.append(f"a high-attrition trial ({', '.join(attrition)}), not rated down for risk of bias")
    narrower = [study.key for study in with_results if study.narrower_population]
    if narrower and "indirectness" not in downgrades:
        problems.append(f"evidence from a narrower population ({', '.join(narrower)}), not marked as indirect")
    return problems
