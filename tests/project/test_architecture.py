"""The package's shape: no import cycle between its modules, and no module too long to read."""

from __future__ import annotations

import ast
from pathlib import Path

from tests import paths

ROOT = paths.ROOT
PACKAGE = "golive_ci"
# pyproject.toml installs hooks/ as golive_ci.hooks.
PACKAGE_DIRS = {PACKAGE: ROOT / "golive_ci", f"{PACKAGE}.hooks": ROOT / "hooks"}
MAX_LINES = 400


def module_files() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package is named by its ``__init__``)."""
    modules: dict[str, Path] = {}
    for prefix, folder in PACKAGE_DIRS.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join([prefix, *parts])] = path
    return modules


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Imports anywhere in the module: top level, functions, classes and ``if TYPE_CHECKING:`` blocks.

    Type-only imports count too: a cycle through them still means two modules cannot be read or moved apart.
    """
    return [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


def _nearest_module(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imported_modules(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``module`` imports; ``from pkg import sub`` counts as importing ``pkg.sub``."""
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        for name in names:
            if name == PACKAGE or name.startswith(PACKAGE + "."):
                target = _nearest_module(name, modules)
                if target is not None and target != module:
                    targets.add(target)
    return targets


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    return {module: imported_modules(module, path, modules) for module, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            if successors:
                successor = successors.pop(0)
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, sorted(graph.get(successor, ()))))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components)


def _cycle_path(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """One concrete loop through a component, to show in the failure message."""
    members = set(component)
    start = component[0]
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for successor in sorted(graph[node] & members):
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if successor not in previous:
                    previous[successor] = node
                    following.append(successor)
        frontier = following
    return component


def test_the_graph_sees_module_function_and_submodule_imports() -> None:
    graph = import_graph()
    # hooks/ is installed as golive_ci.hooks and imports the hook runner.
    assert "golive_ci.hook_runner" in graph["golive_ci.hooks.stripe_golive"]
    # `from golive_ci.sources import git` is an import of the submodule, not only of the package.
    assert any("golive_ci.sources.git" in targets for targets in graph.values())
    # An import inside a function ties modules together too (selection.account_check_slugs) …
    assert "golive_ci.account.checks.registry" in graph["golive_ci.selection"]
    # … and so does one under `if TYPE_CHECKING:` (adoption's CiOptions annotation).
    assert "golive_ci.github.options" in graph["golive_ci.github.adoption"]
    assert len(graph) > 100


def test_cycles_are_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert _cycle_path(["a", "b", "c"], graph) == ["a", "b", "c", "a"]


def test_no_import_cycle() -> None:
    graph = import_graph()
    found = cycles(graph)
    described = [f"{' -> '.join(_cycle_path(c, graph))}  (all {len(c)}: {', '.join(c)})" for c in found]
    assert not found, "import cycles:\n" + "\n".join(described)


# Packages (and their sub-packages) that must not import the packages named with them: rules hold
# policy, the report renders what a run found, the Action adapter and the command line sit on top.
FORBIDDEN_IMPORTS = {
    f"{PACKAGE}.rules": (f"{PACKAGE}.report", f"{PACKAGE}.cli", f"{PACKAGE}.github", f"{PACKAGE}.hooks"),
    f"{PACKAGE}.report": (f"{PACKAGE}.cli", f"{PACKAGE}.github", f"{PACKAGE}.hooks"),
    f"{PACKAGE}.github": (f"{PACKAGE}.cli", f"{PACKAGE}.hooks"),
    f"{PACKAGE}.account": (f"{PACKAGE}.cli", f"{PACKAGE}.github", f"{PACKAGE}.hooks"),
}


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        for package, forbidden in FORBIDDEN_IMPORTS.items()
        if _inside(module, package)
        for target in targets
        if any(_inside(target, banned) for banned in forbidden)
    )


def test_layer_violations_are_found() -> None:
    graph = {
        "golive_ci.rules.x": {"golive_ci.report.text", "golive_ci.findings"},
        "golive_ci.report": {"golive_ci.cli.common"},
        "golive_ci.cli.scan": {"golive_ci.report", "golive_ci.rules.x"},
        "golive_ci.reporting": {"golive_ci.cli"},  # a name that only starts like a package is not in it
    }
    assert layer_violations(graph) == [
        "golive_ci.report imports golive_ci.cli.common",
        "golive_ci.rules.x imports golive_ci.report.text",
    ]


def test_lower_layers_do_not_import_higher_ones() -> None:
    graph = import_graph()
    assert {"golive_ci.report", "golive_ci.cli", "golive_ci.github.publish"} <= graph.keys()
    assert not layer_violations(graph)


def test_no_module_is_over_the_line_budget() -> None:
    too_long = {
        path.relative_to(ROOT).as_posix(): lines
        for path in module_files().values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not too_long, f"modules over {MAX_LINES} lines: {too_long}"
