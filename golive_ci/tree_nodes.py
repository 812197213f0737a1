"""Which nodes of a tree-sitter tree a rule asks about, without materialising every node: the nodes
its language's query captures or of some kinds (a query compiled once per language, or a walk for a
small file), a node's parents (one cursor descent per question) and its enclosing function (found
among the functions by span)."""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

from golive_ci.facts import Fact, fact, per_file
from golive_ci.lang import nodes_query, profiles, role_kinds
from golive_ci.parse_error import ParseError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from golive_ci.lang._queries import NodePatterns
    from golive_ci.sourcefile import SourceFile


def kinds_of(capture: str) -> frozenset[str]:
    """The node kinds captured as ``capture`` (``call``, ``function`` …) in any language's query."""
    return role_kinds(capture)


_PARENTS = per_file("tree-sitter parents by node id")
_BY_KINDS = per_file("tree-sitter nodes by kinds")
# The nodes of the last descent of _record_path, root first (changed in place).
_LAST_PATH: Fact[list[Any]] = Fact("last descent", lambda source: [source.syntax().root_node])


def parent_of(source: SourceFile, node: Any) -> Any:
    """The parent of a node of ``source``'s tree (None at the root).

    Tree-sitter's own ``Node.parent`` searches down from the root on every call, so a climb would
    cost depth x depth. One cursor descent from the root to ``node`` instead records the parent of
    every node on the way, and later questions about any of them are answered from that record."""
    parents: dict[int, Any] = _PARENTS.of(source)
    key = node.id
    if key not in parents:
        _record_path(source, node, parents)
    return parents.get(key)


def _record_path(source: SourceFile, node: Any, parents: dict[int, Any]) -> None:
    """Descend to ``node`` from the deepest node of the last descent that holds it (questions come
    in file order, so consecutive ones share most of their path), recording parents on the way."""
    from golive_ci.parsing import MAX_TREE_DEPTH

    start, end, target = node.start_byte, node.end_byte, node.id
    path = _LAST_PATH.of(source)
    low, high = 0, len(path) - 1  # the nodes of a path hold each other: the holders are a prefix
    while low < high:
        middle = (low + high + 1) // 2
        if path[middle].start_byte <= start and end <= path[middle].end_byte:
            low = middle
        else:
            high = middle - 1
    del path[low + 1 :]
    parents.setdefault(path[0].id, None)
    cursor = path[-1].walk()
    current = path[-1]
    while current.id != target:
        above = current
        if cursor.goto_first_child_for_byte(start) is None:
            break
        current = cursor.node
        # Zero-width nodes and equal spans can steer the descent off the path: ask tree-sitter then.
        if current.start_byte > start or current.end_byte < end:
            break
        parents[current.id] = above
        path.append(current)
        if len(path) > MAX_TREE_DEPTH:
            raise ParseError(f"nested more than {MAX_TREE_DEPTH} syntax-tree levels deep")
    if target not in parents:
        parents[target] = node.parent


def enclosing_function(source: SourceFile, node: Any) -> Any:
    """The innermost function or Ruby block around ``node`` (None at the top level).

    Found among the file's functions by span (they nest, so the innermost one starting before
    ``node`` or one of the functions around it holds it), without climbing the tree."""
    index = _function_index(source)
    starts, ends, outer, functions = index
    start, end, key = node.start_byte, node.end_byte, node.id
    at = bisect_right(starts, start) - 1
    while at >= 0:
        if ends[at] >= end and functions[at].id != key:
            return functions[at]
        at = outer[at]
    return None


@fact("tree-sitter function index")
def _function_index(source: SourceFile) -> tuple[list[int], list[int], list[int], list[Any]]:
    """The file's functions in walk order with their spans and, for each, the index of the
    innermost function around it (-1 at the top level)."""
    functions = function_nodes(source)
    starts = [function.start_byte for function in functions]
    ends = [function.end_byte for function in functions]
    outer: list[int] = []
    open_functions: list[int] = []
    for at, function in enumerate(functions):
        while open_functions and ends[open_functions[-1]] < function.end_byte:
            open_functions.pop()
        outer.append(open_functions[-1] if open_functions else -1)
        open_functions.append(at)
    return starts, ends, outer, functions


def function_nodes(source: SourceFile) -> list[Any]:
    """Every function node of a tree-sitter tree (blocks that act as one included), in
    :func:`golive_ci.parsing.walk` order."""
    return captured(source, "function")


def captured(source: SourceFile, capture: str) -> list[Any]:
    """The nodes of a tree-sitter tree that its language's query captures as ``capture`` (``call``,
    ``assignment``, ``function``, ``declaration``), in :func:`golive_ci.parsing.walk` order: found by
    the query, compiled once per language, not a walk in Python (but for small files, below)."""
    return _captures(source).get(capture, [])


def nodes_of_kinds(source: SourceFile, kinds: frozenset[str]) -> list[Any]:
    """Every node of a tree-sitter tree whose type is one of ``kinds`` (named or not), in
    :func:`golive_ci.parsing.walk` order: found by a query compiled once per language and kind set."""
    by_kinds = _BY_KINDS.of(source)
    found = by_kinds.get(kinds)
    if found is None:
        found = by_kinds[kinds] = _matching(source, kinds)
    return found


# A tree of fewer nodes is walked in Python while its language's query is not compiled yet: compiling
# one costs several milliseconds, more than walking a small file (a hook sees a few small files).
_WALK_BELOW = 3000
_compiled: set[tuple[str, frozenset[str]]] = set()
_compiled_languages: set[str] = set()


@fact("tree-sitter nodes by capture of the language's query")
def _captures(source: SourceFile) -> dict[str, list[Any]]:
    """The nodes of each searched capture of the language's query, in walk order."""
    language = profiles().get(source.language or "")
    if language is None:
        return {}
    root = source.syntax().root_node
    if language.name not in _compiled_languages and root.descendant_count < _WALK_BELOW:
        return _walked_captures(_small_tree(source), _patterns(nodes_query(language.name)))
    _compiled_languages.add(language.name)
    query = _language_query(language.name, nodes_query(language.name))
    if query is None:
        return {}
    from tree_sitter import QueryCursor

    captures = QueryCursor(query).captures(root)
    names: dict[int, list[str]] = {}
    for name, group in captures.items():
        for node in group:
            names.setdefault(node.id, []).append(name)
    ordered = _in_walk_order(source, [node for group in captures.values() for node in group])
    found: dict[str, list[Any]] = {}
    for node in ordered:
        for name in names[node.id]:
            found.setdefault(name, []).append(node)
    return found


def _walked_captures(nodes: list[Any], patterns: NodePatterns) -> dict[str, list[Any]]:
    """What :func:`_captures` finds, from a walk's nodes."""
    from golive_ci.lang._queries import SEARCHED

    found: dict[str, list[Any]] = {}
    by_kind = patterns.by_kind
    for node in nodes:
        if node.type in by_kind:  # most nodes are of no captured kind: skip them cheaply
            for name in patterns.captures(node):
                if name in SEARCHED:
                    found.setdefault(name, []).append(node)
    return found


def _patterns(path: str | None) -> NodePatterns:
    from golive_ci.lang._queries import node_patterns

    return node_patterns(path)


@cache
def _language_query(language: str, path: str | None) -> Any:
    """The language's query with only the patterns of searched captures enabled (None: no patterns)."""
    from tree_sitter import Query

    from golive_ci.lang._queries import query_text
    from golive_ci.parsing import grammar

    patterns = _patterns(path)
    if not patterns.searched:
        return None
    query = Query(grammar(language), query_text(path))
    for index in range(query.pattern_count):
        if index not in patterns.searched:
            query.disable_pattern(index)
    return query


def _matching(source: SourceFile, kinds: frozenset[str]) -> list[Any]:
    """The nodes of ``kinds``, in walk order."""
    root = source.syntax().root_node
    key = (source.language or "", kinds)
    if key not in _compiled and root.descendant_count < _WALK_BELOW:
        return [node for node in _small_tree(source) if node.type in kinds]
    _compiled.add(key)
    query = _kinds_query(*key)
    if query is None:
        return []
    from tree_sitter import QueryCursor

    captures = QueryCursor(query).captures(root)
    return _in_walk_order(source, [node for group in captures.values() for node in group])


@fact("every node of a small tree-sitter tree")
def _small_tree(source: SourceFile) -> list[Any]:
    """Every node of a small tree in walk order, walked once per file."""
    from golive_ci.parsing import walk

    return list(walk(source.syntax().root_node))


def _in_walk_order(source: SourceFile, nodes: list[Any]) -> list[Any]:
    """Depth first, parents before children (a child can span exactly what its parent does)."""
    keyed = {}
    for node in nodes:
        keyed[node.id] = (node.start_byte, -node.end_byte, node)

    def depth(node: Any) -> int:
        count = 0
        while (node := parent_of(source, node)) is not None:
            count += 1
        return count

    spans = [(start, end) for start, end, _ in keyed.values()]
    if len(set(spans)) == len(spans):
        return [node for _, _, node in sorted(keyed.values(), key=lambda item: item[:2])]
    return [node for _, _, node in sorted(keyed.values(), key=lambda item: (*item[:2], depth(item[2])))]


@cache
def _kinds_query(language: str, kinds: frozenset[str]) -> Any:
    from tree_sitter import Query

    from golive_ci.parsing import grammar

    grammar_language = grammar(language)
    patterns = []
    for kind in sorted(kinds):
        if grammar_language.id_for_node_kind(kind, True):
            patterns.append(f"({kind}) @node")
        if grammar_language.id_for_node_kind(kind, False):
            patterns.append(f'"{kind}" @node')
    return Query(grammar_language, "\n".join(patterns)) if patterns else None
