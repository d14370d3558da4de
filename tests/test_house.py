"""The house rules any reader can repeat: no import cycle (type-only and deferred imports
counted), no two modules with one file name, the size limits, and a module map in
docs/development.md that matches the tree. Read from the source with ast; nothing is imported."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "l10n"
MAX_MODULE_LINES = 450
LONG_FUNCTION = 60  # at most MAX_LONG_FUNCTIONS functions may be longer
MAX_LONG_FUNCTIONS = 2
MAX_FUNCTION_LINES = 100


def modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of l10n/ (a package by its __init__.py)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _known(name: str, known: dict[str, Path]) -> str | None:
    """The longest prefix of a dotted name that is one of our modules."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every module of ours that ``name`` imports anywhere: at the top, under TYPE_CHECKING, or
    deferred inside a function (each is an edge a refactoring can close into a circle)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(t for target in targets if (t := _known(target, known)) and t != name)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle (as the path that closes it), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def function_lengths() -> list[tuple[int, str]]:
    """(lines from ``def`` to the last line, module:function) for every function and method."""
    lengths = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None  # ast.parse sets it on every node
                lengths.append((node.end_lineno - node.lineno + 1, f"{name}:{node.name}"))
    return sorted(lengths, reverse=True)


def test_the_cycle_finder_finds_a_circle_and_the_import_reader_sees_every_kind_of_import(
    tmp_path: Path,
) -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None
    module = tmp_path / "x.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nfrom l10n.po import read\nif TYPE_CHECKING:\n"
        "    from l10n.model import Entry\ndef f():\n    import l10n.formats.markup\n"
        "    from . import glossary\n",
        encoding="utf-8",
    )
    assert imports_of("l10n.x", module, modules()) == {
        "l10n.po.read",
        "l10n.model",
        "l10n.formats.markup",
        "l10n.glossary",
    }


def test_no_import_cycle_counting_type_only_and_deferred_imports() -> None:
    graph = import_graph()
    assert len(graph) > 50
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_config_and_errors_are_leaves() -> None:
    """config.py reads l10n.toml and nothing of the engines or parsers; errors.py imports nothing of ours."""
    graph = import_graph()
    assert graph["l10n.errors"] == set()
    assert graph["l10n.model"] == set()
    assert graph["l10n.config"] <= {"l10n.errors", "l10n.language.languages"}


def test_no_two_modules_share_a_file_name() -> None:
    seen: dict[str, list[str]] = {}
    for name, path in modules().items():
        if path.name not in ("__init__.py", "__main__.py"):
            seen.setdefault(path.name, []).append(name)
    assert {file: names for file, names in seen.items() if len(names) > 1} == {}


def test_module_size_limit() -> None:
    too_long = {
        name: n
        for name, path in modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert too_long == {}


def test_function_size_limits() -> None:
    lengths = function_lengths()
    assert [f for n, f in lengths if n > MAX_FUNCTION_LINES] == []
    long = [f"{f} ({n})" for n, f in lengths if n > LONG_FUNCTION]
    assert len(long) <= MAX_LONG_FUNCTIONS, long


def module_map() -> str:
    """The "Layout" section of docs/development.md."""
    text = (REPO / "docs" / "development.md").read_text(encoding="utf-8")
    start = text.index("## Layout")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def test_the_module_map_lists_every_module_and_no_other() -> None:
    """Every module by its path under l10n/ (a package by its folder, ``po/``) in the first column
    of the map's table, in backticks."""
    first_cells = [row.split("|")[1] for row in module_map().splitlines() if row.startswith("| `")]
    listed = {item for cell in first_cells for item in re.findall(r"`([^`]+)`", cell)}
    expected = set()
    for path in modules().values():
        rel = path.relative_to(PACKAGE).as_posix()
        expected.add(rel.removesuffix("__init__.py") if path.parent != PACKAGE else rel)
    assert sorted(expected - listed) == [], "modules missing from the map in docs/development.md"
    assert sorted(listed - expected) == [], "the map lists modules that are not there"
