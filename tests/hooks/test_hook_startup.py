"""What the pre-commit hooks' start-up and cold-cache speed rests on behaves like the slower original."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from golive_ci.parsing import lazy_pattern, walk
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX, SourceFile
from golive_ci.syntax import assignments, calls, dotted, python_nodes
from tests import paths
from tests.api_version_runner import write_tree
from tests.conftest import git

ROOT = paths.ROOT
PYTHON_FILES = sorted(
    [
        *(ROOT / "tests" / "fixtures").rglob("*.py"),
        *(ROOT / "examples").rglob("*.py"),
        *(ROOT / "golive_ci").rglob("*.py"),
    ]
)
TREE_SITTER_FILES = sorted(
    path
    for folder in (ROOT / "tests" / "fixtures", ROOT / "examples")
    for path in folder.rglob("*")
    if path.is_file() and LANGUAGE_BY_SUFFIX.get(path.suffix) not in (None, "python")
)


def _source(path: Path) -> SourceFile:
    return SourceFile(path=path.relative_to(ROOT).as_posix(), data=path.read_bytes())


def test_lazy_pattern_matches_like_the_compiled_one() -> None:
    text = "Stripe-Signature: t=1; stripe_signature v1=2"
    lazy = lazy_pattern(r"(?i)stripe[-_](sign)ature")
    compiled = re.compile(r"(?i)stripe[-_](sign)ature")
    assert [m.span(1) for m in lazy.finditer(text)] == [m.span(1) for m in compiled.finditer(text)]
    assert lazy.sub("x", text) == compiled.sub("x", text)
    assert (lazy.pattern, lazy.flags, lazy.groups) == (compiled.pattern, compiled.flags, compiled.groups)
    assert "search" in vars(lazy)  # compiled once: later reads no longer go through __getattr__
    assert lazy_pattern(rb"whsec_", re.IGNORECASE).search(b"WHSEC_x") is not None


def _reference_python(source: SourceFile) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Calls and assignments as the extraction found them with ``ast.iter_child_nodes``."""
    found_calls: list[tuple[object, ...]] = []
    found_assignments: list[tuple[object, ...]] = []

    def visit(node: ast.AST, function: ast.AST | None) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            function = node
        if isinstance(node, ast.Call):
            found_calls.append((dotted(node.func), node.lineno, node.col_offset, node, function, len(node.args)))
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign) and node.value is not None:
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                found_assignments.append((dotted(target), node.lineno, node.col_offset, node, function, node.value))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(source.syntax(), None)
    return found_calls, found_assignments


@pytest.mark.parametrize("path", PYTHON_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_python_extraction_matches_the_iter_child_nodes_walk(path: Path) -> None:
    source = _source(path)
    expected_calls, expected_assignments = _reference_python(source)
    got_calls = [(c.callee, c.line, c.node.col_offset, c.node, c.function, len(c.node.args)) for c in calls(source)]
    got_assignments = [
        (a.target, a.line, a.node.col_offset, a.node, a.function, a.value.node) for a in assignments(source)
    ]
    assert got_calls == expected_calls
    assert got_assignments == expected_assignments
    everything = [node for node in ast.walk(source.syntax()) if not isinstance(node, ast.expr_context)]
    assert sorted(map(id, python_nodes(source))) == sorted(map(id, everything))


def test_the_walks_cover_a_real_tree() -> None:
    assert len(PYTHON_FILES) > 50 and len(TREE_SITTER_FILES) > 10


@pytest.mark.parametrize("path", TREE_SITTER_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_tree_sitter_node_list_is_the_walk_order(path: Path) -> None:
    from golive_ci.tree_nodes import _small_tree

    source = _source(path)
    nodes = _small_tree(source)  # the one walk a small tree gets
    assert [(n.type, n.start_byte, n.end_byte) for n in nodes] == [
        (n.type, n.start_byte, n.end_byte) for n in walk(source.syntax().root_node)
    ]


def test_the_hooks_import_no_dataclasses_typing_or_resources() -> None:
    # Each costs a pre-commit hook several milliseconds per commit (see bench/README.md); the
    # tree-sitter grammars import typing themselves, but only for the files that need them.
    code = (
        "import sys; import golive_ci.hooks.stripe_golive, golive_ci.hooks.stripe_api_version;"
        "from golive_ci.rules import RULES, load_rule; [load_rule(slug) for slug in RULES];"
        "import golive_ci.versions.repo_index, golive_ci.versions.python_clients, golive_ci.versions.js_clients;"
        "import golive_ci.versions.ruby_php_clients, golive_ci.versions.webhook_endpoints;"
        "heavy = {'dataclasses', 'typing', 'inspect', 'importlib.resources', 'zipfile', 'tomllib', 'datetime'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_data_files_are_read_without_importlib_resources() -> None:
    from golive_ci.rules.card_number import stripe_test_cards
    from golive_ci.versions.knowledge import known_versions, read_data

    assert read_data("stripe_api_versions.json").lstrip().startswith("{")
    assert "2024-06-20" in known_versions()
    assert "4242424242424242" in stripe_test_cards().numbers


def test_the_early_git_search_finds_what_the_late_one_does(git_repo: Path) -> None:
    from golive_ci.config import Config
    from golive_ci.rules.base import RuleContext
    from golive_ci.versions import repo_index

    write_tree(
        git_repo,
        {
            "settings.py": "STRIPE_API_VERSION = '2024-06-20'\n",
            "web/server.js": "const stripe = require('stripe')(k, { apiVersion: '2026-03-25.dahlia' });\n",
            "notes.py": "print('no version here')\n",
        },
    )
    git(git_repo, "add", ".")
    early = RuleContext(root=git_repo, config=Config(), partial=True)
    repo_index.start_search(early)
    repo_index.start_search(early)  # once per run
    process, _prefix = early.shared["versions.repo_index.search"]
    pins = repo_index.other_files_pins(early, {"notes.py"})
    assert process.returncode == 0 and "versions.repo_index.search" not in early.shared
    late = RuleContext(root=git_repo, config=Config(), partial=True)
    assert pins == repo_index.other_files_pins(late, {"notes.py"})
    assert sorted((p.path, p.version) for p in pins) == [
        ("settings.py", "2024-06-20"),
        ("web/server.js", "2026-03-25.dahlia"),
    ]
    full = RuleContext(root=git_repo, config=Config())
    repo_index.start_search(full)  # a full scan sees every file itself
    assert "versions.repo_index.search" not in full.shared
