"""Access paths: the chains of names a log call prints (``request.body``, ``params[:card][:number]``).

Paths are found in every language through the shared syntax layer, with loops rather than
recursion (minified code nests deeply). A path inside a comparison, a length, a hash or a mask is
marked *neutral*: what gets printed then is not the value itself.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache

from golive_ci.lang import role_kinds
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.syntax import text_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Calls that read a key out of a mapping: their literal argument is a key of the path.
ACCESSOR_CALLS = frozenset(
    {"get", "fetch", "dig", "getparameter", "getattribute", "input", "param", "query", "post", "require", "getstring",
     "optstring", "value", "getvalue"}
)  # fmt: skip


class Segment(Record):
    __slots__ = ("from_argument", "name")
    name: str
    from_argument: bool  # a literal argument of a (non-accessor) call: getElement('card') -> card

    def __init__(self, name: str, from_argument: bool = False) -> None:
        self.name = name
        self.from_argument = from_argument


class AccessPath(Record):
    __slots__ = ("neutral", "node", "segments")
    node: Any
    segments: list[Segment]
    neutral: bool  # inside a comparison, a length, a hash, a mask …: the value itself is not printed

    def __init__(self, node: Any, segments: list[Segment], neutral: bool) -> None:
        self.node = node
        self.segments = segments
        self.neutral = neutral

    @property
    def text(self) -> str:
        node = self.node
        if isinstance(node, ast.AST):
            return ast.unparse(node)
        return text_of(node)


_IDENTIFIER_TYPES = role_kinds("identifier", "property_name", "sigiled_variable", "self", "type_name")
_WRAPPER_TYPES = role_kinds("parenthesized", "await", "non_null")
_MEMBER_TYPES = role_kinds("member_access")
_SUBSCRIPT_TYPES = role_kinds("subscript")
_SUBSCRIPT_ARGUMENTS = role_kinds("argument_list", "argument")
_ARGUMENT_LISTS = role_kinds("argument_list")
_ARGUMENTS = role_kinds("argument")
_SIGNED_NUMBERS = role_kinds("signed_number")
_STRING_PARTS = role_kinds("string_content")
_OBJECT_FIELDS = ("object", "operand", "expression", "receiver", "scope", "array", "function")
_NAME_FIELDS = ("property", "field", "name", "method")
_NEUTRAL_CALL = lazy_pattern(
    r"^(?:len|bool|type|typeof|id|hash|isinstance|hasattr|callable|boolean|isset|empty|strlen|count|is_null"
    r"|isnull|isnullorempty|isnullorwhitespace|isempty|isblank|present\??|blank\??|nil\??|hexdigest|digest"
    r"|sha\d*|md5|hmac|fingerprint|last4|startswith|endswith|starts_with|ends_with|startswith|includes"
    r"|(?:mask|redact|hash|saniti[sz]|obfuscat|scrub|censor|anonymi[sz])\w*)$",
    re.IGNORECASE,
)
_COMPARISON_OPERATORS = frozenset({"==", "!=", "===", "!==", "<", ">", "<=", ">=", "instanceof", "in", "is", "<=>"})
_TERNARY_TYPES = role_kinds("ternary")
_NEGATION_TYPES = role_kinds("unary")
_BINARY_TYPES = role_kinds("binary")
_TYPE_TESTS = role_kinds("type_test")


# The queries name calls and strings: these two are made at the first question, not at import.
@cache
def _calls() -> frozenset[str]:
    return role_kinds("call") - role_kinds("call.constructor")


@cache
def _literals() -> frozenset[str]:
    return role_kinds("string", "symbol", "number", "boolean", "null", "signed_number")


def _literal_text(node: Any) -> str | None:
    if isinstance(node, ast.AST):
        if isinstance(node, ast.Constant) and isinstance(node.value, str | int):
            return str(node.value)
        return None
    if node.type not in _literals():
        return None
    if node.type in _SIGNED_NUMBERS:  # -4 in slice(-4)
        return text_of(node) if re.fullmatch(r"-\s*\d+", text_of(node)) else None
    if any(c.type not in _STRING_PARTS for c in node.named_children):
        return None  # interpolation: "card $card", `${x}`, "#{x}"
    return text_of(node).strip("\"'`:@$")


def _field(node: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        child = node.child_by_field_name(name)
        if child is not None:
            return child
    return None


def path_segments(node: Any) -> list[Segment] | None:
    """The access path of ``node`` as segments, or None when ``node`` is not a pure path.

    Walks down the owner spine (``a.b[0].c()`` -> ``a``) in a loop: minified code nests deeply.
    """
    step = _python_step if isinstance(node, ast.AST) else _tree_sitter_step
    suffixes: list[list[Segment]] = []
    current: Any = node
    while current is not None:
        result = step(current)
        if result is None:
            return None
        owner, segments = result
        suffixes.append(segments)
        current = owner
    return [segment for part in reversed(suffixes) for segment in part]


# One step down a path: (the owner to continue with or None at the root, the segments this node adds),
# or None when the node is not part of a pure access path.
if TYPE_CHECKING:
    _Step = tuple[Any, list[Segment]] | None


def _tree_sitter_step(node: Any) -> _Step:
    kind = node.type
    if kind in _IDENTIFIER_TYPES:
        return None, [Segment(text_of(node).lstrip("$@"))]
    if kind in _WRAPPER_TYPES:
        return (node.named_children[0], []) if node.named_child_count == 1 else None
    if kind in _MEMBER_TYPES:
        owner, name = _field(node, _OBJECT_FIELDS), _field(node, _NAME_FIELDS)
        if owner is None and node.named_child_count == 2:
            owner, name = node.named_children
        if owner is None or name is None:
            return None
        return owner, [Segment(text_of(name).lstrip("$"))]
    if kind in _SUBSCRIPT_TYPES:
        children = node.named_children
        owner = _field(node, _OBJECT_FIELDS) or (children[0] if children else None)
        if owner is None:
            return None
        keys = [c for c in children if c != owner]
        while len(keys) == 1 and keys[0].type in _SUBSCRIPT_ARGUMENTS:
            keys = keys[0].named_children
        literal = _literal_text(keys[0]) if len(keys) == 1 else None
        return owner, [Segment(literal if literal is not None else "[]")]
    if kind in _calls():
        return _call_step(node)
    return None


def _call_step(node: Any) -> _Step:
    arguments = node.child_by_field_name("arguments")
    if arguments is None:
        arguments = next((c for c in node.named_children if c.type in _ARGUMENT_LISTS), None)
    literals: list[Segment] = []
    accessor = _call_name(node).lower() in ACCESSOR_CALLS
    for argument in arguments.named_children if arguments is not None else []:
        wrapped = argument.type in _ARGUMENTS and argument.named_children
        value = argument.named_children[-1] if wrapped else argument
        literal = _literal_text(value)
        if literal is None:
            return None
        literals.append(Segment(literal, from_argument=not accessor))
    owner, name = _field(node, ("object", "receiver", "scope")), _field(node, ("name", "method"))
    if name is not None:
        return owner, [Segment(text_of(name)), *literals]
    function = node.child_by_field_name("function")
    return None if function is None else (function, literals)


def _python_step(node: ast.AST) -> _Step:
    if isinstance(node, ast.Name):
        return None, [Segment(node.id)]
    if isinstance(node, ast.Attribute):
        return node.value, [Segment(node.attr)]
    if isinstance(node, ast.Await):
        return node.value, []
    if isinstance(node, ast.Subscript):
        if isinstance(node.slice, ast.Slice):
            return node.value, [Segment("[:]")]
        literal = _literal_text(node.slice)
        return node.value, [Segment(literal if literal is not None else "[]")]
    if isinstance(node, ast.Call):
        literals = [_literal_text(a) for a in node.args]
        if any(v is None for v in literals) or node.keywords:
            return None
        accessor = isinstance(node.func, ast.Attribute) and node.func.attr.lower() in ACCESSOR_CALLS
        return node.func, [Segment(v or "", from_argument=not accessor) for v in literals]
    return None


def access_paths(node: Any, neutral: bool = False) -> Iterator[AccessPath]:
    """Every maximal access path inside ``node`` (an argument of a log call), in source order."""
    stack: list[tuple[Any, bool]] = [(node, neutral)]
    while stack:
        current, is_neutral = stack.pop()
        segments = path_segments(current)
        if segments is not None:
            yield AccessPath(current, segments, is_neutral)
            continue
        children = (
            _python_children(current, is_neutral) if isinstance(current, ast.AST) else _children(current, is_neutral)
        )
        stack.extend(reversed(children))


def _children(node: Any, neutral: bool) -> list[tuple[Any, bool]]:
    kind = node.type
    neutral = neutral or _neutralizes(node, kind)
    condition = node.child_by_field_name("condition") if kind in _TERNARY_TYPES else None
    return [(child, neutral or (condition is not None and child == condition)) for child in node.named_children]


def _python_children(node: ast.AST, neutral: bool) -> list[tuple[Any, bool]]:
    if isinstance(node, ast.Call):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        neutral = neutral or bool(_NEUTRAL_CALL.match(name))
    elif isinstance(node, ast.Compare) or (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
        neutral = True
    if isinstance(node, ast.IfExp):
        return [(node.test, True), (node.body, neutral), (node.orelse, neutral)]
    return [
        (child.value if isinstance(child, ast.keyword) else child, neutral)
        for child in ast.iter_child_nodes(node)
        if isinstance(child, ast.expr | ast.keyword | ast.comprehension)
    ]


def _neutralizes(node: Any, kind: str) -> bool:
    """Whether ``node`` turns the values below it into something else: a length, a boolean, a hash."""
    if kind in _calls():
        return bool(_NEUTRAL_CALL.match(_call_name(node)))
    if kind in _BINARY_TYPES:
        return _operator(node) in _COMPARISON_OPERATORS
    if kind in _NEGATION_TYPES:
        return _operator(node) in ("!", "not", "typeof", "defined?", "void")
    return kind in _TYPE_TESTS


def _call_name(node: Any) -> str:
    name = _field(node, ("name", "method"))
    if name is None:
        function = node.child_by_field_name("function")
        text = text_of(function) if function is not None else ""
        return re.split(r"\.|->|::|\\", text)[-1]
    return text_of(name)


def _operator(node: Any) -> str:
    operator = node.child_by_field_name("operator")
    if operator is not None:
        return text_of(operator)
    return next((text_of(c) for c in node.children if not c.is_named), "")
