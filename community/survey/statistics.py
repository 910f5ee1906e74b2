"""Remedy statistics, computed honestly: counts of members, 95% Wilson intervals, and small numbers suppressed.

For each treatment in each condition: the members who tried it (`n_tried`), those who rated its effect
(`n_rated`, leaving out "too early to tell", whose number is shown too), the share for whom it "helped" (the top
grade, "much better", of the symmetric outcome scale) with its Wilson interval, the outcome distribution, and the
share with side effects; for each condition, the distribution of severity bands.

Suppression: no percentage below `SURVEY_MIN_RATED` raters and no non-zero count below `SURVEY_MIN_COUNT`. The
numbers of one figure set add up (tried = too early + rated, rated = helped + not helped, …), so hiding one
small number is not enough: `suppress` keeps hiding the next smallest number until no hidden one follows from the
shown ones by any combination of those sums (checked with exact linear algebra). Hidden numbers are never stored.
"""

from __future__ import annotations

import functools
import math
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from community.invalidation import statistics_changed
from community.survey import definition as definitions
from community.survey import flow
from community.survey.definition import Role
from community.survey.models import (
    RemedyStatistic,
    Response,
    ResponseCondition,
    StatisticsRefresh,
    Treatment,
    TreatmentReport,
)

Z_95 = 1.959963984540054
SIDE_EFFECT_CODES = ("mild", "moderate", "severe")
DEFAULT_OUTCOME_LABELS = {
    "much_better": "Much better",
    "a_little_better": "A little better",
    "none": "No change",
    "a_little_worse": "A little worse",
    "much_worse": "Much worse",
}


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default), as fractions of 1."""
    if n <= 0 or not 0 <= successes <= n:
        raise ValueError(f"no interval for {successes} of {n}")
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - margin), min(1.0, centre + margin)


# --- Suppression -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """`total` is the sum of `parts`."""

    total: str
    parts: tuple[str, ...]


# Which number to give up first when one more must be hidden: those that tell the reader least. The number who
# rated a treatment goes last, since every share is a share of it.
CELL_PRIORITY = {
    "a_little_worse": 0,
    "much_worse": 1,
    "a_little_better": 2,
    "none": 3,
    "much_better": 4,
    "not_helped": 5,
    "no_side_effects": 6,
    "side_effects": 7,
    "n_too_early": 8,
    "helped": 9,
    "n_tried": 10,
    "n_rated": 11,
}
CELL_RELATIONS = (
    Relation("n_tried", ("n_too_early", "n_rated")),
    Relation("n_rated", ("helped", "not_helped")),
    Relation("helped", flow.HELPED),
    Relation("not_helped", tuple(code for code in flow.OUTCOMES if code not in flow.HELPED)),
    Relation("n_tried", ("side_effects", "no_side_effects")),
)


def _reduced(rows: list[list[Fraction]]) -> list[list[Fraction]]:
    """The reduced row echelon form of `rows` (exact arithmetic)."""
    rows = [row[:] for row in rows]
    pivot_row = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(pivot_row, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
    return rows[:pivot_row]


def derivable(hidden: Iterable[str], relations: Iterable[Relation]) -> set[str]:
    """The hidden numbers that the shown ones determine exactly through the sums in `relations`."""
    return set(_derivable(frozenset(hidden), tuple(relations)))


@functools.lru_cache(maxsize=4096)
def _derivable(hidden: frozenset[str], relations: tuple[Relation, ...]) -> frozenset[str]:
    # The sums form linear equations in the hidden numbers (the shown ones are constants). A hidden number is
    # determined exactly when its unit vector lies in the span of the equations, which in reduced row echelon
    # form means some row is that unit vector. The same hidden sets recur across cells, hence the cache.
    variables = sorted(hidden)
    if not variables:
        return frozenset()
    index = {name: i for i, name in enumerate(variables)}
    rows = []
    for relation in relations:
        row = [Fraction(0)] * len(variables)
        for name, sign in [(relation.total, 1), *((part, -1) for part in relation.parts)]:
            if name in index:
                row[index[name]] += sign
        if any(row):
            rows.append(row)
    found = set()
    for row in _reduced(rows):
        nonzero = [i for i, value in enumerate(row) if value != 0]
        if len(nonzero) == 1:
            found.add(variables[nonzero[0]])
    return frozenset(found)


def suppress(
    counts: dict[str, int],
    relations: tuple[Relation, ...],
    *,
    min_count: int,
    hide: Iterable[str] = (),
    priority: dict[str, int] | None = None,
) -> set[str]:
    """The numbers to hide: every non-zero one below `min_count`, those in `hide`, and as many more as it takes
    for none of them to follow from the shown ones. Among the candidates, a non-zero number of low `priority`
    goes first, then the smallest; without priorities, parts go before totals."""
    priority = priority or {}
    hidden = {name for name, value in counts.items() if 0 < value < min_count} | set(hide)
    while exposed := derivable(hidden, relations):
        # Any shown number that shares a sum with an exposed one will do; take the one that tells the reader least.
        candidates = [
            (counts[member] == 0, priority.get(member, 1 if member == relation.total else 0), counts[member], member)
            for relation in relations
            if exposed & {relation.total, *relation.parts}
            for member in (relation.total, *relation.parts)
            if member not in hidden
        ]
        if not candidates:  # pragma: no cover - an exposed number always shares a sum with a shown one
            break
        hidden.add(min(candidates)[-1])
    return hidden


# --- One figure set --------------------------------------------------------------------------------------------------


def cell_figures(counts: dict[str, int], *, min_rated: int, min_count: int, labels: dict[str, str]) -> dict:
    """What may be shown of one treatment in one condition; hidden numbers are left out, not stored."""
    hide: set[str] = set()
    if counts["n_rated"] < min_rated:
        hide |= {"helped", "not_helped", *flow.OUTCOMES}
    if counts["n_tried"] < min_rated:
        hide |= {"side_effects", "no_side_effects"}
    hidden = suppress(counts, CELL_RELATIONS, min_count=min_count, hide=hide, priority=CELL_PRIORITY)

    def shown(name: str) -> int | None:
        return None if name in hidden else counts[name]

    n_tried, n_rated, helped = shown("n_tried"), shown("n_rated"), shown("helped")
    figures: dict = {"n_tried": n_tried, "n_rated": n_rated, "n_too_early": shown("n_too_early")}
    # Who tried it, when only the small "too early" number keeps it hidden: the range anyone can work out from
    # what is shown ("n rated it, and fewer than min_count said it was too early"), and nothing more.
    figures["n_tried_range"] = (
        [n_rated + 1, n_rated + min_count - 1]
        if n_tried is None and n_rated is not None and 0 < counts["n_too_early"] < min_count
        else None
    )
    rated_enough = n_rated is not None and n_rated >= min_rated
    figures["helped"] = None
    if rated_enough and helped is not None:
        low, high = wilson_interval(helped, n_rated)
        figures["helped"] = {"count": helped, "share": helped / n_rated, "low": low, "high": high}
    figures["outcomes"] = (
        [
            {
                "code": code,
                "label": labels.get(code, code),
                "count": shown(code),
                "share": None if shown(code) is None else counts[code] / n_rated,
            }
            for code in flow.OUTCOMES
        ]
        if rated_enough
        else None
    )
    side_effects = shown("side_effects")
    figures["side_effects"] = (
        {"count": side_effects, "share": side_effects / n_tried}
        if side_effects is not None and n_tried is not None and n_tried >= min_rated
        else None
    )
    return figures


def severity_figures(
    band_counts: dict[str, int],
    bands: list[tuple[str, str]],
    *,
    score_name: str,
    min_rated: int,
    min_count: int,
    score_note: str = "",
) -> dict:
    """The severity distribution of one condition. Only bands of the current version's score are counted: answers
    to an earlier, different score (the restless legs score of version 1) cannot be read on this one."""
    counts = {"n": sum(band_counts.get(code, 0) for code, _label in bands)}
    counts |= {code: band_counts.get(code, 0) for code, _label in bands}
    hide = {code for code, _label in bands} if counts["n"] < min_rated else set()
    hidden = suppress(counts, (Relation("n", tuple(code for code, _l in bands)),), min_count=min_count, hide=hide)
    n = None if "n" in hidden else counts["n"]
    return {
        "score_name": score_name,
        "score_note": score_note,
        "n": n,
        "bands": (
            [
                {
                    "code": code,
                    "label": label,
                    "count": None if code in hidden else counts[code],
                    "share": None if code in hidden else counts[code] / n,
                }
                for code, label in bands
            ]
            if n is not None and n >= min_rated
            else None
        ),
    }


# --- The refresh -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefreshResult:
    responses: int
    rows: int
    seconds: float


def _labels():
    """Outcome labels and each condition's severity bands, from the current survey version."""
    definition = definitions.current()
    labels = dict(DEFAULT_OUTCOME_LABELS)
    bands: dict[str, tuple[str, str, list[tuple[str, str]]]] = {}
    if definition is None:
        return labels, bands
    block = next((section.block for section in definition.sections if section.block), None)
    outcome = block.item(Role.OUTCOME) if block else None
    if outcome is not None:
        labels |= {option.code: option.label for option in outcome.options}
    conditions = definition.with_role(Role.CONDITIONS)
    for section in definition.sections:
        if section.score_bands and section.show_if and conditions and section.show_if.question == conditions.code:
            for code in section.show_if.options:
                bands.setdefault(
                    code,
                    (section.score_name, section.score_note, [(b["code"], b["label"]) for b in section.score_bands]),
                )
    return labels, bands


def compute_statistics(*, min_rated: int, min_count: int, now=None) -> tuple[list[RemedyStatistic], int]:
    """The statistics rows from the counted responses (a handful of grouped queries, whatever their number)."""
    from therapies.models import Condition

    now = now or timezone.now()
    counted = Response.objects.counted()
    responses = counted.count()
    members = Count("response__member_id", distinct=True)  # each member once, however they are joined in
    grouped = (
        TreatmentReport.objects.filter(response__in=counted.values("pk"), treatment__isnull=False)
        .values_list("response__conditions__condition_id", "treatment_id", "outcome", "side_effects")
        .annotate(members=members)
        .order_by()
    )
    cells: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for condition_id, treatment_id, answered, side_effects, n in grouped:
        outcome = flow.outcome_on_scale(answered)
        if condition_id is None or outcome not in (*flow.OUTCOMES, flow.TOO_EARLY):
            continue
        cell = cells[(condition_id, treatment_id)]
        cell["n_tried"] += n
        cell["n_too_early" if outcome == flow.TOO_EARLY else "n_rated"] += n
        if outcome != flow.TOO_EARLY:
            cell[outcome] += n
            cell["helped" if outcome in flow.HELPED else "not_helped"] += n
        cell["side_effects" if side_effects in SIDE_EFFECT_CODES else "no_side_effects"] += n
    severity = (
        ResponseCondition.objects.filter(response__in=counted.values("pk"), condition__isnull=False)
        .exclude(severity_band="")
        .values_list("condition_id", "severity_band")
        .annotate(members=members)
        .order_by()
    )
    bands_found: dict[int, dict[str, int]] = defaultdict(dict)
    for condition_id, band, n in severity:
        bands_found[condition_id][band] = n
    therapy_of = dict(Treatment.objects.values_list("pk", "therapy_id"))
    slug_of = dict(Condition.objects.values_list("pk", "slug"))
    labels, bands = _labels()

    rows = []
    for (condition_id, treatment_id), cell in cells.items():
        counts = {name: cell.get(name, 0) for name in _CELL_NAMES}
        figures = cell_figures(counts, min_rated=min_rated, min_count=min_count, labels=labels)
        rows.append(
            RemedyStatistic(
                kind=RemedyStatistic.Kind.TREATMENT,
                condition_id=condition_id,
                treatment_id=treatment_id,
                therapy_id=therapy_of.get(treatment_id),
                n_tried=figures["n_tried"] or (figures["n_tried_range"] or [None])[0],
                helped_lower=figures["helped"]["low"] if figures["helped"] else None,
                figures=figures,
                refreshed_at=now,
            )
        )
    for condition_id, slug in slug_of.items():
        if slug not in bands:
            continue
        score_name, score_note, band_list = bands[slug]
        figures = severity_figures(
            bands_found.get(condition_id, {}),
            band_list,
            score_name=score_name,
            score_note=score_note,
            min_rated=min_rated,
            min_count=min_count,
        )
        rows.append(
            RemedyStatistic(
                kind=RemedyStatistic.Kind.SEVERITY, condition_id=condition_id, figures=figures, refreshed_at=now
            )
        )
    # Issue 18: "still helping at 3 and 12 months" and "stopped because of side effects", in the same rows.
    from community.survey.followups.statistics import add_follow_up_figures

    add_follow_up_figures(rows, min_rated=min_rated, min_count=min_count)
    return rows, responses


_CELL_NAMES = {name for relation in CELL_RELATIONS for name in (relation.total, *relation.parts)}


def refresh_statistics() -> RefreshResult:
    """Recompute every statistic and swap the table's contents in one transaction."""
    started = time.perf_counter()
    now = timezone.now()
    rows, responses = compute_statistics(
        min_rated=settings.SURVEY_MIN_RATED, min_count=settings.SURVEY_MIN_COUNT, now=now
    )
    with transaction.atomic():
        RemedyStatistic.objects.all().delete()
        RemedyStatistic.objects.bulk_create(rows, batch_size=1000)
        seconds = time.perf_counter() - started
        updated = StatisticsRefresh.objects.filter(pk=1).update(
            refreshed_at=now, responses_counted=responses, seconds=seconds
        )
        if not updated:
            StatisticsRefresh.objects.create(pk=1, refreshed_at=now, responses_counted=responses, seconds=seconds)
        statistics_changed()
    return RefreshResult(responses=responses, rows=len(rows), seconds=time.perf_counter() - started)
