"""No import circle between the files of ``game/``.

Every import counts: at the top of a module, inside a function, under ``TYPE_CHECKING``.
A circle dodged by importing late is still a circle (two files that need each other), so
the graph is read from the source (``ast``), not from what Python happened to import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parents[2] / "game"

Edge = tuple[str, str, int]  # (importer, imported, line)


def module_files(package_dir: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` under a package folder."""
    root = package_dir.parent
    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _loaded(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The dotted names an import statement loads: ``from a import b`` loads the module
    ``a.b`` when there is one, else ``a`` (for its attribute ``b``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:  # relative: from the importer's package, one level up per extra dot
        package = module.split(".") if is_package else module.split(".")[:-1]
        anchor = package[: len(package) - node.level + 1]
        base = ".".join([*anchor, base] if base else anchor)
    return [f"{base}.{alias.name}" for alias in node.names]


def import_edges(package_dir: Path) -> list[Edge]:
    """Every import from one module of the package to another, with its line."""
    modules = module_files(package_dir)
    edges = set()
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for name in _loaded(node, module, path.name == "__init__.py"):
                target = name
                while target and target not in modules:  # a class, a function or a third-party module
                    target = target.rpartition(".")[0]
                if target and target != module:
                    edges.add((module, target, node.lineno))
    return sorted(edges)


def import_circles(edges: list[Edge]) -> list[list[Edge]]:
    """One circle of imports per group of modules that import each other (strongly connected
    component), as the edges that close it; empty when the graph has no circle."""
    graph: dict[str, list[Edge]] = {}
    for edge in edges:
        graph.setdefault(edge[0], []).append(edge)
        graph.setdefault(edge[1], [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for _, target, _ in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_circle_in(graph, group) for group in groups]


def _circle_in(graph: dict[str, list[Edge]], group: set[str]) -> list[Edge]:
    """A shortest circle through the group's first module (breadth-first inside the group)."""
    start = min(group)
    came_by: dict[str, Edge] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for edge in graph[node]:
                target = edge[1]
                if target == start:
                    path = [edge]
                    while path[0][0] != start:
                        path.insert(0, came_by[path[0][0]])
                    return path
                if target in group and target not in came_by:
                    came_by[target] = edge
                    following.append(target)
        frontier = following
    raise AssertionError(f"no circle in {sorted(group)}")  # a strongly connected group always has one


def describe(circle: list[Edge], package_dir: Path) -> str:
    """``a -> b -> a`` with the file and line of every import in it."""
    modules = module_files(package_dir)
    root = package_dir.parent
    names = " -> ".join([circle[0][0], *(target for _, target, _ in circle)])
    where = "; ".join(f"{modules[source].relative_to(root)}:{line} imports {target}" for source, target, line in circle)
    return f"{names} ({where})"


LAYERS = sorted({name.split(".")[1] for name in module_files(GAME) if name.count(".") >= 1})


@pytest.mark.parametrize("layer", LAYERS)
def test_no_import_circle_touches_the_layer(layer: str) -> None:
    circles = [c for c in import_circles(import_edges(GAME)) if any(e[0].split(".")[1] == layer for e in c)]
    assert not circles, "import circles:\n" + "\n".join(describe(c, GAME) for c in circles)


def _package(root: Path, files: dict[str, str]) -> Path:
    package = root / "pkg"
    for name, text in {"__init__.py": "", **files}.items():  # files may give the package's own __init__
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


LATE_IMPORT = {  # a circle dodged by importing inside a function
    "screens/__init__.py": "",
    "screens/start.py": "from pkg.app import App\n",
    "app.py": "def run():\n    from pkg.screens import start\n",
    "alone.py": "import pkg.app\n",
}
TYPING_ONLY = {  # relative imports, one of them only for the type checker
    "a.py": "from . import b\n",
    "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import thing\n",
    "c.py": "from .a import thing\n",
}


@pytest.mark.parametrize(
    ("files", "circle"),
    [
        (LATE_IMPORT, [("pkg.app", "pkg.screens.start", 2), ("pkg.screens.start", "pkg.app", 1)]),
        (TYPING_ONLY, [("pkg.a", "pkg.b", 1), ("pkg.b", "pkg.a", 3)]),
    ],
    ids=["inside-a-function", "type-checking-and-relative"],
)
def test_every_kind_of_import_closes_a_circle(tmp_path: Path, files: dict[str, str], circle: list[Edge]) -> None:
    assert import_circles(import_edges(_package(tmp_path, files))) == [circle]


def test_a_circle_is_shown_with_its_files_and_lines(tmp_path: Path) -> None:
    package = _package(tmp_path, LATE_IMPORT)
    assert describe(import_circles(import_edges(package))[0], package) == (
        "pkg.app -> pkg.screens.start -> pkg.app (pkg/app.py:2 imports pkg.screens.start; "
        "pkg/screens/start.py:1 imports pkg.app)"
    )


def test_a_package_without_circles_has_none(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "VERSION = 1\n",
            "a.py": "import pkg.b\nfrom pkg import c, VERSION\nimport numpy\n",
            "b.py": "from pkg.c import x\n",
            "c.py": "",
        },
    )
    edges = import_edges(package)
    assert edges == [("pkg.a", "pkg", 2), ("pkg.a", "pkg.b", 1), ("pkg.a", "pkg.c", 2), ("pkg.b", "pkg.c", 1)]
    assert import_circles(edges) == []
