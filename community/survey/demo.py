"""The survey's part of `manage.py seed_demo`: 400 synthetic members' answers, so that some figures show numbers and
others "not enough answers yet"; scale "large" adds 50,000 for benchmarks. Then the statistics are refreshed.

The members are invented and cannot sign in; their answers are drawn from fixed random seeds, so every run makes
the same data and a second run adds nothing. The draws are deliberately plain (no treatment is made to look like a
miracle) and exist to fill the pages, not to say anything about any treatment. A few tips, written for this
project, are shown as approved; a few names typed under "anything else" wait in the editors' queue.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils import timezone

from community.demo_data import DEMO_DOMAIN
from community.survey import definition as definitions
from community.survey import flow
from community.survey.actions import count_mentions, note_other_names
from community.survey.definition import Role, SurveyDef
from community.survey.models import (
    Consent,
    Response,
    ResponseCondition,
    Survey,
    Tip,
    Treatment,
    TreatmentReport,
)
from community.survey.statistics import refresh_statistics
from community.survey.treatments import list_all_therapies
from portal.models import User

DEMO_MEMBERS = 400
BENCHMARK_MEMBERS = 50_000
BATCH = 5_000

CONDITION_SHARE = {
    "restless-legs-syndrome": 0.62,
    "insomnia": 0.24,
    "fibromyalgia": 0.14,
    "chronic-low-back-pain": 0.14,
    "migraine": 0.1,
    "other": 0.04,
}
# How likely a member with the condition tried each therapy (therapy slugs of the demo knowledge base).
TRIED = {
    "restless-legs-syndrome": {
        "exercise": 0.45,
        "iron-supplementation": 0.4,
        "massage": 0.34,
        "sleep-hygiene": 0.33,
        "yoga-and-stretching": 0.3,
        "acupuncture": 0.2,
        "acupressure": 0.12,
        "pneumatic-compression": 0.07,
        "foot-reflexology": 0.05,
        "chinese-herbal-medicine": 0.04,
        "electroacupuncture": 0.03,
    },
    "insomnia": {"sleep-hygiene": 0.6, "cbt-i": 0.35, "exercise": 0.3, "yoga-and-stretching": 0.2, "acupuncture": 0.12},
    "fibromyalgia": {"exercise": 0.5, "yoga-and-stretching": 0.4, "massage": 0.35, "acupuncture": 0.25},
    "chronic-low-back-pain": {"exercise": 0.55, "massage": 0.45, "yoga-and-stretching": 0.35, "acupuncture": 0.3},
    "migraine": {"acupuncture": 0.3, "sleep-hygiene": 0.3, "exercise": 0.25, "acupressure": 0.1},
    "other": {"exercise": 0.3, "massage": 0.2},
}
# Weights of much better / a little better / no change / a little worse / much worse / too early: similar
# everywhere, a little apart.
OUTCOME_CODES = ("much_better", "a_little_better", "none", "a_little_worse", "much_worse", "too_early")
OUTCOME_WEIGHTS = {
    "iron-supplementation": (38, 22, 26, 3, 1, 10),
    "exercise": (38, 26, 24, 4, 2, 6),
    "cbt-i": (44, 22, 22, 3, 1, 8),
    "sleep-hygiene": (28, 30, 34, 1, 1, 6),
    "pneumatic-compression": (34, 24, 30, 3, 1, 8),
}
DEFAULT_WEIGHTS = (28, 26, 34, 3, 2, 7)
SIDE_EFFECTS = (("none", 74), ("mild", 19), ("moderate", 6), ("severe", 1))
OTHER_NAMES = ["Magnesium", "Compression socks", "Warm baths", "Vitamin D", "Weighted blanket"]
TIPS = [
    (
        "acupressure",
        "Pressing the point below the knee for two minutes on each leg before bed became a calming ritual for me, "
        "whatever else it does.",
    ),
    ("exercise", "A short walk after dinner helped more than a long one late in the evening."),
    ("iron-supplementation", "Get your ferritin checked before and after; my doctor only suggested it when I asked."),
    ("sleep-hygiene", "Same wake-up time every day, weekends too. It took three weeks to notice a difference."),
    ("massage", "Ask for firm pressure on the calves; a light massage did nothing for my legs."),
    ("yoga-and-stretching", "Calf and hamstring stretches held for thirty seconds, right before lights out."),
]


def seed_survey(*, scale: str, stdout, with_logins: bool) -> None:
    started = time.perf_counter()
    list_all_therapies()
    survey = Survey.objects.current()
    if survey is None:
        stdout.write("  No published survey: nothing to seed.")
        return
    definition = definitions.of(survey)
    created = _seed_members(survey, definition, prefix="survey", count=DEMO_MEMBERS, name="Survey member", seed=1)
    tips = _seed_tips(survey)
    stdout.write(f"  Survey responses: {created} new ({tips} tips) in {time.perf_counter() - started:.1f} s")
    if scale == "large":
        started = time.perf_counter()
        created = _seed_members(
            survey, definition, prefix="survey-bench", count=BENCHMARK_MEMBERS, name="Bench member", seed=2
        )
        stdout.write(f"  Benchmark survey responses: {created} new in {time.perf_counter() - started:.1f} s")
    _analyze()
    result = refresh_statistics()
    stdout.write(f"  Statistics: {result.rows} rows from {result.responses} responses in {result.seconds:.2f} s")


def _analyze() -> None:
    """After a bulk load PostgreSQL has no statistics on the new rows yet, and plans the refresh's joins as if the
    tables were empty (minutes instead of a second at 50,000 responses). Autovacuum would catch up later."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ("response", "responsecondition", "treatmentreport", "consent"):
            cursor.execute(f"ANALYZE community_{table}")


def _seed_members(survey: Survey, definition: SurveyDef, *, prefix: str, count: int, name: str, seed: int) -> int:
    now = timezone.now().replace(second=0, microsecond=0)
    treatments = dict(Treatment.objects.filter(listed=True).values_list("code", "pk"))
    extra_codes = sorted(code for code in treatments if not any(code in tried for tried in TRIED.values()))
    created = 0
    for start in range(0, count, BATCH):
        numbers = range(start + 1, min(start + BATCH, count) + 1)
        emails = {f"{prefix}-{n:05d}@{DEMO_DOMAIN}": n for n in numbers}
        existing = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
        User.objects.bulk_create(
            User(
                email=email,
                display_name=f"{name} {n:05d}",
                password=f"{UNUSABLE_PASSWORD_PREFIX}synthetic",
                email_frequency=User.EmailFrequency.NEVER,
                date_joined=now - timedelta(days=200),
            )
            for email, n in emails.items()
            if email not in existing
        )
        members = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
        answered = set(
            Response.objects.filter(survey=survey, member_id__in=members.values()).values_list("member_id", flat=True)
        )
        batch = []
        for email, member_id in members.items():
            if member_id in answered:
                continue
            rng = random.Random(f"{seed}-{emails[email]}")
            answers = _answers(rng, definition, treatments, extra_codes)
            submitted_at = now - timedelta(days=rng.randint(1, 150), minutes=rng.randint(0, 1440))
            batch.append((member_id, answers, submitted_at, rng))
        _record(survey, definition, batch, treatments)
        created += len(batch)
    return created


def _answers(rng: random.Random, definition: SurveyDef, treatments: dict, extra_codes: list[str]) -> dict:
    conditions = [code for code, share in CONDITION_SHARE.items() if rng.random() < share] or ["restless-legs-syndrome"]
    answers: dict = {
        "conditions": conditions,
        "years_since_onset": rng.randint(0, 30),
        "diagnosed": rng.choices(["yes", "no", "unsure"], weights=(70, 20, 10))[0],
        "age_band": rng.choices(["18_29", "30_44", "45_59", "60_74", "75_plus"], weights=(8, 22, 32, 28, 10))[0],
    }
    if rng.random() < 0.8:
        answers["sex"] = rng.choices(["female", "male", "another"], weights=(58, 40, 2))[0]
    legs = definition.section("legs")
    if "restless-legs-syndrome" in conditions and legs is not None:
        level = rng.choices([0, 1, 2, 3], weights=(6, 34, 42, 18))[0]
        for question in legs.questions:
            answers[question.code] = str(min(3, max(0, level + rng.choice((-1, 0, 0, 1)))))
    if any(code != "restless-legs-syndrome" for code in conditions):
        answers |= {"sleep_quality": str(rng.randint(1, 5)), "symptom_days": rng.randint(0, 7)}
        answers["pain"] = min(10, max(0, round(rng.gauss(5, 2.2))))
    tried = []
    for condition in conditions:
        for slug, chance in TRIED.get(condition, {}).items():
            if slug in treatments and slug not in tried and rng.random() < chance:
                tried.append(slug)
    if extra_codes and rng.random() < 0.3:
        tried += [code for code in rng.sample(extra_codes, k=min(2, len(extra_codes))) if code not in tried]
    if tried:
        answers["treatments_tried"] = tried
    entries = [flow.Tried(key=code, name=code) for code in tried]
    if rng.random() < 0.04:
        other = rng.choice(OTHER_NAMES)
        answers["treatments_other"] = other
        entries.append(flow.Tried(key="other-1", name=other, other_name=flow.compare_name(other)))
    for entry in entries:
        weights = OUTCOME_WEIGHTS.get(entry.key, DEFAULT_WEIGHTS)
        prefix = f"outcomes:{entry.key}:"
        answers[prefix + "status"] = rng.choice(["still", "stopped"])
        answers[prefix + "duration"] = rng.choice(["lt_1m", "1_3m", "3_12m", "gt_1y"])
        answers[prefix + "outcome"] = rng.choices(OUTCOME_CODES, weights=weights)[0]
        answers[prefix + "side_effects"] = rng.choices([c for c, _w in SIDE_EFFECTS], [w for _c, w in SIDE_EFFECTS])[0]
        answers[prefix + "recommend"] = rng.choice(["yes", "no", "unsure"])
    return answers


def _record(survey: Survey, definition: SurveyDef, batch: list, treatments: dict) -> None:
    """The rows `submit_response` writes, in bulk."""
    from therapies.models import Condition

    if not batch:
        return
    responses = Response.objects.bulk_create(
        Response(
            member_id=member_id,
            survey=survey,
            status=Response.Status.SUBMITTED,
            answers=answers,
            submitted_answers=answers,
            started_at=submitted_at - timedelta(minutes=12),
            updated_at=submitted_at,
            submitted_at=submitted_at,
        )
        for member_id, answers, submitted_at, _rng in batch
    )
    if responses[0].pk is None:  # a database that does not return ids from a bulk insert
        by_member = dict(
            Response.objects.filter(survey=survey, member_id__in=[b[0] for b in batch]).values_list("member_id", "pk")
        )
        for response in responses:
            response.pk = by_member[response.member_id]
    condition_ids = dict(Condition.objects.values_list("slug", "pk"))
    block = next(section.block for section in definition.sections if section.block)
    outcome, side_effects = block.item(Role.OUTCOME), block.item(Role.SIDE_EFFECTS)
    mapped = note_other_names(
        [flow.compare_name(name) for name in OTHER_NAMES],
        examples={flow.compare_name(name): name for name in OTHER_NAMES},
    )
    conditions, reports, consents = [], [], []
    names = {code: code for code in treatments}
    for response, (member_id, answers, submitted_at, rng) in zip(responses, batch, strict=True):
        severity = flow.severity_by_condition(definition, answers)
        for code in answers["conditions"]:
            found = severity.get(code)
            conditions.append(
                ResponseCondition(
                    response_id=response.pk,
                    code=code,
                    condition_id=condition_ids.get(code),
                    severity_band=found.band["code"] if found and found.band else "",
                    severity_score=found.score if found else None,
                )
            )
        for entry in flow.tried(definition, answers, names):
            reports.append(
                TreatmentReport(
                    response_id=response.pk,
                    treatment_id=mapped.get(entry.other_name) if entry.is_other else treatments.get(entry.key),
                    other_name=entry.other_name,
                    outcome=answers.get(flow.block_key(block, entry.key, outcome), ""),
                    side_effects=answers.get(flow.block_key(block, entry.key, side_effects), ""),
                )
            )
        wanted = [Consent.Purpose.STATISTICS]
        if rng.random() < 0.7:
            wanted.append(Consent.Purpose.RESEARCH)
        if rng.random() < 0.2:
            wanted.append(Consent.Purpose.RECONTACT)
        consents += [
            Consent(
                member_id=member_id,
                purpose=purpose,
                survey=survey,
                text=definition.consent_texts[purpose],
                granted_at=submitted_at,
            )
            for purpose in wanted
        ]
    ResponseCondition.objects.bulk_create(conditions, batch_size=BATCH)
    TreatmentReport.objects.bulk_create(reports, batch_size=BATCH)
    count_mentions([flow.compare_name(name) for name in OTHER_NAMES])
    Consent.objects.bulk_create(consents, batch_size=BATCH, ignore_conflicts=True)


def _seed_tips(survey: Survey) -> int:
    """A few approved tips, signed by the first demo survey members (never shown with them)."""
    members = list(
        User.objects.filter(email__startswith="survey-0", email__endswith=f"@{DEMO_DOMAIN}").order_by("email")[
            : len(TIPS)
        ]
    )
    treatments = {t.code: t for t in Treatment.objects.filter(code__in=[code for code, _text in TIPS])}
    created = 0
    for member, (code, text) in zip(members, TIPS, strict=False):
        treatment = treatments.get(code)
        if treatment is None:
            continue
        _tip, new = Tip.objects.get_or_create(
            member=member,
            survey=survey,
            treatment_name=treatment.name,
            defaults={"treatment": treatment, "text": text, "status": Tip.Status.APPROVED},
        )
        created += new
    return created
