"""The follow-up figures of the statistics refresh: per treatment and condition, among the members who answered the
3-month (and the 12-month) follow-up, how many say it still helps and how many stopped because of side effects.

Each figure has its denominator and a 95% Wilson interval, and the survey's suppression rules apply unchanged
(`statistics.suppress`): no share below `SURVEY_MIN_RATED` answers, no non-zero count below `SURVEY_MIN_COUNT`, and
complementary suppression over the sums that tie the numbers together, so no hidden number follows from the shown
ones. The counts come from one grouped query, whatever the number of follow-ups; the figures are stored inside the
pair's `RemedyStatistic` row (`figures["follow_ups"]`), so pages read them with the one-shot figures, in the same
query.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from community.survey.followups.models import FollowUp
from community.survey.models import RemedyStatistic
from community.survey.statistics import Relation, suppress, wilson_interval

KINDS = tuple(FollowUp.Kind.values)  # 3, 12


def names(kind: int) -> dict[str, str]:
    return {
        "n": f"n_{kind}",
        "helping": f"helping_{kind}",
        "not_helping": f"not_helping_{kind}",
        "side_effects": f"stopped_side_effects_{kind}",
        "no_side_effects": f"not_stopped_side_effects_{kind}",
    }


RELATIONS = tuple(
    relation
    for kind in KINDS
    for relation in (
        Relation(names(kind)["n"], (names(kind)["helping"], names(kind)["not_helping"])),
        Relation(names(kind)["n"], (names(kind)["side_effects"], names(kind)["no_side_effects"])),
    )
)
# The answerers' number goes last: both shares are shares of it.
PRIORITY = {name: 0 for kind in KINDS for key, name in names(kind).items() if key != "n"} | {
    names(kind)["n"]: 1 for kind in KINDS
}


def counted_follow_ups():
    """Answered follow-ups of members whose consent to the statistics is in force."""
    return FollowUp.objects.answered().counted_members()


def follow_up_counts() -> dict[tuple[int, int], dict[str, int]]:
    """Counts per (condition, treatment), from one grouped query. The conditions are those of the answers the
    follow-up follows; each member counts once per group."""
    grouped = (
        counted_follow_ups()
        .filter(response__conditions__condition_id__isnull=False)
        .values_list(
            "response__conditions__condition_id", "treatment_id", "kind", "still_helping", "stopped_for_side_effects"
        )
        .annotate(members=Count("member_id", distinct=True))
        .order_by()
    )
    cells: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for condition_id, treatment_id, kind, helping, side_effects, n in grouped:
        cell, keys = cells[(condition_id, treatment_id)], names(kind)
        cell[keys["n"]] += n
        cell[keys["helping" if helping else "not_helping"]] += n
        cell[keys["side_effects" if side_effects else "no_side_effects"]] += n
    return cells


def follow_up_figures(counts: dict[str, int], *, min_rated: int, min_count: int) -> list[dict]:
    """What may be shown of one pair's follow-ups, per interval; hidden numbers are left out, not stored."""
    counts = {name: counts.get(name, 0) for kind in KINDS for name in names(kind).values()}
    hide = {
        name
        for kind in KINDS
        if counts[names(kind)["n"]] < min_rated
        for key, name in names(kind).items()
        if key != "n"
    }
    hidden = suppress(counts, RELATIONS, min_count=min_count, hide=hide, priority=PRIORITY)

    def share(name: str, n: int | None) -> dict | None:
        if name in hidden or n is None or n < min_rated:
            return None
        low, high = wilson_interval(counts[name], n)
        return {"count": counts[name], "share": counts[name] / n, "low": low, "high": high}

    figures = []
    for kind in KINDS:
        keys = names(kind)
        n = None if keys["n"] in hidden else counts[keys["n"]]
        figures.append(
            {
                "after_months": kind,
                "n": n,
                "still_helping": share(keys["helping"], n),
                "stopped_for_side_effects": share(keys["side_effects"], n),
            }
        )
    return figures


def add_follow_up_figures(rows: list[RemedyStatistic], *, min_rated: int, min_count: int) -> int:
    """Put each pair's follow-up figures into its treatment row; returns how many rows gained them. A pair that has
    follow-up answers but no one-shot figures this time (every answer about it withdrawn or changed) shows none."""
    cells = follow_up_counts()
    added = 0
    for row in rows:
        if row.kind != RemedyStatistic.Kind.TREATMENT:
            continue
        counts = cells.get((row.condition_id, row.treatment_id))
        if counts:
            row.figures["follow_ups"] = follow_up_figures(counts, min_rated=min_rated, min_count=min_count)
            added += 1
    return added
