"""Migrations carry their own copy of what they need: a later change to the app's code cannot change an old
migration."""

import ast
from pathlib import Path

from django.db.migrations.loader import MigrationLoader

import therapies.migrations

RUNTIME_PACKAGES = ("therapies", "portal", "community")


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def _is_runtime(module: str) -> bool:
    # The migrations package's own private modules (_search_helpers) are frozen copies, not runtime code.
    return module.split(".")[0] in RUNTIME_PACKAGES and not module.startswith("therapies.migrations.")


def test_no_therapies_migration_imports_the_apps_runtime_code():
    folder = Path(therapies.migrations.__file__).parent
    offenders = {
        path.name: sorted(m for m in _imported_modules(path) if _is_runtime(m))
        for path in sorted([*folder.glob("0*.py"), *folder.glob("_*.py")])
    }

    assert {name: modules for name, modules in offenders.items() if modules} == {}


def test_the_shared_search_helpers_are_no_migration_of_their_own():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    therapies_migrations = {name for app, name in loader.disk_migrations if app == "therapies"}

    assert "_search_helpers" not in therapies_migrations
    assert {"0006_search", "0008_search_name_documents"} <= therapies_migrations
    assert not any(name.startswith("_") for name in therapies_migrations)
