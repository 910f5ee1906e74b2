"""Migrations carry their own copy of what they need: a later change to the app's code cannot change an old
migration."""

import ast
from pathlib import Path

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


def test_no_therapies_migration_imports_the_apps_runtime_code():
    folder = Path(therapies.migrations.__file__).parent
    offenders = {
        path.name: sorted(m for m in _imported_modules(path) if m.split(".")[0] in RUNTIME_PACKAGES)
        for path in sorted(folder.glob("0*.py"))
    }

    assert {name: modules for name, modules in offenders.items() if modules} == {}
