"""How sure we are: GRADE-style evidence vocabulary, the one plain-language label, and the ranking.

The grade is an editor's judgement, never computed. What is computed here is
only how that judgement reads to a visitor and where it sorts on a condition
page. Every page, and later the API, calls `evidence_label`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceBasis(models.TextChoices):
    GRADED = "graded", _("Graded from studies in people")
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
NOT_ASSESSED = EvidenceLabel("not-assessed", _("Not yet assessed"), "neutral", False)


def evidence_label(*, basis: str, certainty: str | None, direction: str | None) -> EvidenceLabel:
    """The plain label a reader sees for an editor's grade: certainty × direction."""
    if basis == EvidenceBasis.TRADITIONAL:
        return TRADITIONAL_ONLY
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
    the others (traditional use only, not assessed) by name."""
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
