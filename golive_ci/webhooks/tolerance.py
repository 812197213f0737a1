"""The timestamp tolerance passed to a signature verification, in seconds, as far as it can be read.

Per SDK: where the tolerance goes (keyword, 4th argument, Go options struct) and which values turn
the replay check off (0 and below, None/null/nil in the SDKs whose check is ``tolerance > 0`` or
``if tolerance``). Values that cannot be worked out statically are left alone.
"""

from __future__ import annotations

import ast
import math
import operator
import re

from golive_ci.lang import profile, role_kinds
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Argument, Call, assignments, mapping_items, text_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_UNBOUNDED = lazy_pattern(
    r"float\(\s*['\"]inf['\"]\s*\)|math\.inf\b|\bInfinity\b|MAX_SAFE_INTEGER|MAX_VALUE|MaxValue|PHP_INT_MAX"
    r"|math\.MaxInt\d*|sys\.maxsize|Float::INFINITY"
)
_UNITS = (
    (lazy_pattern(r"\btime\.Nanosecond\b"), "1e-9"),
    (lazy_pattern(r"\btime\.Microsecond\b"), "1e-6"),
    (lazy_pattern(r"\btime\.Millisecond\b"), "0.001"),
    (lazy_pattern(r"\btime\.Second\b"), "1"),
    (lazy_pattern(r"\btime\.Minute\b"), "60"),
    (lazy_pattern(r"\btime\.Hour\b"), "3600"),
    (lazy_pattern(r"\.(?:seconds?)\b"), "*1"),
    (lazy_pattern(r"\.(?:minutes?)\b"), "*60"),
    (lazy_pattern(r"\.(?:hours?)\b"), "*3600"),
    (lazy_pattern(r"\.(?:days?)\b"), "*86400"),
)
_GO_TOLERANCE_CALLS = frozenset({"ConstructEventWithTolerance", "ValidatePayloadWithTolerance"})
_GO_IGNORING_CALLS = frozenset({"ConstructEventIgnoringTolerance", "ValidatePayloadIgnoringTolerance"})
_COMPOSITE_BODIES = role_kinds("composite_literal_body")
_KEYED_ELEMENTS = role_kinds("keyed_element")
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


class Tolerance(Record):
    __slots__ = ("seconds", "text")
    seconds: float | None  # None: the replay check is off
    text: str  # the argument as written

    def __init__(self, seconds: float | None, text: str) -> None:
        self.seconds = seconds
        self.text = text


def tolerance_of(source: SourceFile, call: Call) -> Tolerance | None:
    """The tolerance a verification call sets, or None when it keeps the default or is unreadable."""
    language = source.language or ""
    if call.name in _GO_IGNORING_CALLS:
        return Tolerance(None, call.name)
    argument = _tolerance_argument(language, call)
    if argument is None:
        return None
    if language == "go" and call.name == "ConstructEventWithOptions":
        return _go_options(source, argument)
    return _evaluate(source, language, argument.text, go_duration=language == "go")


def _tolerance_argument(language: str, call: Call) -> Argument | None:
    named = call.kwarg("tolerance") or call.kwarg("tolerance:")
    if named is not None:
        return named
    if language == "ruby":
        return None  # Ruby takes `tolerance:` only
    if language == "go" and call.name not in _GO_TOLERANCE_CALLS and call.name != "ConstructEventWithOptions":
        return None
    return call.positional(3)


def _go_options(source: SourceFile, argument: Argument) -> Tolerance | None:
    fields = dict(_go_struct_fields(argument.node))
    if fields.get("IgnoreTolerance", "").strip() == "true":
        return Tolerance(None, "IgnoreTolerance: true")
    if "Tolerance" in fields:
        return _evaluate(source, "go", fields["Tolerance"], go_duration=True)
    return None


def _go_struct_fields(node: Any) -> list[tuple[str, str]]:
    body = next((c for c in getattr(node, "named_children", []) if c.type in _COMPOSITE_BODIES), None)
    if body is None:
        return [(key, text_of(value)) for key, value in mapping_items(node)]
    pairs = []
    for element in body.named_children:
        if element.type in _KEYED_ELEMENTS and element.named_child_count == 2:
            key, value = element.named_children
            pairs.append((text_of(key), text_of(value)))
    return pairs


def _evaluate(source: SourceFile, language: str, written: str, *, go_duration: bool) -> Tolerance | None:
    expression = written.strip()
    resolved = _resolve_name(source, expression)
    if resolved is not None:
        expression = resolved
    sdk = profile(language)
    if sdk is not None and expression in sdk.webhook_tolerance_nulls:
        return Tolerance(None, written)
    if _UNBOUNDED.search(expression):
        return Tolerance(math.inf, written)
    seconds = _arithmetic(expression, go_duration=go_duration)
    if seconds is None:
        return None
    if sdk is not None and (
        (seconds == 0 and sdk.webhook_tolerance_zero_disables)
        or (seconds < 0 and sdk.webhook_tolerance_negative_disables)
    ):
        return Tolerance(None, written)  # the SDK skips the timestamp check for this value
    return Tolerance(seconds, written)


def _resolve_name(source: SourceFile, name: str) -> str | None:
    """The literal a constant name was last given in this file (``TOLERANCE = 3600``), if any."""
    if not re.fullmatch(r"[A-Za-z_$][\w$.:]*", name) or name in ("None", "null", "nil", "true", "false"):
        return None
    short = name.rsplit(".", 1)[-1].rsplit("::", 1)[-1].lstrip("$")
    value = None
    for assignment in assignments(source):
        if assignment.target.rsplit(".", 1)[-1].lstrip("$") == short:
            value = assignment.value.text
    if value is None:  # Go/Java/C#/JS declarations are not assignments: `const tolerance = 3600`
        pattern = re.compile(rf"\b{re.escape(short)}\b\s*(?::\s*\w+\s*)?:?=\s*([^;,\n]+)")
        match = pattern.search(source.text)
        value = match.group(1) if match else None
    return value.strip() if value is not None else None


def _arithmetic(expression: str, *, go_duration: bool) -> float | None:
    text = expression
    has_unit = False
    for pattern, replacement in _UNITS:
        text, count = pattern.subn(replacement, text)
        has_unit = has_unit or count > 0
    text = re.sub(r"(?<=\d)_(?=\d)|(?<=\d)[lL]\b", "", text)
    text = re.sub(r"\b(?:int64|long|int|time\.Duration)\s*\(([^()]*)\)", r"(\1)", text)
    text = re.sub(r"^\((?:long|int)\)\s*", "", text)
    if not re.fullmatch(r"[\d\s.*+\-/()e]+", text):
        return None
    try:
        value = _eval(ast.parse(text, mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError):
        return None
    if go_duration and not has_unit:
        value = value / 1e9  # a bare number is a time.Duration in nanoseconds
    return value


def _eval(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_eval(node.left), _eval(node.right))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval(node.operand)
    raise ValueError("not arithmetic")


def describe(seconds: float) -> str:
    if math.isinf(seconds):
        return "no limit"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            amount = seconds / size
            shown = f"{amount:g}"
            return f"{shown} {unit}{'s' if amount != 1 else ''}"
    return f"{seconds:g} seconds"
