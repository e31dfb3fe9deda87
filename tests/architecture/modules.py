"""The import graph of one app's modules, read from the source (nothing is imported)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

SKIPPED = ("migrations", "settings")


@dataclass(frozen=True)
class Import:
    importer: str  # the importing module
    module: str  # the module imported from (absolute)
    names: tuple[str, ...]  # the names taken from it (`from m import a, b`), empty for `import m`


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_modules(app: str, root: Path) -> dict[str, Path]:
    return {
        module_name(path, root): path
        for path in sorted((root / app).rglob("*.py"))
        if not set(SKIPPED) & set(path.relative_to(root).parts)
    }


def imports_of(module: str, path: Path) -> list[Import]:
    """Every import in the file, at the top or inside a function, with relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(Import(module, alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append(Import(module, target, tuple(alias.name for alias in node.names)))
    return found


def graph(app: str, root: Path) -> dict[str, set[str]]:
    """Module → the modules of the same app it imports (`from pkg import sub` counts as importing pkg.sub)."""
    modules = app_modules(app, root)

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    edges: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        for imp in imports_of(module, path):
            targets = [
                f"{imp.module}.{n}" if f"{imp.module}.{n}" in modules else imp.module for n in imp.names
            ]
            for target in targets or [imp.module]:
                resolved = known(target)
                if resolved and resolved != module:
                    edges[module].add(resolved)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted, in sorted order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(tuple(sorted(group)))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(groups)


def private_imports(app: str, root: Path) -> list[str]:
    """`from m import _name` in the app's modules: a private name belongs to its own module."""
    found = []
    for module, path in app_modules(app, root).items():
        for imp in imports_of(module, path):
            for name in imp.names:
                if name.startswith("_") and not (name.startswith("__") and name.endswith("__")):
                    found.append(f"{module} imports {name} from {imp.module}")
    return sorted(found)
