"""What an expression that sets the API version amounts to: a literal, an indirection, the environment.

One classifier for every language: ``ast`` nodes for Python, tree-sitter nodes for the rest.
"""

from __future__ import annotations

import ast
import re

from golive_ci.lang import role_kinds
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import python_string, string_value, text_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PINNED = "pinned"  # a string literal (possibly reached through a constant in the same file)
INDIRECT = "indirect"  # a constant, a settings value or a config structure we cannot read here
ENV = "env"  # an environment variable with no default
UNPINNED = "unpinned"  # missing, null/None/nil, or an empty string

_NULLS = frozenset({"None", "null", "nil", "undefined", "NULL", "''", '""'})
_ENV_GETTERS_PY = frozenset({"os.getenv", "getenv", "os.environ.get", "environ.get", "env", "env.str", "config"})
_ENV_GETTERS_PHP = frozenset({"getenv", "env"})
_ENV_SUPERGLOBALS = lazy_pattern(r"^\$_(?:ENV|SERVER)\[")
_FALLBACK_OPERATORS = frozenset({"||", "??", "or", "?:"})


class Value(Record):
    __slots__ = ("node", "source_note", "status", "version")
    status: str
    version: str | None
    node: Any  # where the literal is written (for the finding's position)
    source_note: str  # "environment variable STRIPE_API_VERSION", "constant API_VERSION"

    def __init__(self, status: str, version: str | None = None, node: Any = None, source_note: str = "") -> None:
        self.status = status
        self.version = version
        self.node = node
        self.source_note = source_note


def position(source: SourceFile, node: Any) -> tuple[int, int]:
    """1-based line and character column of an ``ast`` or tree-sitter node."""
    if isinstance(node, ast.AST):
        line = node.lineno  # type: ignore[attr-defined]
        return line, source.char_column(line, node.col_offset)  # type: ignore[attr-defined]
    row, byte_column = node.start_point
    line = row + source.first_line
    return line, source.char_column(line, byte_column)


def classify(node: Any, source: SourceFile, constants: dict[str, Any] | None = None) -> Value:
    """Classify the expression ``node`` that provides an API version."""
    if node is None:
        return Value(UNPINNED)
    if isinstance(node, ast.AST):
        return _classify_python(node, source, constants or {})
    return _classify_tree(node, source, constants or {})


def _classify_python(node: ast.AST, source: SourceFile, constants: dict[str, Any]) -> Value:
    literal = python_string(node)
    if literal is not None:
        return Value(PINNED, literal, node) if literal.strip() else Value(UNPINNED, None, node)
    if isinstance(node, ast.Constant) and node.value is None:
        return Value(UNPINNED, None, node)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and node.values:
        fallback = classify(node.values[-1], source, constants)
        return fallback if fallback.status != UNPINNED else _classify_python(node.values[0], source, constants)
    if isinstance(node, ast.Subscript):
        base = _dotted(node.value)
        if base in ("os.environ", "environ"):
            return Value(ENV, None, node, f"environment variable {_py_key(node.slice)}")
    if isinstance(node, ast.Call) and node.args:
        name = _dotted(node.func)
        if name in _ENV_GETTERS_PY:  # os.getenv, os.environ.get, django-environ env(), decouple config()
            default = node.args[1] if len(node.args) > 1 else None
            for keyword in node.keywords:
                if keyword.arg == "default":
                    default = keyword.value
            if default is None or (isinstance(default, ast.Constant) and default.value is None):
                return Value(ENV, None, node, f"environment variable {_py_key(node.args[0])}")
            return classify(default, source, constants)
    if isinstance(node, ast.Name) and node.id in constants:
        resolved = classify(constants[node.id], source, {})
        if resolved.status in (PINNED, ENV, UNPINNED):
            return Value(
                resolved.status, resolved.version, resolved.node, resolved.source_note or f"constant {node.id}"
            )
    return Value(INDIRECT, None, node)


def _py_key(node: ast.AST) -> str:
    value = python_string(node)
    return value if value is not None else "?"


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "?"


def _classify_tree(node: Any, source: SourceFile, constants: dict[str, Any]) -> Value:
    kind = node.type
    text = text_of(node).strip()
    if (kind in role_kinds("parenthesized") or kind in role_kinds("argument")) and node.named_child_count:
        return _classify_tree(node.named_children[-1], source, constants)
    literal = string_value(node)
    if literal is not None:
        return Value(PINNED, literal, node) if literal.strip() else Value(UNPINNED, None, node)
    if kind in role_kinds("null") or text in _NULLS:
        return Value(UNPINNED, None, node)
    conditional = kind in role_kinds("fallback_conditional")
    if conditional or kind in role_kinds("binary"):
        operator = node.child_by_field_name("operator")
        op_text = text_of(operator) if operator is not None else ""
        if conditional and node.child_by_field_name("body") is None:
            op_text = "?:"  # PHP `a ?: b`
        if op_text in _FALLBACK_OPERATORS:
            right = node.child_by_field_name("right") or node.child_by_field_name("alternative")
            left = node.child_by_field_name("left") or node.child_by_field_name("condition")
            fallback = _classify_tree(right, source, constants) if right is not None else Value(UNPINNED)
            if fallback.status != UNPINNED:
                return fallback
            return _classify_tree(left, source, constants) if left is not None else fallback
    env = _tree_env_name(node, text)
    if env is not None:
        name, default = env
        if default is None:
            return Value(ENV, None, node, f"environment variable {name}")
        return _classify_tree(default, source, constants)
    key = text.lstrip("$").rsplit("::", 1)[-1]
    if key in constants:
        resolved = classify(constants[key], source, {})
        if resolved.status in (PINNED, ENV, UNPINNED):
            return Value(resolved.status, resolved.version, resolved.node, resolved.source_note or f"constant {key}")
    return Value(INDIRECT, None, node)


def _tree_env_name(node: Any, text: str) -> tuple[str, Any] | None:
    """(variable name, default node or None) when ``node`` reads an environment variable."""
    compact = re.sub(r"\s+", "", text)
    if compact.startswith(("process.env.", "process.env[", "import.meta.env.", "Deno.env.get(")):
        name = re.sub(r"^(process\.env|import\.meta\.env)\.?|^Deno\.env\.get\(", "", compact).strip("[]()'\"`")
        return name, None
    if node.type in role_kinds("env_subscript") and compact.startswith("ENV["):  # Ruby ENV['X']
        return compact[4:].strip("[]'\""), None
    if node.type in role_kinds("call.receiver") and compact.startswith("ENV.fetch("):  # Ruby ENV.fetch('X'[, default])
        args = _call_args(node)
        name = string_value(args[0]) if args else None
        default = args[1] if len(args) > 1 and args[1].type not in role_kinds("null") else None
        return name or "?", default
    if _ENV_SUPERGLOBALS.match(compact):  # PHP $_ENV['X'], $_SERVER['X']
        return compact.split("[", 1)[1].strip("]'\""), None
    if node.type in role_kinds("call.bare"):
        function = text_of(node.child_by_field_name("function"))
        if function.lstrip("\\") in _ENV_GETTERS_PHP:
            args = _call_args(node)
            name = string_value(args[0]) if args else None
            default = args[1] if len(args) > 1 and text_of(args[1]).strip() not in _NULLS else None
            return name or "?", default
    return None


def _call_args(node: Any) -> list[Any]:
    container = node.child_by_field_name("arguments")
    if container is None:
        lists = role_kinds("argument_list")
        container = next((c for c in node.named_children if c.type in lists), None)
    if container is None:
        return []
    values = []
    for child in container.named_children:
        if child.type in role_kinds("comment"):
            continue
        if child.type in role_kinds("argument") and child.named_child_count:
            child = child.named_children[-1]
        values.append(child)
    return values


def concrete_version(fix: str) -> str:
    """``fix`` with its quoted placeholder (``'…'`` or ``"…"``) replaced by the newest API version
    golive-ci knows, so the message says what to write."""
    from golive_ci.versions.knowledge import latest_api_version

    version = latest_api_version()
    return fix.replace("'…'", f"'{version}'").replace('"…"', f'"{version}"')
