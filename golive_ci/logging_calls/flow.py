"""Which names hold what, per function: the little data flow ``sensitive-log`` needs.

Names are tracked per enclosing function (a ``body`` in another function is another variable);
module-level names are visible everywhere in the file.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, lru_cache

from golive_ci.lang import profiles, role_kinds
from golive_ci.parsing import lazy_pattern
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call, nodes_of_kinds, parent_of, text_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_PARAMETER_TYPES = role_kinds("parameter")
_WRAPPERS = role_kinds("await", "parenthesized")
_RETURNS = role_kinds("return")
_IMPLICIT_RETURN_BODIES = role_kinds("implicit_return")
# A field read after a parsing call: `.get("x")`, `["x"]`, `.x`, `->x`, `?.x` (not a conversion).
_FIELD_ACCESS = lazy_pattern(
    r"(?:\??\.|->)\s*(?!(?:to_?s|to_?h|to_?json|json|text|read|decode|string|tostring|dump|dumps)\b)\w+|\["
)
# A value the code makes itself (a random token, a UUID): not a secret Stripe issued.
GENERATED_VALUE = lazy_pattern(
    r"(?<![\w$.:>])(?:await\s++)?(?:[\w$]+(?:\.|->|::))*(?:generate_?\w*|\w*token_(?:hex|urlsafe|bytes)|uuid\d?|random\w*"
    r"|urandom|randomUUID|randomBytes|SecureRandom\.\w+)\s*\(",
    re.IGNORECASE,
)


def scope_key(function: Any) -> Any:
    if function is None:
        return None
    if isinstance(function, ast.AST):
        return id(function)
    return (function.start_byte, function.end_byte)


class Taint:
    """Names that hold a raw payload or a verified event, per enclosing function."""

    def __init__(self) -> None:
        self.kinds: dict[tuple[Any, str], str] = {}

    def add(self, function: Any, name: str, kind: str) -> None:
        self.kinds.setdefault((scope_key(function), name.lstrip("$@")), kind)

    def kind(self, function: Any, name: str) -> str | None:
        name = name.lstrip("$@")
        return self.kinds.get((scope_key(function), name)) or self.kinds.get((None, name))


def function_name(function: Any) -> str | None:
    if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return function.name
    if function is None or isinstance(function, ast.AST):
        return None
    name = function.child_by_field_name("name")
    return name.text.decode("utf-8", "replace") if name is not None and name.text else None


def returned(source: SourceFile, call: Call) -> bool:
    """Whether the call's value is what its function returns (``return …``; Ruby: the last expression)."""
    function = call.function
    if isinstance(call.node, ast.AST):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            return False
        return any(
            isinstance(node, ast.Return) and node.value is not None and call.node in ast.walk(node.value)
            for node in ast.walk(function)
        )
    node = call.node
    parent = parent_of(source, node)
    while parent is not None and parent.type in _WRAPPERS:
        node, parent = parent, parent_of(source, parent)
    if parent is None:
        return False
    if parent.type in _RETURNS:
        return True
    return parent.type in _IMPLICIT_RETURN_BODIES and parent.named_children[-1] == node


@cache
def _body_annotations() -> tuple[frozenset[str], re.Pattern[str]]:
    """The languages whose handlers bind a parameter to the request body by annotation, and one
    pattern for all their annotations."""
    annotations = {name: p.body_parameter_annotation for name, p in profiles().items() if p.body_parameter_annotation}
    return frozenset(annotations), re.compile("|".join(dict.fromkeys(annotations.values())))


def body_parameters(source: SourceFile) -> Iterator[tuple[Any, str]]:
    """(function, name) of parameters bound to the request body: ``@RequestBody String payload`` (Spring),
    ``[FromBody] string json`` (ASP.NET), ``@Body() payload`` (NestJS)."""
    languages, annotation = _body_annotations()
    if source.language not in languages or not annotation.search(source.text):
        return
    functions = role_kinds("function")
    for node in nodes_of_kinds(source, _PARAMETER_TYPES):
        if not annotation.search(text_of(node)):
            continue
        name = node.child_by_field_name("name") or node.child_by_field_name("pattern")
        function = parent_of(source, node)
        while function is not None and function.type not in functions:
            function = parent_of(source, function)
        if name is not None and function is not None:
            yield function, text_of(name)


def field_of_converted(value: str, path: str) -> bool:
    """``path`` sits in a call whose result is then indexed or read for one field:
    ``json.loads(request.body).get("priceId")``, ``JSON.parse(req.body).email``, ``json_decode($body)['id']``."""
    index = value.find(path)
    if index < 0:
        return False
    closer = _first_unmatched_closer(value, index + len(path))
    if closer is None or value[closer] != ")":
        return False
    return _FIELD_ACCESS.match(value, _SPACES.match(value, closer + 1).end()) is not None


_BRACKET = re.compile(r"[()\[\]{}]")
_SPACES = re.compile(r"\s*")


def _first_unmatched_closer(value: str, start: int) -> int | None:
    """Where the bracket depth, counted from ``start`` (any of ``([{`` opens, ``)]}`` closes), first
    goes below zero. Linear in the brackets of ``value`` once, then a bisection per question: a
    binding's value is asked once per access path in it, and a large literal holds thousands."""
    positions, depths, closers_by_depth, final_depth = _bracket_levels(value)
    at = bisect_left(positions, start)
    depth = depths[at] if at < len(positions) else final_depth
    closers = closers_by_depth.get(depth - 1)
    if not closers:
        return None
    found = bisect_left(closers, start)
    return closers[found] if found < len(closers) else None


@lru_cache(maxsize=32)
def _bracket_levels(value: str) -> tuple[list[int], list[int], dict[int, list[int]], int]:
    """Bracket positions, the depth before each, and the closers by the depth they leave (ascending)."""
    positions: list[int] = []
    depths: list[int] = []
    closers_by_depth: dict[int, list[int]] = {}
    depth = 0
    for match in _BRACKET.finditer(value):
        position = match.start()
        positions.append(position)
        depths.append(depth)
        if value[position] in "([{":
            depth += 1
        else:
            depth -= 1
            closers_by_depth.setdefault(depth, []).append(position)
    return positions, depths, closers_by_depth, depth
