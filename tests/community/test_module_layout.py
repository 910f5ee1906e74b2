"""Every community module says what it imports at its top, by name: no star imports, and no import below the
module's first definition (which hid the survey's tables at the bottom of community/models.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

COMMUNITY = Path(__file__).resolve().parents[2] / "community"
MODULES = sorted(COMMUNITY.rglob("*.py"))


def _name(path: Path) -> str:
    return str(path.relative_to(COMMUNITY.parent))


def test_there_are_modules_to_check():
    assert len(MODULES) > 40 and any(path.name == "models.py" for path in MODULES)


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_a_community_module_imports_by_name_at_its_top(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    stars = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.names[0].name == "*"]
    first_definition = next(
        (node.lineno for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)),
        None,
    )
    late = [
        node.lineno
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        and first_definition is not None
        and node.lineno > first_definition
    ]
    assert stars == [], f"{_name(path)} star-imports on lines {stars}"
    assert late == [], f"{_name(path)} imports below its first definition, on lines {late}"


def test_the_survey_tables_still_belong_to_the_community_app():
    from django.apps import apps

    from community.survey.models import Survey, SurveyExport

    assert Survey._meta.app_label == SurveyExport._meta.app_label == "community"
    assert apps.get_model("community", "Survey") is Survey
