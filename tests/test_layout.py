"""The package layout ARCHITECTURE.md describes: imports between the packages of
`src/attrib` go one way (no package imports one that imports it back), and no module or
function grows past the size the style guide asks for."""

from __future__ import annotations

import ast
from collections import defaultdict
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "src" / "attrib"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text("utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def top_level(path: Path) -> str:
    """The package (or top-level module) of `attrib` a file belongs to."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def package_imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("attrib."):
                imported = (node.module or "").split(".")[1]
                if imported != top_level(path):
                    found[top_level(path)].add(imported)
    return found


def test_packages_import_one_way() -> None:
    graph = package_imports()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise AssertionError(f"packages import each other: {error.args[1]}") from error
    assert "cli" in order
    # Along the data flow ARCHITECTURE.md draws, a package imports only those before it; the
    # engines run the stages up to attribution and are run by the outputs and the CLI.
    flow = ["ingest", "text", "match", "attribution", "views", "engines", "output", "cli"]
    backwards = [
        f"{package} imports {imported}"
        for package, imported_set in graph.items()
        for imported in imported_set
        if package in flow and imported in flow and flow.index(imported) > flow.index(package)
    ]
    assert not backwards


def test_no_module_or_function_outgrows_the_style_guide() -> None:
    too_long = []
    for path, tree in modules():
        lines = len(path.read_text("utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(PACKAGE)}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(PACKAGE)}:{node.name}: {length} lines")
    assert not too_long
