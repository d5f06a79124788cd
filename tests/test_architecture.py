"""The layers of the package, read from the imports in its source (every import, including the
ones inside functions): no module depends on itself through others, the store stays below the
queries and the command line, and extraction stays free of the database and the terminal."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"
MAX_LINES = 400
SPLIT_PACKAGES = ("store", "ingest")  # packages whose modules are kept small


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imported(path: Path) -> set[str]:
    """Every module name an import statement of the file names (absolute imports only: the package
    uses no relative ones), with `from a import b` naming a.b when b is a module."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@cache
def _graph() -> dict[str, frozenset[str]]:
    """Module -> the modules of the package it imports (not counting itself)."""
    modules = _modules()
    return {name: frozenset(n for n in _imported(path) if n in modules and n != name) for name, path in modules.items()}


def _external(name: str) -> set[str]:
    """The top-level names of what a module imports from outside the package."""
    return {n.split(".")[0] for n in _imported(_modules()[name])} - {"tracker"}


def _packages_of(name: str) -> list[str]:
    """The packages Python initializes before a module: tracker, tracker.extract, ..."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _loaded_with(name: str) -> set[str]:
    """Every module of the package that importing `name` may load."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(_graph()[current])
        todo.extend(_packages_of(current))
    return seen


def _cycles() -> list[list[str]]:
    """Each group of modules that import one another, in a path that shows the loop."""
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
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
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_import_graph_sees_the_known_layers() -> None:
    """The reading of imports itself: module-level, in-function and `from package import module`."""
    graph = _graph()
    assert "tracker.store.tables" in graph["tracker.query"]  # from tracker.store.tables import ...
    assert "tracker.store.write" in graph["tracker.pipeline"]  # imported inside a function
    assert "tracker.store.tables" in graph["tracker.store.write"]  # from tracker.store import tables
    assert "tracker.extract" in _loaded_with("tracker.extract.events")  # its package runs first


def test_no_module_imports_itself_through_others() -> None:
    assert _cycles() == [], "import cycles (break each by moving what both sides need into a third module)"


def test_the_store_does_not_import_the_queries_or_the_command_line() -> None:
    wrong = {
        name: sorted(n for n in deps if n == "tracker.query" or n.startswith("tracker.cli"))
        for name, deps in _graph().items()
        if name.startswith("tracker.store")
    }
    assert {name: deps for name, deps in wrong.items() if deps} == {}


def test_extraction_loads_no_database_and_no_terminal_code() -> None:
    """Extraction runs in worker processes and in tests on plain text: whatever it loads, directly
    or through the modules it imports, is free of the store, the command line and SQLAlchemy."""
    for name in _modules():
        if not name.startswith("tracker.extract"):
            continue
        loaded = _loaded_with(name)
        assert sorted(n for n in loaded if n.startswith(("tracker.store", "tracker.cli"))) == [], name
        assert sorted(n for n in loaded if {"sqlalchemy", "typer", "rich"} & _external(n)) == [], name


def test_the_modules_of_the_split_packages_stay_small() -> None:
    long = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in _modules().items()
        if name.split(".")[1:2] and name.split(".")[1] in SPLIT_PACKAGES
    }
    assert {name: lines for name, lines in long.items() if lines > MAX_LINES} == {}
