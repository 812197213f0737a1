"""The path an event dispatch takes for a type it does not handle, and whether that path fails the request.

A dispatch is a switch / case / match over event types, or an if-else chain whose conditions test
the type. Its unknown-type path is the ``default`` / ``else`` / ``case _`` arm. That arm *fails*
when it throws or raises, or answers a non-2xx status (``res.status(400)``, ``http.StatusBadRequest``,
``head :bad_request``, ``BadRequest()``), unless a try around it turns the failure into a success.
"""

from __future__ import annotations

import ast

from golive_ci.lang import role_kinds
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import text_of
from golive_ci.webhooks import control_flow, tree
from golive_ci.webhooks.events import type_branches
from golive_ci.webhooks.handlers import Handler

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_SWITCHES = role_kinds("switch")
_IFS = role_kinds("if", "else_if")
_ELSE_WRAPPERS = role_kinds("else")
_DEFAULT_ARMS = role_kinds("default_case")
_SECTIONS = role_kinds("switch_section")
_SECTION_LABELS = role_kinds("switch_label")
_COMMENTS = role_kinds("comment")
_MAX_CLIMB = 10
_TYPE_TEST = lazy_pattern(r"(?i)type")
# `if (event.type !== "x") return res.sendStatus(400)`: every other type takes this arm.
_NEGATED = lazy_pattern(r"!==?|\bne\b|(?:^|[(\s])!(?!=)")
_COMBINED = lazy_pattern(r"&&|\|\||\band\b|\bor\b")
_THROWS = lazy_pattern(r"\b(?:throw|raise|panic|abort|fail)\b")
_ERROR_STATUS = lazy_pattern(
    r"(?i)(?:status|code|http_response_code|writeheader|sendstatus|abort|response|head|render|json|error|halt)"
    r"[^\n]{0,40}?(?<![\w.])[45]\d\d(?![\d.])"
    r"|StatusBadRequest|StatusInternalServerError|StatusNotImplemented|StatusUnprocessableEntity|StatusNotFound"
    r"|\bBadRequest\w*\(|HttpResponseBadRequest|HttpResponseServerError|HttpResponseNotFound|UnprocessableEntity"
    r"|InternalServerError|\bNotImplemented\b|\bNotFound\(|BAD_REQUEST|INTERNAL_SERVER_ERROR|UNPROCESSABLE_ENTITY"
    r"|NOT_IMPLEMENTED|HTTP_BAD_REQUEST|:bad_request|:unprocessable_entity|:internal_server_error|:not_implemented"
    r"|:not_found|\bProblem\(|\breturn\b[^\n]*,\s*[45]\d\d\b"
)
_COMMENT = lazy_pattern(r"(?m)(?<!:)(?://|#)[^\n]*$|(?s:/\*.*?\*/)")


class UnknownTypePath(Record):
    __slots__ = ("kind", "line", "node", "reason")
    kind: str  # "default", "else", "case _" or "if not" (`if type != "x"` whose arm fails)
    line: int
    node: Any  # the arm (a list of statements for Python if-else)
    reason: str  # what fails, in one line

    def __init__(self, kind: str, line: int, node: Any, reason: str) -> None:
        self.kind = kind
        self.line = line
        self.node = node
        self.reason = reason


def failing_unknown_type_paths(source: SourceFile, handler: Handler) -> list[UnknownTypePath]:
    """The unknown-type arms of the handler's dispatches that throw or answer non-2xx."""
    found: list[UnknownTypePath] = []
    seen: set[tuple[int, int]] = set()
    for branch in type_branches(source):
        if not handler.holds(tree.span(source, branch.node)[0]):
            continue
        arm = _unknown_arm(source, branch.node, handler.function)
        if arm is None:
            continue
        kind, node = arm
        bounds = _bounds(source, node)
        if bounds in seen:
            continue
        seen.add(bounds)
        reason = _failure(source, bounds)
        if reason and not _caught_quietly(source, node, handler.function, reason):
            line = source.position(len(source.data[: bounds[0]].decode("utf-8", "replace")))[0]
            found.append(UnknownTypePath(kind, line, node, reason))
    return found


def _unknown_arm(source: SourceFile, literal: Any, stop: Any) -> tuple[str, Any] | None:
    if tree.is_python(literal):
        return _python_arm(source, literal)
    for depth, (ancestor, child) in enumerate(tree.ancestors(source, literal)):
        if depth > _MAX_CLIMB or ancestor == stop:
            return None
        if ancestor.type in _SWITCHES:
            default = _default_of(ancestor)
            return ("default", default) if default is not None else None
        if ancestor.type in _IFS and child == ancestor.child_by_field_name("condition"):
            if _NEGATED.search(text_of(child)) and not _COMBINED.search(text_of(child)):
                then = ancestor.child_by_field_name("consequence") or ancestor.child_by_field_name("body")
                return ("if not", then) if then is not None else None
            last = _final_else(ancestor)
            return ("else", last) if last is not None else None
    return None


def _default_of(switch: Any) -> Any:
    body = switch.child_by_field_name("body") or switch
    for child in [*body.named_children, *switch.named_children]:
        if child.type in _DEFAULT_ARMS:
            return child
        if child.type in _SECTIONS:
            labels = [c for c in child.children if c.type in _SECTION_LABELS]
            if any(text_of(label).startswith("default") for label in labels):
                return child
    return None


def _final_else(statement: Any) -> Any:
    current = statement
    for _ in range(50):
        condition = current.child_by_field_name("condition")
        if condition is not None and not _TYPE_TEST.search(text_of(condition)):
            return None  # the chain goes on to test something else
        alternatives = current.children_by_field_name("alternative")
        if not alternatives:
            return None
        last = alternatives[-1]
        if last.type in _ELSE_WRAPPERS:
            inner = [child for child in last.named_children if child.type not in _COMMENTS]
            if len(inner) == 1 and inner[0].type in _IFS:
                current = inner[0]
                continue
            return last
        if last.type in _IFS:
            current = last
            continue
        return last
    return None


def _python_arm(source: SourceFile, literal: ast.AST) -> tuple[str, Any] | None:
    for depth, (ancestor, child) in enumerate(tree.ancestors(source, literal)):
        if depth > _MAX_CLIMB or tree.is_function(source, ancestor):
            return None
        if isinstance(ancestor, ast.Match):
            for case in ancestor.cases:
                pattern = case.pattern
                if isinstance(pattern, ast.MatchAs) and pattern.pattern is None and case.guard is None:
                    return "case _", case.body
            return None
        if isinstance(ancestor, ast.If) and child is ancestor.test:
            test = ancestor.test
            if isinstance(test, ast.Compare) and all(isinstance(op, ast.NotEq | ast.NotIn) for op in test.ops):
                return "if not", ancestor.body
            current = ancestor
            while True:
                if not _TYPE_TEST.search(tree.text(source, current.test)):
                    return None
                if len(current.orelse) == 1 and isinstance(current.orelse[0], ast.If):
                    current = current.orelse[0]
                    continue
                return ("else", current.orelse) if current.orelse else None
    return None


def _bounds(source: SourceFile, node: Any) -> tuple[int, int]:
    if isinstance(node, list):
        return tree.span(source, node[0])[0], tree.span(source, node[-1])[1]
    return tree.span(source, node)


def _failure(source: SourceFile, bounds: tuple[int, int]) -> str:
    written = _COMMENT.sub("", source.data[bounds[0] : bounds[1]].decode("utf-8", "replace"))
    for pattern in (_THROWS, _ERROR_STATUS):
        match = pattern.search(written)
        if match is not None:
            start = written.rfind("\n", 0, match.start()) + 1
            end = written.find("\n", match.end())
            line = written[start : end if end >= 0 else len(written)]
            return " ".join(line.split())
    return ""


def _caught_quietly(source: SourceFile, node: Any, function: Any, reason: str) -> bool:
    """A throw inside a try whose handlers answer neither an error status nor re-throw."""
    if not _THROWS.search(reason):
        return False
    first = node[0] if isinstance(node, list) else node
    for block in control_flow.trys_around(source, first, function):
        bodies = [control_flow.handler_body(source, handler) for handler in block.handlers]
        if bodies and not any(_THROWS.search(body) or _ERROR_STATUS.search(body) for body in bodies):
            return True
    return False
