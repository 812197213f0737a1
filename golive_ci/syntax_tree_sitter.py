"""Calls, assignments and literals of a tree-sitter file: JS/TS, Ruby, PHP, Go, Java, C#
(see :mod:`golive_ci.syntax`)."""

from __future__ import annotations

import ast

from golive_ci.parsing import lazy_pattern
from golive_ci.syntax_model import Argument, Assignment, Call, text_of
from golive_ci.syntax_python import python_string
from golive_ci.tree_nodes import DECLARATION_TYPES, STRING_TYPES, captured, enclosing_function

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from golive_ci.sourcefile import SourceFile

_ARGUMENT_LISTS = frozenset({"arguments", "argument_list"})
_OUTER_SPACE = lazy_pattern(r"\s+(?!\w)|(?<!\w)\s+")
_INNER_SPACE = lazy_pattern(r"\s+")
_INTERPOLATION_TYPES = frozenset({"template_substitution", "interpolation", "variable_name", "escape_sequence"})


def compact(node: Any) -> str:
    """Source text without layout: ``stripe\n  .webhooks.constructEvent`` -> ``stripe.webhooks.constructEvent``."""
    return _INNER_SPACE.sub(" ", _OUTER_SPACE.sub("", text_of(node)))


def position(source: SourceFile, node: Any) -> tuple[int, int]:
    row, byte_column = node.start_point
    line = row + source.first_line
    return line, source.char_column(line, byte_column)


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
    for node in captured(source, "call"):
        if node.type == "call_expression" and node.child_by_field_name("function") is None:
            continue
        callee, name, is_new = _callee(node)
        line, column = position(source, node)
        receiver = callee[: len(callee) - len(name)].rstrip(".:->")
        function = enclosing_function(source, node)
        out_calls.append(Call(callee, name, is_new, _arguments(node), line, column, node, function, receiver))
    for node in captured(source, "assignment"):
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
            out_assign.append(Assignment(compact(target), Argument(None, None, value), line, column, node, function))


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
