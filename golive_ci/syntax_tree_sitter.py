"""Calls, assignments and literals of a tree-sitter file: JS/TS, Ruby, PHP, Go, Java, C#
(see :mod:`golive_ci.syntax`)."""

from __future__ import annotations

import ast

from golive_ci.lang import call_shapes, language_roles, role_kinds
from golive_ci.parsing import lazy_pattern
from golive_ci.syntax_model import Argument, Assignment, Call, text_of
from golive_ci.syntax_python import python_string
from golive_ci.tree_nodes import captured, enclosing_function, kinds_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from golive_ci.sourcefile import SourceFile

_OUTER_SPACE = lazy_pattern(r"\s+(?!\w)|(?<!\w)\s+")
_INNER_SPACE = lazy_pattern(r"\s+")


def compact(node: Any) -> str:
    """Source text without layout: ``stripe\n  .webhooks.constructEvent`` -> ``stripe.webhooks.constructEvent``."""
    text = text_of(node)
    if _INNER_SPACE.search(text) is None:  # most callees and targets: nothing to take out
        return text
    return _INNER_SPACE.sub(" ", _OUTER_SPACE.sub("", text))


def position(source: SourceFile, node: Any) -> tuple[int, int]:
    row, byte_column = node.start_point
    line = row + source.first_line
    return line, source.char_column(line, byte_column)


def _arguments(node: Any, roles: dict[str, frozenset[str]]) -> list[Argument]:
    container = node.child_by_field_name("arguments")
    if container is None:
        lists = roles["argument_list"]
        container = next((c for c in node.named_children if c.type in lists), None)
    if container is None:
        return []
    comments = roles["comment"]
    named = roles["argument"]
    keyword = roles["keyword_argument"]
    args: list[Argument] = []
    for child in container.named_children:
        kind = child.type
        if kind in comments:
            continue
        if kind in named:  # PHP and C#: (argument name: (name) value)
            label = child.child_by_field_name("name")
            values = [c for c in child.named_children if c != label]
            value = values[-1] if values else child
            args.append(Argument(text_of(label) if label is not None else None, None, value))
        elif kind in keyword:  # Ruby: key: value
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            args.append(Argument(text_of(key).rstrip(":").lstrip(":"), None, value))
        else:
            args.append(Argument(None, None, child))
    return args


def _callee(node: Any, shape: str | None, roles: dict[str, frozenset[str]]) -> tuple[str, str, bool]:
    """(callee text, last segment, is constructor) of a call node, read as its ``call.*`` role says."""
    if shape == "call.constructor":
        target = node.child_by_field_name("constructor") or node.child_by_field_name("type")
        if target is None:
            lists = roles["argument_list"]
            target = next((c for c in node.named_children if c.type not in lists), None)
        callee = compact(target)
        return callee, callee.replace("::", ".").replace("\\", ".").rsplit(".", 1)[-1], True
    if shape == "call.receiver":  # Ruby: receiver.method(args)
        receiver = node.child_by_field_name("receiver")
        method = text_of(node.child_by_field_name("method"))
        callee = f"{compact(receiver)}.{method}" if receiver is not None else method
        return callee, method, method == "new"
    if shape in ("call.member", "call.scoped"):
        owner = node.child_by_field_name("object") or node.child_by_field_name("scope")
        method = text_of(node.child_by_field_name("name"))
        separator = "::" if shape == "call.scoped" else "->"
        return f"{compact(owner)}{separator}{method}", method, False
    if shape == "call.qualified":  # Java
        owner = node.child_by_field_name("object")
        method = text_of(node.child_by_field_name("name"))
        return (f"{compact(owner)}.{method}" if owner is not None else method), method, False
    function = node.child_by_field_name("function")
    callee = compact(function)
    base = callee.split("<", 1)[0]  # C# generics: Foo<T>(…)
    return callee, base.replace("->", ".").replace("::", ".").rsplit(".", 1)[-1], False


def _details(source: SourceFile, node: Any) -> tuple[list[Argument], int, int, Any]:
    """A call's arguments, line, column and enclosing function: most calls are only asked their
    callee, so these are worked out when a rule first reads one of them."""
    line, column = position(source, node)
    return _arguments(node, language_roles(source.language or "")), line, column, enclosing_function(source, node)


def extract_tree_sitter(source: SourceFile, root: Any, out_calls: list[Call], out_assign: list[Assignment]) -> None:
    language = source.language or ""
    roles, shapes = language_roles(language), call_shapes(language)
    for node in captured(source, "call"):
        shape = shapes.get(node.type)
        if shape == "call.function" and node.child_by_field_name("function") is None:
            continue
        callee, name, is_new = _callee(node, shape, roles)
        receiver = callee[: len(callee) - len(name)].rstrip(".:->")
        out_calls.append(Call(callee, name, is_new, None, 0, 0, node, None, receiver, resolve=_details, source=source))
    lists = roles["expression_list"]
    for node in captured(source, "assignment"):
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            continue
        line, column = position(source, node)
        function = enclosing_function(source, node)
        lefts = left.named_children if left.type in lists else [left]
        rights = right.named_children if right.type in lists else [right]
        for index, target in enumerate(lefts):
            value = rights[min(index, len(rights) - 1)] if rights else right
            out_assign.append(Assignment(compact(target), Argument(None, None, value), line, column, node, function))


def string_value(node: Any) -> str | None:
    """The value of a plain string literal (no interpolation), for any language; else None."""
    if node is None:
        return None
    if isinstance(node, ast.AST):
        return python_string(node)
    if node.type not in kinds_of("string"):
        return None
    interpolations = role_kinds("string_escape_or_interpolation")
    if any(c.type in interpolations for c in node.named_children):
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
    pairs, elements = role_kinds("pair"), role_kinds("mapping_element")
    shorthands = role_kinds("shorthand_property")
    for child in node.named_children:
        kind = child.type
        if kind in pairs:  # JS/TS object, Ruby hash
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            key_text = string_value(key) if string_value(key) is not None else text_of(key)
            items.append((key_text.strip(":").strip("'\""), value))
        elif kind in elements and child.named_child_count == 2:  # PHP
            key, value = child.named_children
            items.append((string_value(key) or text_of(key), value))
        elif kind in shorthands:
            items.append((text_of(child), child))
    return items


def declaration_assignments(source: SourceFile, nodes: list[Any]) -> list[Assignment]:
    """Declarations with an initial value among ``nodes`` (a tree-sitter file's), as assignments."""
    found: list[Assignment] = []
    roles = language_roles(source.language or "")
    paired, subscripts = roles["paired_declaration"], roles["declarator_subscript"]
    initializers, lists = roles["initializer"], roles["expression_list"]
    declarations = kinds_of("declaration")
    for node in nodes:
        if node.type not in declarations:
            continue
        if node.type in paired:
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        else:
            left, right = node.child_by_field_name("name"), node.child_by_field_name("value")
            if right is None:  # C#: (variable_declarator name: (identifier) <value>)
                rest = [c for c in node.named_children if c != left and c.type not in subscripts]
                right = rest[-1] if rest else None
                if right is not None and right.type in initializers and right.named_children:
                    right = right.named_children[-1]
        if left is None or right is None:
            continue
        line, column = position(source, node)
        function = enclosing_function(source, node)
        lefts = left.named_children if left.type in lists else [left]
        rights = right.named_children if right.type in lists else [right]
        if len(rights) == 1 and len(lefts) > 1:
            lefts = lefts[:1]  # Go `body, err := f()`: the value goes to the first name, not to err
        for target, value in zip(lefts, rights or [right], strict=False):
            found.append(Assignment(compact(target), Argument(None, None, value), line, column, node, function))
    return found
