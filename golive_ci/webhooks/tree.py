"""Language-neutral questions about where a node sits: its span and text, its ancestors, its function,
whether an offset is in a string or comment (the ifs and trys around it: :mod:`golive_ci.webhooks.control_flow`).

Works on both tree shapes the parsing layer produces: ``ast`` nodes (Python) and tree-sitter
nodes (everything else). Python nodes have no parent pointers, so a parent map is built once per
file and cached on the :class:`SourceFile`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from golive_ci.facts import fact, per_file
from golive_ci.lang import is_text_kind, role_kinds
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import function_nodes, parent_of, text_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_PY_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_CALL_BLOCKS = role_kinds("call_block")
_ANNOTATIONS = role_kinds("annotation")
_ARGUMENT_LISTS = role_kinds("argument_list")
_CLASSES = role_kinds("class")


def is_python(node: Any) -> bool:
    return isinstance(node, ast.AST)


def span(source: SourceFile, node: Any) -> tuple[int, int]:
    """Byte range of ``node`` in ``source.data``."""
    if is_python(node):
        if isinstance(node, ast.Module):
            return 0, len(source.data)
        start = source.byte_offset(node.lineno, node.col_offset)
        end = source.byte_offset(node.end_lineno or node.lineno, node.end_col_offset or 0)
        return start, end
    return node.start_byte, node.end_byte


def text(source: SourceFile, node: Any) -> str:
    if is_python(node):
        start, end = span(source, node)
        return source.data[start:end].decode("utf-8", "replace")
    return text_of(node)


def line_of(source: SourceFile, node: Any) -> int:
    if is_python(node):
        return getattr(node, "lineno", 1)
    return node.start_point[0] + source.first_line


def inside(source: SourceFile, inner: Any, outer: Any) -> bool:
    inner_start, inner_end = span(source, inner)
    outer_start, outer_end = span(source, outer)
    return outer_start <= inner_start and inner_end <= outer_end


def root(source: SourceFile) -> Any:
    tree = source.syntax()
    return tree if is_python(tree) else tree.root_node


@fact("Python parents by node id")
def _python_parents(source: SourceFile) -> dict[int, ast.AST]:
    parents = {}
    for node in ast.walk(source.syntax()):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    return parents


def parent(source: SourceFile, node: Any) -> Any:
    if is_python(node):
        return _python_parents(source).get(id(node))
    return parent_of(source, node)


def ancestors(source: SourceFile, node: Any) -> Iterator[tuple[Any, Any]]:
    """(ancestor, child of it on the path to ``node``), innermost first."""
    child = node
    current = parent(source, node)
    while current is not None:
        yield current, child
        child, current = current, parent(source, current)


def is_function(source: SourceFile, node: Any) -> bool:
    if is_python(node):
        return isinstance(node, _PY_FUNCTIONS)
    if node.type in role_kinds("function"):
        return True
    if node.type not in _CALL_BLOCKS:
        return False
    outer = parent_of(source, node)
    return outer is not None and outer.type in role_kinds("call")


def functions(source: SourceFile) -> list[Any]:
    """Every function of the file (as :func:`is_function` tells them), found once per file."""
    if source.language == "python":
        return _python_functions(source)
    return function_nodes(source)


@fact("Python functions")
def _python_functions(source: SourceFile) -> list[Any]:
    return [node for node in ast.walk(source.syntax()) if isinstance(node, _PY_FUNCTIONS)]


def enclosing_functions(source: SourceFile, node: Any) -> list[Any]:
    """Functions around ``node``, innermost first, then the file itself (top-level scripts)."""
    found = [a for a, _ in ancestors(source, node) if is_function(source, a)]
    found.append(root(source))
    return found


def function_name(source: SourceFile, function: Any) -> str:
    if is_python(function):
        return getattr(function, "name", "")
    name = function.child_by_field_name("name")
    return text_of(name) if name is not None else ""


def label(source: SourceFile, function: Any) -> str:
    """What names a function from outside: its name, decorators or annotations, the route call it is
    passed to, and the enclosing class name (``StripeWebhooksController``)."""
    parts = [function_name(source, function)]
    if is_python(function):
        parts += [text(source, decorator) for decorator in getattr(function, "decorator_list", [])]
    else:
        parts += [text_of(c) for c in function.children if c.type in _ANNOTATIONS]
        holder = parent_of(source, function)
        call = parent_of(source, holder) if holder is not None else None
        if call is not None and holder.type in _ARGUMENT_LISTS:
            parts.append(text_of(call)[: function.start_byte - call.start_byte])
    for ancestor, _ in ancestors(source, function):
        if is_python(ancestor):
            if isinstance(ancestor, ast.ClassDef):
                parts.append(ancestor.name)
                break
        elif ancestor.type in _CLASSES:
            parts.append(function_name(source, ancestor))
            break
    return " ".join(parts)


_LITERAL_NODES = per_file("whether a tree-sitter node is in a literal or comment, by node id")


def in_literal_or_comment(source: SourceFile, offset: int) -> bool:
    """Whether byte ``offset`` lies inside a string literal or a comment (text, not code)."""
    if source.language == "python":
        return any(start <= offset < end for start, end in _python_text_spans(source))
    node = root(source).descendant_for_byte_range(offset, offset + 1)
    return node is not None and _in_literal(source, node)


def _in_literal(source: SourceFile, node: Any) -> bool:
    """``node`` or one of its ancestors is a string literal or a comment: a climb that remembers the
    answer for every node it passes, so no node is climbed over twice in a file."""
    known: dict[int, bool] = _LITERAL_NODES.of(source)
    passed: list[int] = []
    current = node
    while True:
        key = current.id
        if key in known:
            found = known[key]
            break
        passed.append(key)
        if is_text_kind(current.type):
            found = True
            break
        current = parent_of(source, current)
        if current is None:
            found = False
            break
    for key in passed:
        known[key] = found
    return found


@fact("Python string and comment spans")
def _python_text_spans(source: SourceFile) -> list[tuple[int, int]]:
    """Byte spans of string and comment tokens, from the tokenizer (``ast`` drops comments)."""
    import io
    import tokenize

    spans: list[tuple[int, int]] = []
    try:
        for token in tokenize.tokenize(io.BytesIO(source.data).readline):
            if token.type in (tokenize.STRING, tokenize.COMMENT, getattr(tokenize, "FSTRING_START", -1)):
                start = source.byte_offset(token.start[0], _byte_column(source, token.start))
                end = source.byte_offset(token.end[0], _byte_column(source, token.end))
                spans.append((start, end))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    return spans


def _byte_column(source: SourceFile, point: tuple[int, int]) -> int:
    """tokenize counts characters; ``byte_offset`` wants bytes."""
    line = source.line_text(point[0])
    return len(line[: point[1]].encode("utf-8"))
