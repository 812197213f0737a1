"""The tree-sitter queries of the language packages (``lang/<name>/nodes.scm``), read when first
needed (never at import: a hook that parses nothing reads none), and what a walk in Python needs
to find the same nodes without compiling them.

A query's patterns are kept simple so a small file can be walked instead of paying for the
compile: one pattern a line, ``(kind) @capture`` (a named node), ``"kind" @capture`` (an
anonymous one) or ``(parent (kind) @capture)`` (a named node under a named parent).
"""

from __future__ import annotations

import os
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# The captures of nodes.scm: calls (constructor calls included), assignments, functions (and
# blocks that act as one), declarations with a value, plain string literals.
CAPTURES = ("call", "assignment", "function", "declaration", "string")
# Captures whose nodes a file is searched for (strings are asked about one node at a time).
SEARCHED = frozenset({"call", "assignment", "function", "declaration"})


class NodePatterns:
    """One language's patterns, as a walk matches them: node kind -> ((named?, parent kind or None,
    capture), ...), and the indices of the patterns of searched captures, in the query's order."""

    __slots__ = ("by_kind", "searched")

    def __init__(self) -> None:
        self.by_kind: dict[str, tuple[tuple[bool, str | None, str], ...]] = {}
        self.searched: list[int] = []

    def captures(self, node: Any) -> list[str]:
        """The captures the query gives ``node``."""
        entries = self.by_kind.get(node.type)
        if not entries:
            return []
        found: list[str] = []
        for named, parent, capture in entries:
            if named != node.is_named or capture in found:
                continue
            if parent is not None:
                above = node.parent
                if above is None or not above.is_named or above.type != parent:
                    continue
            found.append(capture)
        return found


@cache
def query_text(path: str | None) -> str:
    """The text of a query file ("" when there is none: a language without a parser)."""
    if path is None or not os.path.isfile(path):
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _pattern(line: str) -> tuple[bool, str, str | None, str] | None:
    """(named, kind, parent kind or None, capture) of one pattern line; None if it is not one of the
    three simple shapes. Plain string handling: ``re`` would cost a hook its compile time."""
    parent = None
    if line.startswith("(") and line.endswith(")") and line.count("(") == 2:
        parent, _, line = line[1:-1].partition(" ")
        line = line.strip()
        if not parent.isidentifier() or not line.startswith("("):
            return None
    if line.startswith('"'):
        kind, _, rest = line[1:].partition('"')
        named = False
    elif line.startswith("("):
        kind, _, rest = line[1:].partition(")")
        named = True
        if not kind.isidentifier():
            return None
    else:
        return None
    rest = rest.strip()
    capture = rest[1:]
    if not kind or not rest.startswith("@") or not capture.replace(".", "_").isidentifier():
        return None
    return named, kind, parent, capture


def _lines(text: str) -> list[str]:
    """The query's patterns, without comments (``;`` to the end of a line, outside quotes)."""
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        quoted = line.rfind('"') + 1
        comment = line.find(";", quoted)
        lines.append(line[:comment].rstrip() if comment >= 0 else line)
    return lines


@cache
def node_patterns(path: str | None) -> NodePatterns:
    """The patterns of one query file; ValueError on a pattern a walk could not follow."""
    patterns = NodePatterns()
    for index, line in enumerate(_lines(query_text(path))):
        parsed = _pattern(line)
        if parsed is None:
            raise ValueError(f"{path}: a pattern the small-file walk cannot follow: {line}")
        named, kind, parent, capture = parsed
        if capture in SEARCHED:
            patterns.searched.append(index)
        patterns.by_kind[kind] = (*patterns.by_kind.get(kind, ()), (named, parent, capture))
    return patterns


def kinds(path: str | None, capture: str) -> frozenset[str]:
    """The node kinds one query file captures as ``capture`` on their own (not only under a parent)."""
    return frozenset(
        kind
        for kind, entries in node_patterns(path).by_kind.items()
        if any(parent is None and named_capture == capture for _, parent, named_capture in entries)
    )
