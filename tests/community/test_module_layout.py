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


# The house layout (issue 17): the same file names in every app, so that a reader knows where to look.
HOUSE_FILES = {
    "community": [
        "api/__init__.py",
        "api/serializers.py",
        "api/views.py",
        "api/schema.py",
        "permissions.py",
        "actions.py",
        "trust.py",
        "demo_data/__init__.py",
        "demo_data/seed.py",
        "demo_data/removal.py",
    ],
    "community/survey": ["permissions.py", "actions.py", "models.py", "views.py", "urls.py", "account_data.py"],
}


@pytest.mark.parametrize(
    "path", [f"{package}/{name}" for package, names in HOUSE_FILES.items() for name in names], ids=str
)
def test_the_community_has_the_house_file_names(path):
    assert (COMMUNITY.parent / path).is_file(), f"{path} is missing"


def test_the_api_is_a_package_and_not_a_module_beside_it():
    assert (COMMUNITY / "api").is_dir() and not (COMMUNITY / "api.py").exists()
    assert (COMMUNITY / "api" / "__init__.py").read_text(encoding="utf-8").count("\n") == 1, "a one-line docstring"
