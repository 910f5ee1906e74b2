"""The app's modules import what they need at the top: no module registers models or admins by an import at its
bottom, and no model module star-imports."""

import ast
from pathlib import Path

import therapies

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
