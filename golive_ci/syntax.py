"""Calls, assignments and literals of every supported language, in one shape.

Rules ask "which calls does this file make, with which arguments" without caring whether the
tree came from ``ast`` (Python) or a tree-sitter grammar (JS/TS, Ruby, PHP, Go, Java, C#).
Results are cached on the :class:`SourceFile`, so every rule of a run shares one extraction.
"""

from __future__ import annotations

import ast

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
    ASSIGNMENT_TYPES,
    CALL_TYPES,
    FUNCTION_TYPES,
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
    "ASSIGNMENT_TYPES",
    "CALL_TYPES",
    "FUNCTION_TYPES",
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


def calls(source: SourceFile) -> list[Call]:
    """Every call in ``source`` (empty when it cannot be parsed: callers check ``source.syntax()``)."""
    if "calls" not in source.cache:
        _extract(source)
    return source.cache["calls"]


def assignments(source: SourceFile) -> list[Assignment]:
    if "assignments" not in source.cache:
        _extract(source)
    return source.cache["assignments"]


def _extract(source: SourceFile) -> None:
    tree = source.syntax()
    found_calls: list[Call] = []
    found_assignments: list[Assignment] = []
    if isinstance(tree, ast.AST):
        extract_python(source, tree, found_calls, found_assignments)
    else:
        extract_tree_sitter(source, tree.root_node, found_calls, found_assignments)
    source.cache["calls"] = found_calls
    source.cache["assignments"] = found_assignments


def python_nodes(source: SourceFile) -> list[ast.AST]:
    """Every node of a Python file but expression contexts, parents before children (not the
    breadth-first order of ``ast.walk``): for surveys that do not care about order."""
    if "python_nodes" not in source.cache:
        _extract(source)
    return source.cache["python_nodes"]


def iter_nodes(source: SourceFile) -> Iterator[Any]:
    """Every node of the tree (``ast`` nodes for Python)."""
    tree = source.syntax()
    if isinstance(tree, ast.AST):
        yield from ast.walk(tree)
    else:
        from golive_ci.parsing import walk

        yield from walk(tree.root_node)  # every node: ask nodes_of_kinds for the kinds you look at


def declarations(source: SourceFile) -> list[Assignment]:
    """Declarations with an initial value, in the :class:`Assignment` shape.

    ``const x = …`` (JS/TS), ``x := …`` / ``var x = …`` (Go), ``String x = …`` (Java), ``var x = …``
    (C#). Python, Ruby and PHP have no declarations: :func:`assignments` already covers them.
    """
    if "declarations" not in source.cache:
        tree = source.syntax()
        found = [] if isinstance(tree, ast.AST) else declaration_assignments(source, captured(source, "declaration"))
        source.cache["declarations"] = found
    return source.cache["declarations"]
