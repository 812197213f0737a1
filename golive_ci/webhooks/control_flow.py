"""The ifs and trys around a node, language-neutral: the conditions it runs under and what is caught around it.

Built on :mod:`golive_ci.webhooks.tree` (spans, text, ancestors) for both ``ast`` and tree-sitter nodes.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from golive_ci.facts import per_file
from golive_ci.lang import profile, role_kinds
from golive_ci.records import Record
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import text_of
from golive_ci.webhooks.tree import ancestors, is_function, is_python, line_of, span, text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_TS_IF_STATEMENTS = role_kinds("if", "negated_if", "modifier_if")
_TS_CONDITIONALS = _TS_IF_STATEMENTS | role_kinds("else_if", "ternary")
_TS_NEGATED = role_kinds("negated_if")
_TS_ELSE = role_kinds("else", "else_if")
_TS_BINARIES = role_kinds("binary")
_TS_TRYS = role_kinds("try")
_TS_CATCHES = role_kinds("catch")
_TS_NOT_TRY_BODY = _TS_CATCHES | role_kinds("finally", "else")
_TS_CAUGHT_TYPES = role_kinds("caught_type")
_CLIMBS = per_file("answers of climbs towards the root, by climb name")


class Branch(Record):
    """An if/ternary between a node and its function: the node runs only when ``condition`` holds
    (or, with ``in_else``, when it does not)."""

    __slots__ = ("arm", "condition", "in_else", "line", "statement")
    statement: Any
    condition: str
    line: int
    in_else: bool
    arm: tuple[int, int]  # byte span of the branch arm that holds the node

    def __init__(self, statement: Any, condition: str, line: int, in_else: bool, arm: tuple[int, int]) -> None:
        self.statement = statement
        self.condition = condition
        self.line = line
        self.in_else = in_else
        self.arm = arm


def branches_around(source: SourceFile, node: Any, stop: Any) -> list[Branch]:
    return _collect_up(source, node, stop, "branches", lambda ancestor: _same(ancestor, stop), lambda _: False, _branch)


def _same(node: Any, other: Any) -> bool:
    return node is other or (not is_python(node) and not is_python(other) and node == other)


def _key(node: Any) -> int:
    return id(node) if is_python(node) else node.id


def _collect_up(
    source: SourceFile,
    node: Any,
    stop: Any,
    name: str,
    halt_before: Callable[[Any], bool],
    halt_after: Callable[[Any], bool],
    contribute: Callable[[SourceFile, Any, Any], Any],
) -> list[Any]:
    """What ``contribute(source, ancestor, child)`` finds on the ancestors of ``node``, innermost first.

    Answers are remembered per (child, stop), so the calls of a deeply nested file share their walks
    instead of each climbing the whole way (time linear in the file, not calls x depth)."""
    # Answers are shared linked lists, (item, rest) or None: no copying along a deep chain.
    memo: dict[tuple[int, int], Any] = _CLIMBS.of(source).setdefault(name, {})
    stop_key = _key(stop)
    walked: list[tuple[Any, Any]] = []
    found: Any = None
    for ancestor, child in ancestors(source, node):
        known = memo.get((_key(child), stop_key), memo)
        if known is not memo:
            found = known
            break
        if halt_before(ancestor):
            break
        walked.append((ancestor, child))
        if halt_after(ancestor):
            break
    for ancestor, child in reversed(walked):
        item = contribute(source, ancestor, child)
        if item is not None:
            found = (item, found)
        memo[(_key(child), stop_key)] = found
    items = []
    while found is not None:
        item, found = found
        items.append(item)
    return items


def _branch(source: SourceFile, statement: Any, child: Any) -> Branch | None:
    if is_python(statement):
        if isinstance(statement, ast.If | ast.IfExp):
            if child is statement.test:
                return None
            arm = span(source, child)
            in_else = child in statement.orelse if isinstance(statement, ast.If) else child is statement.orelse
            if isinstance(statement, ast.If):
                block = statement.orelse if in_else else statement.body
                arm = (span(source, block[0])[0], span(source, block[-1])[1])
            return Branch(statement, text(source, statement.test), statement.lineno, in_else, arm)
        if isinstance(statement, ast.BoolOp) and isinstance(statement.op, ast.And) and child is not statement.values[0]:
            return Branch(statement, text(source, statement.values[0]), statement.lineno, False, span(source, child))
        return None
    if statement.type in _TS_BINARIES:  # `sig && verify(...)`
        operator = statement.child_by_field_name("operator")
        left = statement.child_by_field_name("left")
        if operator is None or text_of(operator) not in ("&&", "and") or left is None or child == left:
            return None
        return Branch(statement, text_of(left), line_of(source, statement), False, (child.start_byte, child.end_byte))
    if statement.type not in _TS_CONDITIONALS:
        return None
    condition = statement.child_by_field_name("condition")
    if condition is None or child == condition:
        return None
    in_else = child.type in _TS_ELSE or _field_of(statement, child) == "alternative"
    if statement.type in _TS_NEGATED:
        in_else = not in_else
    arm = (child.start_byte, child.end_byte)
    return Branch(statement, text_of(condition), line_of(source, statement), in_else, arm)


def _field_of(statement: Any, child: Any) -> str | None:
    for index, candidate in enumerate(statement.children):
        if candidate == child:
            return statement.field_name_for_child(index)
    return None


class TryBlock(Record):
    __slots__ = ("handlers", "statement")
    statement: Any
    handlers: list[Any]  # except/catch/rescue clauses

    def __init__(self, statement: Any, handlers: list[Any]) -> None:
        self.statement = statement
        self.handlers = handlers


def trys_around(source: SourceFile, node: Any, stop: Any) -> list[TryBlock]:
    """try statements whose protected body holds ``node`` (not their handlers), innermost first."""
    language = profile(source.language)
    bodies_take_handlers = language is not None and language.bodies_take_handlers

    def contribute(source: SourceFile, ancestor: Any, child: Any) -> TryBlock | None:
        return _try(ancestor, child, bodies_take_handlers)

    return _collect_up(
        source, node, stop, "trys", lambda ancestor: is_function(source, ancestor), lambda a: _same(a, stop), contribute
    )


def _try(ancestor: Any, child: Any, bodies_take_handlers: bool) -> TryBlock | None:
    if is_python(ancestor):
        if isinstance(ancestor, ast.Try | ast.TryStar) and child in ancestor.body:
            return TryBlock(ancestor, list(ancestor.handlers))
        return None
    if child.type in _TS_NOT_TRY_BODY:
        return None
    if ancestor.type in _TS_TRYS:
        return TryBlock(ancestor, [c for c in ancestor.named_children if c.type in _TS_CATCHES])
    if bodies_take_handlers:
        handlers = [c for c in ancestor.named_children if c.type in _TS_CATCHES]
        if handlers:
            return TryBlock(ancestor, handlers)
    return None


def handler_types(source: SourceFile, handler: Any) -> str:
    """What an except/catch/rescue clause catches, as source text ('' when it catches everything)."""
    if is_python(handler):
        return text(source, handler.type) if handler.type is not None else ""
    for child in handler.named_children:
        if child.type in _TS_CAUGHT_TYPES:
            return text_of(child)
    return ""  # JS/TS catch (err), C# bare catch, Ruby bare rescue


def handler_body(source: SourceFile, handler: Any) -> str:
    if is_python(handler):
        return "\n".join(text(source, statement) for statement in handler.body)
    return text_of(handler)


class IfStatement(Record):
    __slots__ = ("arms", "condition", "line", "span", "statement")
    statement: Any
    condition: str
    line: int
    span: tuple[int, int]
    arms: list[tuple[int, int]]  # byte spans of the then / else / elsif bodies

    def __init__(
        self, statement: Any, condition: str, line: int, span: tuple[int, int], arms: list[tuple[int, int]]
    ) -> None:
        self.statement = statement
        self.condition = condition
        self.line = line
        self.span = span
        self.arms = arms


_TS_ARM_FIELDS = ("consequence", "alternative", "body")


def if_statements(source: SourceFile, scope: Any) -> list[IfStatement]:
    """Every if statement inside ``scope`` (a function node or the root), outermost first."""
    found: list[IfStatement] = []
    if is_python(scope):
        for node in ast.walk(scope):
            if isinstance(node, ast.If):
                blocks = [block for block in (node.body, node.orelse) if block]
                arms = [(span(source, block[0])[0], span(source, block[-1])[1]) for block in blocks]
                condition = text(source, node.test)
                found.append(IfStatement(node, condition, node.lineno, span(source, node), arms))
        return found
    from golive_ci.parsing import walk

    for node in walk(scope):
        condition = node.child_by_field_name("condition") if node.type in _TS_IF_STATEMENTS else None
        if condition is None:
            continue
        arms = [
            (child.start_byte, child.end_byte)
            for field in _TS_ARM_FIELDS
            for child in node.children_by_field_name(field)
        ]
        bounds = (node.start_byte, node.end_byte)
        found.append(IfStatement(node, text_of(condition), line_of(source, node), bounds, arms))
    return found
