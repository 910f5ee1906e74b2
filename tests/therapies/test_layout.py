"""The app's layout holds: modules import what they need at the top (no registration by an import at the bottom, no
star import), every state change is an action in `therapies.actions` that the pages, the API and the admin call, and
what makes kept pages out of date is said in `therapies.invalidation` alone."""

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from django.db import transaction

import therapies
from therapies import actions

APP = Path(therapies.__file__).parent


def _late_or_star_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found = []
    seen_code = False
    for node in tree.body:
        is_import = isinstance(node, ast.Import | ast.ImportFrom)
        if is_import and any(alias.name == "*" for alias in node.names):
            found.append(f"{path.name}:{node.lineno} star import")
        if is_import and seen_code:
            found.append(f"{path.name}:{node.lineno} import after code")
        if not is_import and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            seen_code = seen_code or not isinstance(node, ast.If)  # `if TYPE_CHECKING:` imports sit with the rest
    return found


def test_no_therapies_module_imports_at_its_bottom_or_star_imports():
    modules = [path for path in APP.rglob("*.py") if "migrations" not in path.parts]

    assert [problem for path in modules for problem in _late_or_star_imports(path)] == []


# --- Writes go through the actions --------------------------------------------------------------------------------


def _actions() -> list:
    modules = [
        importlib.import_module(f"therapies.actions.{info.name}") for info in pkgutil.iter_modules(actions.__path__)
    ]
    return [
        function
        for module in modules
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    ]


def _is_atomic(function) -> bool:
    return any(isinstance(cell.cell_contents, transaction.Atomic) for cell in function.__closure__ or ())


def test_every_action_runs_in_one_transaction_and_takes_keyword_arguments_only():
    found = _actions()
    assert {function.__name__ for function in found} >= {"cast_vote", "approve_request", "number_citations"}

    assert [function.__qualname__ for function in found if not _is_atomic(function)] == []
    assert [
        f"{function.__qualname__}({name})"
        for function in found
        for name, parameter in inspect.signature(inspect.unwrap(function)).parameters.items()
        if parameter.kind not in (parameter.KEYWORD_ONLY, parameter.VAR_KEYWORD)
    ] == []


# A row written by hand: a save that is not a form's unsaved instance, a delete, a create, a QuerySet update.
HAND_WRITE = re.compile(
    r"\.save\((?!commit=False)|\.delete\(|\.create\(|\.get_or_create\(|\.update_or_create\(|\.bulk_\w+\(|"
    r"\.objects\.[^\n]*\.update\("
)


def test_pages_the_api_and_the_admin_write_only_through_actions():
    callers = [APP / "views.py", APP / "api" / "views.py", APP / "holes.py", APP / "directory" / "views.py"]
    callers += sorted((APP / "admin").glob("*.py"))

    assert [
        f"{path.relative_to(APP)}:{number}: {line.strip()}"
        for path in callers
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if HAND_WRITE.search(line)
    ] == []


def test_only_the_invalidation_module_makes_kept_pages_out_of_date():
    modules = [path for path in APP.rglob("*.py") if "migrations" not in path.parts]

    assert [
        str(path.relative_to(APP))
        for path in modules
        if "generations.bump" in path.read_text() and path != APP / "invalidation.py"
    ] == []


# --- The house file names (issue 17) ------------------------------------------------------------------------------


def test_it_has_the_house_file_names():
    house = [
        "api/__init__.py",
        "api/serializers.py",
        "api/views.py",
        "api/schema.py",
        "permissions.py",
        "actions/__init__.py",
        "demo_data/__init__.py",
    ]

    assert [name for name in house if not (APP / name).is_file()] == []
    assert not (APP / "api.py").exists()  # the package, not a module beside it
    assert [name for name in ("demo_content.py", "demo_removal.py") if (APP / name).exists()] == []
