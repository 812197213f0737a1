"""Calls, assignments and literals of every supported language, in one shape.

Rules ask "which calls does this file make, with which arguments" without caring whether the
tree came from ``ast`` (Python) or a tree-sitter grammar (JS/TS, Ruby, PHP, Go, Java, C#).
Results are facts of the :class:`SourceFile` (:mod:`golive_ci.facts`), so every rule of a run
shares one extraction.
"""

from __future__ import annotations

import ast

from golive_ci.facts import Fact
from golive_ci.lang import code_languages
from golive_ci.syntax_model import Argument, Assignment, Call, python_text, text_of
from golive_ci.syntax_python import dotted, extract_python, python_string
from golive_ci.syntax_tree_sitter import (
    compact,
    declaration_assignments,
    extract_tree_sitter,
    mapping_items,
    string_value,
)
from golive_ci.tree_nodes import (
    captured,
    enclosing_function,
    function_nodes,
    nodes_of_kinds,
    parent_of,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from golive_ci.sourcefile import SourceFile

__all__ = [
    "Argument",
    "Assignment",
    "Call",
    "assignments",
    "calls",
    "compact",
    "declarations",
    "dotted",
    "enclosing_function",
    "function_nodes",
    "iter_nodes",
    "mapping_items",
    "nodes_of_kinds",
    "parent_of",
    "python_nodes",
    "python_string",
    "python_text",
    "string_value",
    "text_of",
]


def _extract(source: SourceFile) -> tuple[list[Call], list[Assignment], list[ast.AST]]:
    """Calls, assignments and (Python only) every node: one pass over the tree for all three."""
    tree = source.syntax()
    found_calls: list[Call] = []
    found_assignments: list[Assignment] = []
    if isinstance(tree, ast.AST):
        nodes = extract_python(source, tree, found_calls, found_assignments)
    else:
        extract_tree_sitter(source, tree.root_node, found_calls, found_assignments)
        nodes = []
    return found_calls, found_assignments, nodes


_EXTRACTED = Fact("calls, assignments and Python nodes", _extract, languages=code_languages())


def _calls(source: SourceFile) -> list[Call]:
    """Every call in ``source`` (empty when it cannot be parsed: callers check ``source.syntax()``)."""
    return _EXTRACTED.of(source)[0]


def _assignments(source: SourceFile) -> list[Assignment]:
    return _EXTRACTED.of(source)[1]


def _python_nodes(source: SourceFile) -> list[ast.AST]:
    """Every node of a Python file but expression contexts, parents before children (not the
    breadth-first order of ``ast.walk``): for surveys that do not care about order."""
    return _EXTRACTED.of(source)[2]


CALLS = Fact("calls", _calls, languages=code_languages())
ASSIGNMENTS = Fact("assignments", _assignments, languages=code_languages())
PYTHON_NODES = Fact("Python nodes", _python_nodes, languages=frozenset({"python"}))
calls = CALLS.of
assignments = ASSIGNMENTS.of
python_nodes = PYTHON_NODES.of


def iter_nodes(source: SourceFile) -> Iterator[Any]:
    """Every node of the tree (``ast`` nodes for Python)."""
    tree = source.syntax()
    if isinstance(tree, ast.AST):
        yield from ast.walk(tree)
    else:
        from golive_ci.parsing import walk

        yield from walk(tree.root_node)  # every node: ask nodes_of_kinds for the kinds you look at


def _declarations(source: SourceFile) -> list[Assignment]:
    """Declarations with an initial value, in the :class:`Assignment` shape.

    ``const x = …`` (JS/TS), ``x := …`` / ``var x = …`` (Go), ``String x = …`` (Java), ``var x = …``
    (C#). Python, Ruby and PHP have no declarations: :func:`assignments` already covers them.
    """
    tree = source.syntax()
    if isinstance(tree, ast.AST):
        return []
    return declaration_assignments(source, captured(source, "declaration"))


DECLARATIONS = Fact("declarations", _declarations, languages=code_languages())
declarations = DECLARATIONS.of
