"""Which Stripe event types a webhook handler branches on.

``handled_event_types`` and ``collect_handled_event_types`` are an interface the account checks
use (compare what the code handles with what an endpoint is subscribed to): keep their names.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from golive_ci.config import Config
from golive_ci.facts import fact
from golive_ci.lang import role_kinds
from golive_ci.records import Record
from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.syntax import iter_nodes, parent_of, string_value, text_of
from golive_ci.tree_nodes import nodes_of_kinds
from golive_ci.webhooks import tree
from golive_ci.webhooks.event_types import BY_CONSTANT_NAME, PREFIXES, looks_like_event_type

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Cheap pre-filter: a file that names no event type has no handled event types.
EVENT_NEEDLES: tuple[bytes, ...] = (*sorted({f"{p}.".encode() for p in PREFIXES}), b"EventType", b"Events.")
_EQUALITY = frozenset({"==", "===", "!=", "!==", "eq", "ne"})
_CASE_CONTEXTS = role_kinds("case")
_MEMBERSHIP_CALLS = frozenset(
    {"equals", "Equals", "equalsIgnoreCase", "includes", "include?", "in_array", "Contains", "contains", "has"}
)
_REGISTRATION_CALLS = frozenset(
    {"handler", "subscribe", "on", "receiver", "djstripe_receiver", "listen", "register", "handle", "all"}
)
_CONSTANT_HOLDERS = role_kinds("constant_declaration")
_EXPRESSION_LISTS = role_kinds("expression_list")
_IDENTIFIERS = role_kinds("identifier")
_CONSTANT_NAME = re.compile(r"[A-Za-z_]\w*")
_SDK_CONSTANTS = role_kinds("event_constant")


class TypeBranch(Record):
    __slots__ = ("event_type", "line", "node")
    event_type: str
    line: int
    node: Any

    def __init__(self, event_type: str, line: int, node: Any) -> None:
        self.event_type = event_type
        self.line = line
        self.node = node


@fact("event-type branches")
def type_branches(source: SourceFile) -> list[TypeBranch]:
    """Event-type literals (and SDK constants) used to choose what to do with an event."""
    found: list[TypeBranch] = []
    constants: dict[str, str] = {}  # constant name -> event type (Go `InvoicePaid = "invoice.paid"`)
    python = source.language == "python"
    # The only tree-sitter nodes that can be a branch: SDK constants and string literals.
    for node in iter_nodes(source) if python else nodes_of_kinds(source, role_kinds("event_constant", "string")):
        if python:
            value = string_value(node) if isinstance(node, ast.Constant) else None
        elif node.type in _SDK_CONSTANTS:
            constant = _sdk_constant(node)
            if constant is not None:
                found.append(TypeBranch(constant, tree.line_of(source, node), node))
            continue
        else:
            value = string_value(node)
        if value is None or not looks_like_event_type(value):
            continue
        if _python_context(source, node) if python else _tree_sitter_context(source, node):
            found.append(TypeBranch(value, tree.line_of(source, node), node))
        elif not python:
            constant = _constant_name(source, node)
            if constant:
                constants[constant] = value
    if constants:
        found += _constant_branches(source, constants)
    found.sort(key=lambda branch: branch.line)
    return found


def _constant_name(source: SourceFile, literal: Any) -> str:
    """The name a constant declaration gives ``literal`` (Go ``const X = "…"``, JS/TS ``const X = "…"``,
    Java/C# ``static final String X = "…"`` / ``const string X = "…"``), or ''."""
    holder = parent_of(source, literal)
    if holder is not None and holder.type in _EXPRESSION_LISTS:
        holder = parent_of(source, holder)
    if holder is None or holder.type not in _CONSTANT_HOLDERS:
        return ""
    name = holder.child_by_field_name("name")
    if name is None:
        return ""
    written = text_of(name)
    return written if _CONSTANT_NAME.fullmatch(written) else ""


def _constant_branches(source: SourceFile, constants: dict[str, str]) -> list[TypeBranch]:
    """Uses of those constants where a literal would be a branch (``case InvoicePaid:``)."""
    found: list[TypeBranch] = []
    root = tree.root(source)
    pattern = re.compile(r"(?<![\w$.])(" + "|".join(re.escape(name) for name in constants) + r")\b")
    for match in pattern.finditer(source.text):
        offset = len(source.text[: match.start()].encode("utf-8"))
        node = root.descendant_for_byte_range(offset, offset + len(match.group(1).encode("utf-8")))
        if node is None or node.type not in _IDENTIFIERS:
            continue
        if _tree_sitter_context(source, node):
            found.append(TypeBranch(constants[match.group(1)], tree.line_of(source, node), node))
    return found


def _sdk_constant(node: Any) -> str | None:
    """C# ``Events.ChargeSucceeded`` / ``EventTypes.…``, Go ``stripe.EventTypeChargeSucceeded``."""
    compacted = text_of(node)
    owner, _, name = compacted.rpartition(".")
    if owner.endswith(("Events", "EventTypes")):
        return BY_CONSTANT_NAME.get(name)
    if name.startswith("EventType") and owner.endswith("stripe"):
        return BY_CONSTANT_NAME.get(name.removeprefix("EventType"))
    return None


def _python_context(source: SourceFile, node: ast.AST) -> bool:
    child = node
    for depth, (ancestor, _) in enumerate(tree.ancestors(source, node)):
        if isinstance(ancestor, ast.Compare | ast.MatchValue):
            return True
        if isinstance(ancestor, ast.Dict):
            return child in ancestor.keys and _dispatch_value(ancestor, child)
        if isinstance(ancestor, ast.Call):
            name = tree.text(source, ancestor.func).rsplit(".", 1)[-1]
            return name in _REGISTRATION_CALLS or name in _MEMBERSHIP_CALLS
        if depth >= 2 or not isinstance(ancestor, ast.List | ast.Tuple | ast.Set):
            return False
        child = ancestor
    return False


def _dispatch_value(mapping: ast.Dict, key: ast.AST) -> bool:
    value = mapping.values[mapping.keys.index(key)]
    return not isinstance(value, ast.Constant)


def _tree_sitter_context(source: SourceFile, node: Any) -> bool:
    calls, pass_through = _calls(), _pass_through()
    child = node
    current = parent_of(source, node)
    for _ in range(4):
        if current is None:
            return False
        kind = current.type
        if kind in _BINARIES:
            operator = current.child_by_field_name("operator")
            return operator is not None and text_of(operator) in _EQUALITY
        if kind in _CASE_CONTEXTS:
            return True
        if kind in _PAIRS:
            value = current.child_by_field_name("value")
            return child == current.child_by_field_name("key") and value is not None and string_value(value) is None
        if kind in calls:
            return _call_name(current) in _MEMBERSHIP_CALLS | _REGISTRATION_CALLS
        if kind not in pass_through:
            return False
        child, current = current, parent_of(source, current)
    return False


_BINARIES = role_kinds("binary")
_PAIRS = role_kinds("pair")


# The queries name calls and strings: the sets below are made at the first question, not at import.
@cache
def _calls() -> frozenset[str]:
    """Calls of a function or method, not constructors nor (where the grammar tells them apart, PHP)
    calls written on a receiver."""
    return role_kinds("call") - role_kinds("call.constructor", "method_call")


@cache
def _pass_through() -> frozenset[str]:
    return role_kinds("argument_list", "argument", "array", "expression_list", "parenthesized", "string")


def _call_name(call: Any) -> str:
    for field in ("method", "name", "function"):
        target = call.child_by_field_name(field)
        if target is not None:
            return text_of(target).replace("::", ".").replace("->", ".").rsplit(".", 1)[-1]
    return ""


def handled_event_types(source: SourceFile) -> list[tuple[str, int]]:
    """(event type, line) for each event type this file's webhook code branches on, in line order."""
    if not source.contains(*EVENT_NEEDLES):
        return []
    try:
        branches = type_branches(source)
    except ParseError:
        return []
    return list(dict.fromkeys((branch.event_type, branch.line) for branch in branches))


def collect_handled_event_types(root: Path, config: Config, notices: list[str] | None = None) -> dict[str, list[str]]:
    """event type -> ["path:line", ...] over the repository at ``root``; files that were not read
    (links out of the repository, devices, FIFOs, too large) are added to ``notices``."""
    from golive_ci.sources.code_files import read_code_files

    handled: dict[str, list[str]] = {}
    for source in read_code_files(root, config, notices):
        add_handled_event_types(handled, source)
    return dict(sorted(handled.items()))


def add_handled_event_types(handled: dict[str, list[str]], source: SourceFile) -> None:
    for event_type, line in handled_event_types(source):
        handled.setdefault(event_type, []).append(f"{source.path}:{line}")
