"""The package stands in layers: no two modules import each other, even through others, and
no two of its parts do (a part is a top-level module or a sub-package folder: ``sinks/``,
``pii/``...). Every import counts, a late one inside a function or one under TYPE_CHECKING
too: a late import hides a circle, it does not open it."""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator

PACKAGE = Path(__file__).resolve().parents[1] / "flexorch_beam"  # a namespace package


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Dotted module name -> file, packages by their ``__init__.py``."""
    found = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported_names(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """Every dotted name the module imports: ``from a import b`` is the module ``a.b`` when
    there is one, else ``a`` itself."""
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[:len(here) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base


def import_graph(known: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports (``a.b.c`` of a missing ``c`` is
    ``a.b``)."""
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        targets = set()
        for target in imported_names(name, path, known):
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                targets.add(target)
        graph[name] = targets
    return graph


def by_part(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same graph over the package's parts (``flexorch_beam.sinks`` for every sink)."""
    def part(name: str) -> str:
        return ".".join(name.split(".")[:2])

    parts: dict[str, set[str]] = {part(name): set() for name in graph}
    for name, targets in graph.items():
        parts[part(name)] |= {part(t) for t in targets} - {part(name)}
    return parts


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_the_finder_sees_a_circle_and_its_parts():
    graph = {"p.a": {"p.b"}, "p.b": {"p.c.x"}, "p.c.x": {"p.a"}, "p.c.y": set(), "p.d": {"p.c.y"}}
    assert circles(graph) == [["p.a", "p.b", "p.c.x"]]
    assert circles({"p.a": {"p.c.x"}, "p.c.x": set(), "p.c.y": {"p.a"}}) == []
    assert circles(by_part({"p.a": {"p.c.x"}, "p.c.x": set(), "p.c.y": {"p.a"}})) == [["p.a", "p.c"]]


def test_the_graph_reads_late_relative_and_package_imports(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from .leaf import X\n")
    (package / "sub" / "leaf.py").write_text("def f():\n    from pkg import top\n")
    (package / "top.py").write_text("from pkg.sub import leaf\nimport pkg.sub\n")
    graph = import_graph(modules(package))
    assert graph["pkg.sub"] == {"pkg.sub.leaf"}
    assert graph["pkg.sub.leaf"] == {"pkg.top"}
    assert graph["pkg.top"] == {"pkg.sub", "pkg.sub.leaf"}
    assert circles(graph) == [["pkg.sub", "pkg.sub.leaf", "pkg.top"]]


def test_no_module_imports_itself_through_others():
    assert circles(import_graph(modules())) == []


def test_no_two_parts_of_the_package_import_each_other():
    assert circles(by_part(import_graph(modules()))) == []
