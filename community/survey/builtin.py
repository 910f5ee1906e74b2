"""The built-in survey as plain data, one dict per version: data migrations load them and publish them.

Never edit a version after it has been published: members' answers point at it (version 1 by migration 0005,
version 2 by migration 0010). A change is a new version, here with its own migration or in the admin ("make a new
version"), which keeps the item and answer codes.

Version 1's restless legs block followed the ten topics, the 0–4 answers and the bands of the International
Restless Legs Scale (IRLS) too closely. Version 2 replaces it with a score of our own, `LEGS_SECTION`: six
questions on different ground (evenings affected, when symptoms start, sitting through an evening, falling asleep,
night waking, plans given up), answered 0–3, total 0–18, in three bands of our own; it is not comparable with the
IRLS. A validated scale is licensed, and nothing of one is copied here: an operator holding a licence loads it as a
new version with `manage.py load_licensed_scale` (see `community/survey/licensed.py`).

Version 2 also asks the outcome of each treatment on a symmetric scale (as many grades of worse as of better), and
its introduction and consent texts say who can read which answers; see `flow.OUTCOME_FROM_VERSION_1` for how
version 1's outcome answers are read on the new scale.
"""

from __future__ import annotations

import copy
from typing import Any

CONDITIONS = [
    ("restless-legs-syndrome", "Restless legs syndrome (Willis–Ekbom disease)"),
    ("insomnia", "Insomnia"),
    ("fibromyalgia", "Fibromyalgia"),
    ("chronic-low-back-pain", "Chronic low back pain"),
    ("migraine", "Migraine"),
    ("other", "Another long-term condition"),
]
OTHER_CONDITIONS = ",".join(code for code, _label in CONDITIONS if code != "restless-legs-syndrome")


def _scale(*labels: str) -> list[tuple[str, str, int]]:
    """Answers scored 0, 1, 2 … in the order given; the code is the score."""
    return [(str(score), label, score) for score, label in enumerate(labels)]


NOT_AT_ALL_TO_EXTREMELY = ("Not at all", "A little", "Moderately", "Very much", "Extremely")

RLS_ITEMS = [
    (
        "rls_discomfort",
        "How unpleasant were the feelings in your legs (or arms)?",
        _scale(*NOT_AT_ALL_TO_EXTREMELY),
    ),
    (
        "rls_urge",
        "When those feelings came, how strong was the need to move?",
        _scale("There was no need", "Slight", "Noticeable", "Strong", "Impossible to resist"),
    ),
    (
        "rls_relief",
        "When you got up and moved about, how much did the feelings ease?",
        _scale(
            "I had nothing to ease",
            "They went away almost completely",
            "They eased a good deal",
            "They eased only a little",
            "They did not ease at all",
        ),
    ),
    (
        "rls_sleep",
        "How much did your legs keep you from falling asleep or wake you in the night?",
        _scale("Not at all", "A little", "On and off", "A lot", "Most of most nights"),
    ),
    (
        "rls_tiredness",
        "How tired or drowsy did your legs leave you during the day?",
        _scale(*NOT_AT_ALL_TO_EXTREMELY),
    ),
    (
        "rls_overall",
        "Taking everything together, how much trouble did your restless legs give you?",
        _scale("None", "A little", "A fair amount", "A lot", "A great deal"),
    ),
    (
        "rls_frequency",
        "On how many of the seven days did the feelings come?",
        _scale("None", "One day", "Two or three days", "Four or five days", "Six or seven days"),
    ),
    (
        "rls_average_day",
        "On a typical day with symptoms, how intense were they?",
        _scale("I had no symptoms", "Faint", "Clear but bearable", "Hard to bear", "Almost unbearable"),
    ),
    (
        "rls_daily_life",
        "How much did your legs get in the way of work, family, errands or things you enjoy?",
        _scale("Not at all", "A little", "Somewhat", "A lot", "They ruled the day"),
    ),
    (
        "rls_mood",
        "How much did your legs affect your mood: feeling low, short-tempered, anxious or fed up?",
        _scale(*NOT_AT_ALL_TO_EXTREMELY),
    ),
]

RLS_BANDS = [
    {"code": "none", "label": "No symptoms (0)", "min": 0, "max": 0},
    {"code": "mild", "label": "Mild (1–10)", "min": 1, "max": 10},
    {"code": "moderate", "label": "Moderate (11–20)", "min": 11, "max": 20},
    {"code": "severe", "label": "Severe (21–30)", "min": 21, "max": 30},
    {"code": "very_severe", "label": "Very severe (31–40)", "min": 31, "max": 40},
]
GENERAL_BANDS = [
    {"code": "none", "label": "None (0)", "min": 0, "max": 0},
    {"code": "mild", "label": "Mild (1–3)", "min": 1, "max": 3},
    {"code": "moderate", "label": "Moderate (4–6)", "min": 4, "max": 6},
    {"code": "severe", "label": "Severe (7–10)", "min": 7, "max": 10},
]

OUTCOME_ITEMS: list[dict[str, Any]] = [
    {
        "code": "status",
        "kind": "single",
        "text": "Do you still use it?",
        "options": [("still", "Yes, I still use it"), ("stopped", "No, I have stopped")],
    },
    {
        "code": "duration",
        "kind": "single",
        "text": "For how long did you use it (or have you used it so far)?",
        "options": [
            ("lt_1m", "Less than a month"),
            ("1_3m", "One to three months"),
            ("3_12m", "Three months to a year"),
            ("gt_1y", "More than a year"),
        ],
    },
    {
        "code": "outcome",
        "kind": "single",
        "role": "outcome",
        "text": "How did your symptoms change while you used it?",
        "help": "Your own impression is what we ask for. If you started recently, choose “too early to tell”.",
        "options": [
            ("major", "A big improvement"),
            ("moderate", "A clear improvement"),
            ("slight", "A slight improvement"),
            ("none", "No change"),
            ("worse", "Worse"),
            ("too_early", "Too early to tell"),
        ],
    },
    {
        "code": "side_effects",
        "kind": "single",
        "role": "side_effects",
        "text": "Did it cause side effects?",
        "options": [
            ("none", "None"),
            ("mild", "Mild ones"),
            ("moderate", "Moderate ones"),
            ("severe", "Severe ones"),
        ],
    },
    {
        "code": "side_effects_which",
        "kind": "short_text",
        "required": False,
        "text": "If it did, which side effects?",
    },
    {
        "code": "recommend",
        "kind": "single",
        "text": "Would you suggest it to someone with the same condition?",
        "options": [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")],
    },
    {
        "code": "cost",
        "kind": "single",
        "required": False,
        "text": "How did the cost feel?",
        "options": [
            ("none", "It cost nothing"),
            ("easy", "Easy to afford"),
            ("stretch", "A stretch"),
            ("hard", "Hard to afford"),
        ],
    },
    {
        "code": "tip",
        "kind": "long_text",
        "role": "tip",
        "required": False,
        "text": "A tip for others who try it",
        "help": (
            "Shown on the therapy's page without your name and apart from your other answers, once a moderator "
            "has read it. Please leave out names of people, clinics and products."
        ),
    },
]

SURVEY: dict[str, Any] = {
    "slug": "experience",
    "version": 1,
    "title": "Your symptoms and what you tried",
    "intro": (
        "Tell us how your condition affects you and which treatments you have tried, with how they went. "
        "It takes about ten minutes, and you can stop at any step and come back later.\n\n"
        "Your answers are added up with everyone else's into the community statistics on the therapy pages. "
        "No one else ever sees your individual answers."
    ),
    "consent_intro": (
        "Before you send your answers, please choose how we may use them. You can change your mind at any time "
        "on the page with your answers."
    ),
    "consent_statistics": (
        "Count my answers in the community statistics. They are only ever shown added up with other members' "
        "answers, and a figure is left out until enough members have answered. This is needed to send the survey."
    ),
    "consent_research": (
        "Share my answers with researchers, without my name, e-mail, display name or anything I typed in my "
        "own words, and with dates only to the month. Researchers must not try to find out who I am."
    ),
    "consent_recontact": (
        "E-mail me when a follow-up survey is ready, at most a few times a year. We never pass your address on."
    ),
    "sections": [
        {
            "code": "about",
            "title": "About you",
            "intro": "A few facts that help us compare like with like. Only the conditions question is about health.",
            "questions": [
                {
                    "code": "conditions",
                    "kind": "multiple",
                    "role": "conditions",
                    "text": "Which conditions do you live with?",
                    "help": "Choose every one that applies.",
                    "options": CONDITIONS,
                },
                {
                    "code": "years_since_onset",
                    "kind": "number",
                    "text": "About how many years ago did your symptoms begin?",
                    "help": "Write 0 if it was less than a year ago.",
                    "min": 0,
                    "max": 90,
                },
                {
                    "code": "diagnosed",
                    "kind": "single",
                    "text": "Has a doctor or another clinician diagnosed your condition?",
                    "options": [("yes", "Yes"), ("no", "No"), ("unsure", "I am not sure")],
                },
                {
                    "code": "diagnosed_when",
                    "kind": "month_year",
                    "required": False,
                    "text": "When were you diagnosed?",
                    "help": "Month and year, as near as you remember. Leave it empty if you were not diagnosed.",
                },
                {
                    "code": "age_band",
                    "kind": "single",
                    "text": "How old are you?",
                    "options": [
                        ("18_29", "18 to 29"),
                        ("30_44", "30 to 44"),
                        ("45_59", "45 to 59"),
                        ("60_74", "60 to 74"),
                        ("75_plus", "75 or older"),
                    ],
                },
                {
                    "code": "sex",
                    "kind": "single",
                    "required": False,
                    "text": "What is your sex?",
                    "options": [("female", "Female"), ("male", "Male"), ("another", "Another answer")],
                },
                {
                    "code": "country",
                    "kind": "short_text",
                    "required": False,
                    "text": "Which country do you live in?",
                },
            ],
        },
        {
            "code": "rls",
            "title": "Restless legs in the past seven days",
            "intro": (
                "Ten questions about the past week, each answered on a scale from 0 to 4. Together they make the "
                "Remedy Commons restless legs score, from 0 to 40. It is our own score, written for this site; "
                "it covers the same ground as the scales doctors use but is not one of them."
            ),
            "show_if": ("conditions", "restless-legs-syndrome"),
            "score_name": "Remedy Commons restless legs score (0–40)",
            "score_bands": RLS_BANDS,
            "questions": [
                {"code": code, "kind": "item_0_4", "role": "scored", "text": text, "options": options}
                for code, text, options in RLS_ITEMS
            ],
        },
        {
            "code": "general",
            "title": "Your symptoms in the past seven days",
            "intro": "Three short questions about your other conditions.",
            "show_if": ("conditions", OTHER_CONDITIONS),
            "score_name": "Pain or discomfort on an average day (0–10)",
            "score_bands": GENERAL_BANDS,
            "questions": [
                {
                    "code": "sleep_quality",
                    "kind": "rating_1_5",
                    "text": "How well did you sleep, on the whole?",
                    "options": [
                        ("1", "Very badly", 1),
                        ("2", "Badly", 2),
                        ("3", "Neither well nor badly", 3),
                        ("4", "Well", 4),
                        ("5", "Very well", 5),
                    ],
                },
                {
                    "code": "symptom_days",
                    "kind": "number",
                    "text": "On how many of the seven days did you have symptoms?",
                    "min": 0,
                    "max": 7,
                },
                {
                    "code": "pain",
                    "kind": "number",
                    "role": "scored",
                    "text": "On an average day, how much pain or discomfort did you have?",
                    "help": "From 0 (none) to 10 (as bad as you can imagine).",
                    "min": 0,
                    "max": 10,
                },
            ],
        },
        {
            "code": "treatments",
            "title": "What you have tried",
            "intro": "Medicines from your doctor count too if they are on the list; so do things you tried briefly.",
            "questions": [
                {
                    "code": "treatments_tried",
                    "kind": "multiple",
                    "role": "treatments",
                    "required": False,
                    "text": "Which of these have you tried for your symptoms?",
                    "help": "Choose every one you tried. On the next page you say how each one went.",
                },
                {
                    "code": "treatments_other",
                    "kind": "long_text",
                    "role": "other_treatments",
                    "required": False,
                    "text": "Anything else you tried?",
                    "help": "One per line, up to five. Our editors add common answers to the list above.",
                },
            ],
        },
        {
            "code": "outcomes",
            "title": "How each treatment went",
            "intro": "The same few questions for each treatment you chose.",
            "questions": [
                {
                    "code": "outcomes",
                    "kind": "therapy_outcome",
                    "text": "How it went",
                    "items": OUTCOME_ITEMS,
                }
            ],
        },
    ],
}


# --- Version 2 -------------------------------------------------------------------------------------------------------

LEGS_ITEMS = [
    (
        "legs_evenings",
        "On how many of the past seven evenings or nights did restless legs (or arms) bother you?",
        ["None of them", "One or two", "Three to five", "Six or all seven"],
    ),
    (
        "legs_start_time",
        "On your worst day this week, by what time of day had the feelings started?",
        ["They did not come", "Only once I was in bed", "In the evening", "In the afternoon or earlier"],
    ),
    (
        "legs_sitting",
        "How well could you sit through something in the evening, such as a film, a meal out or a journey?",
        [
            "Without any trouble",
            "I had to shift about now and then",
            "I had to get up at least once",
            "I could not stay seated",
        ],
    ),
    (
        "legs_falling_asleep",
        "Once you lay down, how long did your legs usually keep you from falling asleep?",
        ["Not at all", "Less than half an hour", "Half an hour to two hours", "More than two hours"],
    ),
    (
        "legs_night_waking",
        "How often did your legs wake you, or get you out of bed, during the night?",
        ["Never", "On one or two nights", "Once on most nights", "More than once on most nights"],
    ),
    (
        "legs_plans",
        "How often did you cut short, change or skip plans because of your legs?",
        ["Never", "Once", "Two or three times", "More often than that"],
    ),
]
LEGS_BANDS = [
    {"code": "symptom_free", "label": "No symptoms this week (0)", "min": 0, "max": 0},
    {"code": "light", "label": "Light (1–5)", "min": 1, "max": 5},
    {"code": "marked", "label": "Marked (6–11)", "min": 6, "max": 11},
    {"code": "heavy", "label": "Heavy (12–18)", "min": 12, "max": 18},
]
LEGS_SCORE_NAME = "Remedy Commons restless legs score (0–18)"
LEGS_SCORE_NOTE = (
    "Our own six questions, written for this site: not a validated clinical scale, and not comparable with the "
    "IRLS (International Restless Legs Scale) or its bands."
)
LEGS_SECTION: dict[str, Any] = {
    "code": "legs",
    "title": "Restless legs in the past seven days",
    "intro": (
        "Six questions about the past week, each answered from 0 to 3. Together they make the Remedy Commons "
        "restless legs score, from 0 to 18. It is our own score, written for this site: it is not a validated "
        "clinical scale, and its numbers cannot be compared with the IRLS or any other scale doctors use."
    ),
    "show_if": ("conditions", "restless-legs-syndrome"),
    "score_name": LEGS_SCORE_NAME,
    "score_note": LEGS_SCORE_NOTE,
    "score_bands": LEGS_BANDS,
    "questions": [
        {
            "code": code,
            "kind": "single",
            "role": "scored",
            "text": text,
            "options": [(str(score), label, score) for score, label in enumerate(labels)],
        }
        for code, text, labels in LEGS_ITEMS
    ],
}
SYMMETRIC_OUTCOMES = [
    ("much_better", "Much better"),
    ("a_little_better", "A little better"),
    ("none", "No change"),
    ("a_little_worse", "A little worse"),
    ("much_worse", "Much worse"),
    ("too_early", "Too early to tell"),
]

# Who can read what, as the code has it (tests/survey/test_promises.py checks these words against the admin, the
# staff groups and the research export): nobody sees an individual answer publicly; moderators read tips, editors
# read typed treatment names, administrators can do both; researchers get pseudonymised rows with research consent.
INTRO_V2 = (
    "Tell us how your condition affects you and which treatments you have tried, with how they went. "
    "It takes about ten minutes, and you can stop at any step and come back later.\n\n"
    "Every question in this survey is about your health, so we treat all your answers as health information. "
    "They are added up with other members' answers into the community statistics on the therapy pages; no "
    "individual answer is ever shown publicly, and nobody is shown your answers with your name.\n\n"
    "A few people read some of what you type, never with your name: moderators read a tip you write for others "
    "before it is shown on the therapy's page (on its own, apart from your other answers), and editors read the "
    "names of treatments you type under “anything else”, to add common ones to the list. Site administrators can "
    "do what moderators and editors do. Researchers receive your answers only if you agree at the end: as "
    "pseudonymised rows, under a code instead of your name, without anything you typed in your own words."
)
CONSENT_INTRO_V2 = (
    "Before you send your answers, please choose how we may use them. Every question in this survey is about your "
    "health, so all your answers are health information, used only as you choose here. You can change your mind at "
    "any time on the page with your answers."
)
CONSENT_RESEARCH_V2 = (
    "Share my answers with researchers as pseudonymised rows: editors download, for researchers, the answers of "
    "members who chose this, with my name, e-mail and display name replaced by a code (the same code in every "
    "download, so the rows are pseudonymised, not anonymous), without anything I typed in my own words, and with "
    "dates only to the month. Researchers must not try to find out who I am."
)


def _version_2() -> dict[str, Any]:
    survey = copy.deepcopy(SURVEY)
    survey |= {
        "version": 2,
        "intro": INTRO_V2,
        "consent_intro": CONSENT_INTRO_V2,
        "consent_research": CONSENT_RESEARCH_V2,
    }
    sections = {section["code"]: section for section in survey["sections"]}
    sections["about"]["intro"] = (
        "A few facts that help us compare like with like. Like every answer in this survey, they are health "
        "information: together they describe you and your condition."
    )
    for question in sections["treatments"]["questions"]:
        if question["code"] == "treatments_other":
            question["help"] = (
                "One per line, up to five. Our editors read these names, without your name, and add common ones to "
                "the list above."
            )
    for item in sections["outcomes"]["questions"][0]["items"]:
        if item["code"] == "outcome":
            item["options"] = list(SYMMETRIC_OUTCOMES)
    survey["sections"] = [LEGS_SECTION if section["code"] == "rls" else section for section in survey["sections"]]
    return survey


SURVEY_V2 = _version_2()

# Version 3 (issue 18) says that we ask again about each treatment at 3 and 12 months, how, and how to stop: in the
# introduction and in the statistics consent, so the ledger keeps the promise the member agreed to
# (`community/survey/followups/` does exactly this; tests/survey/test_promises.py checks the words against it).
FOLLOW_UP_PROMISE = (
    "About each treatment you rate, we will ask you again 3 months and 12 months after you send your answers "
    "whether you still use it, whether it still helps and, if you stopped, why. We ask in your notifications on the "
    "site and by e-mail, unless your notification settings say never to e-mail you. Your follow-up answers are "
    "counted in the statistics like your other answers. You can tell us to stop asking about one treatment, or "
    "about all of them, at any time."
)


def _version_3() -> dict[str, Any]:
    survey = copy.deepcopy(SURVEY_V2)
    survey |= {
        "version": 3,
        "intro": f"{INTRO_V2}\n\n{FOLLOW_UP_PROMISE}",
        "consent_statistics": f"{SURVEY_V2['consent_statistics']} {FOLLOW_UP_PROMISE}",
    }
    return survey


SURVEY_V3 = _version_3()
VERSIONS = [SURVEY, SURVEY_V2, SURVEY_V3]


def load(data: dict[str, Any], *, Survey, Section, Question, Option, status: str = "published", now=None):
    """Create a survey version from `data` with the given model classes (historical ones in a migration)."""
    survey = Survey.objects.create(
        slug=data["slug"],
        version=data["version"],
        title=data["title"],
        intro=data["intro"],
        consent_intro=data["consent_intro"],
        consent_statistics=data["consent_statistics"],
        consent_research=data["consent_research"],
        consent_recontact=data["consent_recontact"],
        status=status,
        published_at=now if status == "published" else None,
    )
    for section_position, section_data in enumerate(data["sections"], start=1):
        show_question, show_options = section_data.get("show_if") or ("", "")
        section = Section.objects.create(
            survey=survey,
            position=section_position,
            code=section_data["code"],
            title=section_data["title"],
            intro=section_data.get("intro", ""),
            show_if_question=show_question,
            show_if_options=show_options,
            score_name=section_data.get("score_name", ""),
            score_bands=section_data.get("score_bands", []),
            # Version 1's migration runs before sections had a note.
            **({"score_note": section_data["score_note"]} if section_data.get("score_note") else {}),
        )
        for position, question_data in enumerate(section_data["questions"], start=1):
            block = _question(survey, section, None, position, question_data, Question=Question, Option=Option)
            for item_position, item in enumerate(question_data.get("items", []), start=1):
                _question(survey, section, block, item_position, item, Question=Question, Option=Option)
    return survey


def _question(survey, section, block, position, data, *, Question, Option):
    show_question, show_options = data.get("show_if") or ("", "")
    question = Question.objects.create(
        survey=survey,
        section=section,
        block=block,
        position=position,
        code=data["code"],
        kind=data["kind"],
        role=data.get("role", ""),
        text=data["text"],
        help_text=data.get("help", ""),
        required=data.get("required", True),
        min_value=data.get("min"),
        max_value=data.get("max"),
        show_if_question=show_question,
        show_if_options=show_options,
    )
    Option.objects.bulk_create(
        Option(question=question, position=option_position, code=option[0], label=option[1], score=_score(option))
        for option_position, option in enumerate(data.get("options", []), start=1)
    )
    return question


def _score(option: tuple) -> int | None:
    return option[2] if len(option) > 2 else None
