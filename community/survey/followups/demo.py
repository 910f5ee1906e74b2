"""Follow-up answers for the demo members (`seed_demo`), and 100,000 for the benchmark members with `--scale
large`, so the statistics refresh is timed with them (bench/survey_refresh.py).

The synthetic members are treated as if they had sent their survey answers a year before: both follow-ups are due,
and most are answered (fewer at 12 months), with answers that lean on the outcome they reported.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from django.utils import timezone

from community.demo_data import DEMO_DOMAIN
from community.survey.followups import definition as follow_up_definition
from community.survey.followups.models import FollowUp
from community.survey.models import TreatmentReport

BATCH = 5_000
LARGE_FOLLOW_UPS = 100_000
ANSWERED_SHARE = {3: 0.7, 12: 0.5}
STOP_REASONS = ["stopped_helping", "side_effects", "cost", "hard_to_keep_up", "symptoms_went_away", "other"]


def _answers(rng: random.Random, outcome: str) -> dict:
    keeps_going = 0.75 if outcome in ("much_better", "a_little_better") else 0.3
    if rng.random() < keeps_going:
        helping = ["a_lot", "somewhat", "a_little", "not_any_more"]
        weights = [4, 3, 2, 1] if outcome == "much_better" else [1, 2, 3, 2]
        return {"still_using": "yes", "still_helping": rng.choices(helping, weights)[0]}
    reasons = rng.sample(STOP_REASONS, k=rng.choice([1, 1, 2]))
    return {"still_using": "no", "stopped_why": reasons}


def seed_follow_ups(*, email_prefix: str, limit: int | None = None, seed: int = 18) -> int:
    """Follow-ups for the members whose address starts with `email_prefix` on the demo domain; returns how many new."""
    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    survey = follow_up_definition.current_survey()
    reports = (
        TreatmentReport.objects.filter(
            response__member__email__startswith=email_prefix,
            response__member__email__endswith=f"@{DEMO_DOMAIN}",
            treatment__isnull=False,
        )
        .exclude(outcome="")
        .order_by("pk")
        .values_list("response_id", "response__member_id", "treatment_id", "outcome")
    )
    created = made = 0
    rows = []
    for response_id, member_id, treatment_id, outcome in reports.iterator(chunk_size=BATCH):
        for kind in FollowUp.Kind.values:
            if limit is not None and made >= limit:
                break
            made += 1
            due_on = today - timedelta(days=rng.randint(1, 60) + (12 - kind) * 30)
            answered = rng.random() < ANSWERED_SHARE[kind]
            answers = _answers(rng, outcome) if answered else {}
            helping, side_effects = follow_up_definition.derived(answers) if answered else (None, None)
            rows.append(
                FollowUp(
                    member_id=member_id,
                    response_id=response_id,
                    treatment_id=treatment_id,
                    kind=kind,
                    due_on=due_on,
                    invited_at=now,
                    answered_at=now - timedelta(days=rng.randint(0, 20)) if answered else None,
                    survey=survey if answered else None,
                    answers=answers,
                    still_helping=helping,
                    stopped_for_side_effects=side_effects,
                )
            )
        if len(rows) >= BATCH:
            created += len(FollowUp.objects.bulk_create(rows, ignore_conflicts=True))
            rows = []
        if limit is not None and made >= limit:
            break
    created += len(FollowUp.objects.bulk_create(rows, ignore_conflicts=True))
    return created


def seed_demo_follow_ups(*, scale: str, stdout, with_logins: bool) -> None:
    """The seed step (after the survey's): follow-ups for its demo members, and the benchmark's with "large"."""
    from community.survey.statistics import refresh_statistics

    started = time.perf_counter()
    created = seed_follow_ups(email_prefix="survey-0")
    stdout.write(f"  Survey follow-ups: {created} new in {time.perf_counter() - started:.1f} s")
    if scale == "large":
        started = time.perf_counter()
        created = seed_follow_ups(email_prefix="survey-bench-", limit=LARGE_FOLLOW_UPS, seed=19)
        stdout.write(f"  Benchmark survey follow-ups: {created} new in {time.perf_counter() - started:.1f} s")
    _analyze()
    result = refresh_statistics()
    stdout.write(f"  Statistics with follow-ups: {result.rows} rows in {result.seconds:.2f} s")


def _analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE community_followup")
