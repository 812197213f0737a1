"""Calls, assignments and literals of a tree-sitter file: JS/TS, Ruby, PHP, Go, Java, C#
(see :mod:`golive_ci.syntax`)."""

from __future__ import annotations

import ast
from bisect import bisect_right
from functools import cache

from golive_ci.parse_error import ParseError
from golive_ci.parsing import lazy_pattern
from golive_ci.syntax_model import Argument, Assignment, Call, text_of
from golive_ci.syntax_python import python_string

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from golive_ci.sourcefile import SourceFile

CALL_TYPES = frozenset(
    {
        "call_expression",  # JS/TS, Go
        "new_expression",  # JS/TS
        "call",  # Ruby
        "function_call_expression",  # PHP
        "member_call_expression",  # PHP
        "nullsafe_member_call_expression",  # PHP
        "scoped_call_expression",  # PHP
        "object_creation_expression",  # PHP, Java, C#
        "method_invocation",  # Java
        "invocation_expression",  # C#
    }
)
ASSIGNMENT_TYPES = frozenset({"assignment_expression", "assignment", "assignment_statement", "operator_assignment"})
FUNCTION_TYPES = frozenset(
    {
        "function_declaration", "function_definition", "function_expression", "function", "arrow_function",
        "method_definition", "generator_function_declaration", "method", "singleton_method", "do_block",
        "method_declaration", "func_literal", "lambda_expression", "anonymous_function",
        "anonymous_function_creation_expression", "local_function_statement", "constructor_declaration",
        "anonymous_method_expression",
    }
)  # fmt: skip
_ARGUMENT_LISTS = frozenset({"arguments", "argument_list"})
STRING_TYPES = frozenset(
    {
        "string", "template_string", "string_literal", "interpreted_string_literal", "raw_string_literal",
        "encapsed_string", "verbatim_string_literal", "raw_string",
    }
)  # fmt: skip
_OUTER_SPACE = lazy_pattern(r"\s+(?!\w)|(?<!\w)\s+")
_INNER_SPACE = lazy_pattern(r"\s+")
_INTERPOLATION_TYPES = frozenset({"template_substitution", "interpolation", "variable_name", "escape_sequence"})
DECLARATION_TYPES = frozenset({"variable_declarator", "short_var_declaration", "var_spec", "const_spec"})
_EXTRACTED_TYPES = CALL_TYPES | ASSIGNMENT_TYPES
_CORE_TYPES = CALL_TYPES | ASSIGNMENT_TYPES | DECLARATION_TYPES | FUNCTION_TYPES


def compact(node: Any) -> str:
    """Source text without layout: ``stripe\n  .webhooks.constructEvent`` -> ``stripe.webhooks.constructEvent``."""
    return _INNER_SPACE.sub(" ", _OUTER_SPACE.sub("", text_of(node)))


def position(source: SourceFile, node: Any) -> tuple[int, int]:
    row, byte_column = node.start_point
    line = row + source.first_line
    return line, source.char_column(line, byte_column)


def parent_of(source: SourceFile, node: Any) -> Any:
    """The parent of a node of ``source``'s tree (None at the root).

    Tree-sitter's own ``Node.parent`` searches down from the root on every call, so a climb would
    cost depth x depth. One cursor descent from the root to ``node`` instead records the parent of
    every node on the way, and later questions about any of them are answered from that record."""
    parents: dict[int, Any] = source.cache.setdefault("tree_parents", {})
    key = node.id
    if key not in parents:
        _record_path(source, node, parents)
    return parents.get(key)


def _record_path(source: SourceFile, node: Any, parents: dict[int, Any]) -> None:
    """Descend to ``node`` from the deepest node of the last descent that holds it (questions come
    in file order, so consecutive ones share most of their path), recording parents on the way."""
    from golive_ci.parsing import MAX_TREE_DEPTH

    start, end, target = node.start_byte, node.end_byte, node.id
    path: list[Any] = source.cache.get("tree_last_path") or [source.syntax().root_node]
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
    source.cache["tree_last_path"] = path
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


def _function_index(source: SourceFile) -> tuple[list[int], list[int], list[int], list[Any]]:
    """The file's functions in walk order with their spans and, for each, the index of the
    innermost function around it (-1 at the top level)."""
    index = source.cache.get("tree_function_index")
    if index is None:
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
        index = source.cache["tree_function_index"] = (starts, ends, outer, functions)
    return index


def function_nodes(source: SourceFile) -> list[Any]:
    """Every function node of a tree-sitter tree (as ``webhooks.tree.is_function`` tells them), in
    :func:`golive_ci.parsing.walk` order."""
    return nodes_of_kinds(source, FUNCTION_TYPES, ruby_blocks=True)


def nodes_of_kinds(source: SourceFile, kinds: frozenset[str], ruby_blocks: bool = False) -> list[Any]:
    """Every node of a tree-sitter tree whose type is one of ``kinds`` (named or not), in
    :func:`golive_ci.parsing.walk` order: found by a query compiled once per language, not a walk
    in Python. ``ruby_blocks`` adds blocks given to a call (Ruby's ``post "/hook" { … }``)."""
    key = f"tree_kinds.{ruby_blocks}.{'|'.join(sorted(kinds))}"
    found = source.cache.get(key)
    if found is None:
        if kinds <= _CORE_TYPES:  # calls, assignments, declarations and functions: one query for all
            core, blocks = _core_nodes(source)
            found = [node for node in core if node.type in kinds or (ruby_blocks and node.id in blocks)]
        else:
            found = _in_walk_order(source, _captured(source, _kinds_query(source.language or "", kinds, ruby_blocks)))
        source.cache[key] = found
    return found


def _core_nodes(source: SourceFile) -> tuple[list[Any], frozenset[int]]:
    """The nodes of :data:`_CORE_TYPES` and Ruby's call blocks, in walk order, and the blocks' ids."""
    core = source.cache.get("tree_core")
    if core is None:
        query = _kinds_query(source.language or "", _CORE_TYPES, True)
        nodes = _captured(source, query)
        blocks = frozenset(node.id for node in nodes if node.type not in _CORE_TYPES)
        core = source.cache["tree_core"] = (_in_walk_order(source, nodes), blocks)
    return core


def _captured(source: SourceFile, query: Any) -> list[Any]:
    if query is None:
        return []
    from tree_sitter import QueryCursor

    captures = QueryCursor(query).captures(source.syntax().root_node)
    return [node for group in captures.values() for node in group]


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
def _kinds_query(language: str, kinds: frozenset[str], ruby_blocks: bool) -> Any:
    from tree_sitter import Query

    from golive_ci.parsing import grammar

    grammar_language = grammar(language)
    patterns = []
    for kind in sorted(kinds):
        if grammar_language.id_for_node_kind(kind, True):
            patterns.append(f"({kind}) @node")
        if grammar_language.id_for_node_kind(kind, False):
            patterns.append(f'"{kind}" @node')
    kind_id = grammar_language.id_for_node_kind
    if ruby_blocks and kind_id("block", True) and kind_id("call", True):
        patterns.append("(call (block) @node)")
    return Query(grammar_language, "\n".join(patterns)) if patterns else None


def _arguments(node: Any) -> list[Argument]:
    container = node.child_by_field_name("arguments")
    if container is None:
        container = next((c for c in node.named_children if c.type in _ARGUMENT_LISTS), None)
    if container is None:
        return []
    args: list[Argument] = []
    for child in container.named_children:
        if child.type == "comment":
            continue
        if child.type == "argument":  # PHP and C#: (argument name: (name) value)
            label = child.child_by_field_name("name")
            values = [c for c in child.named_children if c != label]
            value = values[-1] if values else child
            args.append(Argument(text_of(label) if label is not None else None, None, value))
        elif child.type == "pair" and node.type == "call":  # Ruby keyword argument
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            args.append(Argument(text_of(key).rstrip(":").lstrip(":"), None, value))
        else:
            args.append(Argument(None, None, child))
    return args


def _callee(node: Any) -> tuple[str, str, bool]:
    """(callee text, last segment, is constructor) of a call node."""
    kind = node.type
    if kind in ("new_expression", "object_creation_expression"):
        target = node.child_by_field_name("constructor") or node.child_by_field_name("type")
        if target is None:
            target = next((c for c in node.named_children if c.type not in _ARGUMENT_LISTS), None)
        callee = compact(target)
        return callee, callee.replace("::", ".").replace("\\", ".").rsplit(".", 1)[-1], True
    if kind == "call":  # Ruby: receiver.method(args)
        receiver = node.child_by_field_name("receiver")
        method = text_of(node.child_by_field_name("method"))
        callee = f"{compact(receiver)}.{method}" if receiver is not None else method
        return callee, method, method == "new"
    if kind in ("member_call_expression", "nullsafe_member_call_expression", "scoped_call_expression"):
        owner = node.child_by_field_name("object") or node.child_by_field_name("scope")
        method = text_of(node.child_by_field_name("name"))
        separator = "::" if kind == "scoped_call_expression" else "->"
        return f"{compact(owner)}{separator}{method}", method, False
    if kind == "method_invocation":  # Java
        owner = node.child_by_field_name("object")
        method = text_of(node.child_by_field_name("name"))
        return (f"{compact(owner)}.{method}" if owner is not None else method), method, False
    function = node.child_by_field_name("function")
    callee = compact(function)
    base = callee.split("<", 1)[0]  # C# generics: Foo<T>(…)
    return callee, base.replace("->", ".").replace("::", ".").rsplit(".", 1)[-1], False


def extract_tree_sitter(source: SourceFile, root: Any, out_calls: list[Call], out_assign: list[Assignment]) -> None:
    for node in nodes_of_kinds(source, _EXTRACTED_TYPES):
        kind = node.type
        if kind in CALL_TYPES:
            if kind == "call_expression" and node.child_by_field_name("function") is None:
                continue
            callee, name, is_new = _callee(node)
            line, column = position(source, node)
            receiver = callee[: len(callee) - len(name)].rstrip(".:->")
            function = enclosing_function(source, node)
            out_calls.append(Call(callee, name, is_new, _arguments(node), line, column, node, function, receiver))
        elif kind in ASSIGNMENT_TYPES:
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if left is None or right is None:
                continue
            line, column = position(source, node)
            function = enclosing_function(source, node)
            lefts = left.named_children if left.type == "expression_list" else [left]
            rights = right.named_children if right.type == "expression_list" else [right]
            for index, target in enumerate(lefts):
                value = rights[min(index, len(rights) - 1)] if rights else right
                out_assign.append(
                    Assignment(compact(target), Argument(None, None, value), line, column, node, function)
                )


def string_value(node: Any) -> str | None:
    """The value of a plain string literal (no interpolation), for any language; else None."""
    if node is None:
        return None
    if isinstance(node, ast.AST):
        return python_string(node)
    if node.type not in STRING_TYPES:
        return None
    if any(c.type in _INTERPOLATION_TYPES for c in node.named_children):
        return None
    raw = text_of(node)
    for prefix in ("@", "$"):
        raw = raw.removeprefix(prefix)
    if len(raw) >= 2 and raw[0] in "\"'`" and raw[-1] == raw[0]:
        return raw[1:-1]
    return None


def mapping_items(node: Any) -> list[tuple[str, Any]]:
    """(key, value node) of a literal mapping: JS object, PHP array, Ruby hash, Python dict."""
    if node is None:
        return []
    if isinstance(node, ast.AST):
        if isinstance(node, ast.Dict):
            return [(python_string(k) or "", v) for k, v in zip(node.keys, node.values, strict=False) if k is not None]
        return []
    items: list[tuple[str, Any]] = []
    for child in node.named_children:
        if child.type == "pair":  # JS/TS object, Ruby hash
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            key_text = string_value(key) if string_value(key) is not None else text_of(key)
            items.append((key_text.strip(":").strip("'\""), value))
        elif child.type == "array_element_initializer" and child.named_child_count == 2:  # PHP
            key, value = child.named_children
            items.append((string_value(key) or text_of(key), value))
        elif child.type == "shorthand_property_identifier":
            items.append((text_of(child), child))
    return items


def declaration_assignments(source: SourceFile, nodes: list[Any]) -> list[Assignment]:
    """Declarations with an initial value among ``nodes`` (a tree-sitter file's), as assignments."""
    found: list[Assignment] = []
    for node in nodes:
        if node.type not in DECLARATION_TYPES:
            continue
        if node.type == "short_var_declaration":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        else:
            left, right = node.child_by_field_name("name"), node.child_by_field_name("value")
            if right is None:  # C#: (variable_declarator name: (identifier) <value>)
                rest = [c for c in node.named_children if c != left and c.type != "bracketed_argument_list"]
                right = rest[-1] if rest else None
                if right is not None and right.type == "equals_value_clause" and right.named_children:
                    right = right.named_children[-1]
        if left is None or right is None:
            continue
        line, column = position(source, node)
        function = enclosing_function(source, node)
        lefts = left.named_children if left.type == "expression_list" else [left]
        rights = right.named_children if right.type == "expression_list" else [right]
        if len(rights) == 1 and len(lefts) > 1:
            lefts = lefts[:1]  # Go `body, err := f()`: the value goes to the first name, not to err
        for target, value in zip(lefts, rights or [right], strict=False):
            found.append(Assignment(compact(target), Argument(None, None, value), line, column, node, function))
    return found
