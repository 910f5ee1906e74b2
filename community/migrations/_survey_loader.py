"""The survey versions the migrations load, frozen as they were published (surveys/*.json), and the loader they use.

A migration must give the same database whenever it runs, so it reads neither the survey definitions in
`community/survey/builtin.py` nor its `load()`, which may change later; tests/survey/test_frozen_versions.py holds
the code's definitions to these files. Django's migration loader skips this module: its name starts with "_".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SURVEYS = Path(__file__).resolve().parent / "surveys"


def definition(name: str) -> dict[str, Any]:
    """One frozen version: "survey_v1", "survey_v2", "survey_v3" or "follow_up_v1"."""
    return json.loads((SURVEYS / f"{name}.json").read_text(encoding="utf-8"))


def load_once(apps, data: dict[str, Any], *, now) -> None:
    """Create the version `data` with the migration's historical models, unless it is there already."""
    Survey = apps.get_model("community", "Survey")
    if Survey.objects.filter(slug=data["slug"], version=data["version"]).exists():
        return
    survey = Survey.objects.create(
        slug=data["slug"],
        version=data["version"],
        title=data["title"],
        intro=data["intro"],
        consent_intro=data["consent_intro"],
        consent_statistics=data["consent_statistics"],
        consent_research=data["consent_research"],
        consent_recontact=data["consent_recontact"],
        status="published",
        published_at=now,
    )
    Section = apps.get_model("community", "Section")
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
            block = _question(apps, survey, section, None, position, question_data)
            for item_position, item in enumerate(question_data.get("items", []), start=1):
                _question(apps, survey, section, block, item_position, item)


def _question(apps, survey, section, block, position, data):
    show_question, show_options = data.get("show_if") or ("", "")
    question = apps.get_model("community", "Question").objects.create(
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
    Option = apps.get_model("community", "Option")
    Option.objects.bulk_create(
        Option(
            question=question,
            position=option_position,
            code=option[0],
            label=option[1],
            score=option[2] if len(option) > 2 else None,
        )
        for option_position, option in enumerate(data.get("options", []), start=1)
    )
    return question
