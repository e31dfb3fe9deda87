"""The one-way dependency rule of docs/ARCHITECTURE.md, checked by parsing every module's imports."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("cms", "catalog", "workflows", "importers", "eforms", "reports")
# Who may import whom (besides itself).
ALLOWED = {
    "catalog": set(),
    "workflows": {"catalog"},
    "importers": {"catalog"},
    "eforms": {"catalog", "workflows"},
    "reports": {"catalog", "workflows"},
    "cms": {"catalog", "workflows", "importers", "eforms", "reports"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def violations(app: str) -> list[str]:
    bad = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts or "settings" in path.parts:
            continue
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in APPS and top != app and top not in ALLOWED[app]:
                bad.append(f"{path.relative_to(ROOT)} imports {module}")
    return bad


@pytest.mark.parametrize("app", APPS)
def test_app_imports_only_what_the_architecture_allows(app):
    assert violations(app) == []


def test_the_checker_catches_a_forbidden_import(tmp_path, monkeypatch):
    fake = tmp_path / "catalog"
    fake.mkdir()
    (fake / "bad.py").write_text("from workflows.models import Dossier\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert violations("catalog") == ["catalog/bad.py imports workflows.models"]
