"""Migrations carry their own copy of what they need: a later change to the app's code cannot change an old
migration. This holds for every app of the project, not only therapies: search fields and SQL come from each
app's migrations/_search_helpers.py, the survey versions from community/migrations/surveys/ (loaded by
_survey_loader.py), the first rules' HTML from its own migration."""

import ast
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

# The project's own apps (third-party apps are installed packages).
PROJECT_APPS = [
    config
    for config in apps.get_app_configs()
    # The project's .venv may sit inside its folder too.
    if Path(config.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in Path(config.path).parts
]
RUNTIME_PACKAGES = {config.name.split(".")[0] for config in PROJECT_APPS}

# Runtime imports that stay, with the reason.
ALLOWED = {
    # Django itself writes this import for a manager with `use_in_migrations = True` (the user manager, which
    # migrations' RunPython needs to create users); makemigrations would write it again.
    ("portal", "0001_initial.py"): {"portal.models"},
}


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def _migrations_folder(app_label: str) -> Path:
    module_name, _explicit = MigrationLoader.migrations_module(app_label)
    return Path(import_module(module_name).__file__).parent


def _runtime_imports(app_label: str, path: Path) -> list[str]:
    module_name, _explicit = MigrationLoader.migrations_module(app_label)
    return sorted(
        module
        for module in _imported_modules(path)
        # The app's own migrations package (its private _search_helpers) holds frozen copies, not runtime code.
        if module.split(".")[0] in RUNTIME_PACKAGES and not module.startswith(f"{module_name}.")
        if module not in ALLOWED.get((app_label, path.name), set())
    )


def test_the_check_covers_every_app_of_the_project_that_has_migrations():
    assert {"portal", "therapies", "community"} <= {config.label for config in PROJECT_APPS}


@pytest.mark.parametrize("app_label", sorted(config.label for config in PROJECT_APPS))
def test_no_migration_imports_the_apps_runtime_code(app_label):
    folder = _migrations_folder(app_label)
    offenders = {
        path.name: _runtime_imports(app_label, path) for path in sorted([*folder.glob("0*.py"), *folder.glob("_*.py")])
    }

    assert {name: modules for name, modules in offenders.items() if modules} == {}


def test_the_allowed_runtime_imports_are_still_there():
    # An allowance nobody needs any more should go, so that it cannot hide a new import.
    for (app_label, name), modules in ALLOWED.items():
        assert modules <= _imported_modules(_migrations_folder(app_label) / name)


@pytest.mark.parametrize(
    ("app_label", "expected"),
    [
        ("therapies", {"0006_search", "0008_search_name_documents"}),
        ("community", {"0006_search", "0007_search_index_tuning"}),
    ],
)
def test_the_shared_search_helpers_are_no_migration_of_their_own(app_label, expected):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    app_migrations = {name for app, name in loader.disk_migrations if app == app_label}

    assert (_migrations_folder(app_label) / "_search_helpers.py").exists()
    assert "_search_helpers" not in app_migrations
    assert expected <= app_migrations
    assert not any(name.startswith("_") for name in app_migrations)
