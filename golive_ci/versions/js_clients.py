"""stripe-node (JavaScript and TypeScript): ``new Stripe(key, {apiVersion})``, ``require('stripe')(key)``.

Only names bound to the ``stripe`` npm package count: Stripe.js in the browser (a global
``Stripe('pk_…')``) and other libraries' ``Stripe`` classes are not server-side clients.
"""

from __future__ import annotations

import re

from golive_ci.parsing import lazy_pattern, walk
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import calls, mapping_items, nodes_of_kinds, parent_of, string_value, text_of
from golive_ci.versions.fact_types import (
    KIND_CLIENT,
    KIND_CONSTANT,
    KIND_REQUEST,
    ApiVersionPin,
    ClientInit,
    FileFacts,
)
from golive_ci.versions.python_clients import VERSION_CONSTANT_RE
from golive_ci.versions.values import ENV, INDIRECT, PINNED, UNPINNED, Value, classify, position

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# require('stripe'), also through the helpers compilers emit: __importDefault(require("stripe")).
_REQUIRE_STRIPE = lazy_pattern(
    r"""^(?:(?:tslib\.)?(?:__importDefault|__importStar|_interopRequireDefault|_interopRequireWildcard)\()?"""
    r"""require\(\s*['"`]stripe['"`]\s*\)\)?(?:\.(?:default|Stripe))?$"""
)
_WRAPPERS = frozenset({"as_expression", "satisfies_expression", "non_null_expression", "parenthesized_expression"})
_DATE_PREFIX = lazy_pattern(r"^\d{4}-\d{2}-\d{2}")
_SURVEYED = frozenset({"pair", "import_statement", "variable_declarator"})


def unwrap(node: Any) -> Any:
    while node is not None and node.type in _WRAPPERS and node.named_child_count:
        node = node.named_children[0]
    return node


def _bindings_and_declarations(nodes: list[Any]) -> tuple[set[str], dict[str, Any], list[Any]]:
    """One pass: (names bound to the stripe package, every ``name = value`` declarator's value,
    every object pair and declarator node, for the pins)."""
    bound: set[str] = set()
    declared: dict[str, Any] = {}
    candidates: list[Any] = []
    for node in nodes:
        kind = node.type
        if kind == "pair":
            candidates.append(node)
        elif kind == "import_statement":
            module = node.child_by_field_name("source")
            clauses = ("import_clause", "import_require_clause")
            clause = next((c for c in node.named_children if c.type in clauses), None)
            if clause is not None and clause.type == "import_require_clause":
                module = next((c for c in clause.named_children if c.type == "string"), None)
            if module is None or string_value(module) != "stripe" or clause is None:
                continue
            for child in walk(clause):
                if child.type == "identifier" and child.parent is not None:
                    parent = child.parent
                    if parent.type == "import_specifier":
                        alias = parent.child_by_field_name("alias")
                        name = parent.child_by_field_name("name")
                        if text_of(name) == "Stripe" and (alias is None or alias == child):
                            bound.add(text_of(child))
                    elif parent.type in ("import_clause", "namespace_import", "import_require_clause"):
                        bound.add(text_of(child))
        elif kind == "variable_declarator":
            candidates.append(node)
            name = node.child_by_field_name("name")
            value = unwrap(node.child_by_field_name("value"))
            if name is None or value is None:
                continue
            if name.type == "identifier":
                declared[text_of(name)] = value
                if _REQUIRE_STRIPE.match(re.sub(r"\s+", "", text_of(value))):
                    bound.add(text_of(name))
            elif name.type == "object_pattern" and _REQUIRE_STRIPE.match(re.sub(r"\s+", "", text_of(value))):
                for child in walk(name):
                    if child.type == "shorthand_property_identifier_pattern" and text_of(child) == "Stripe":
                        bound.add("Stripe")
    return bound, declared, candidates


def extract_js(source: SourceFile, facts: FileFacts) -> None:
    bound, declared, candidates = _bindings_and_declarations(nodes_of_kinds(source, _SURVEYED))
    language = source.language or "javascript"
    constructors = bound | {f"{name}.Stripe" for name in bound} | {f"{name}.default" for name in bound}
    init_options: set[int] = set()

    for call in calls(source):
        compact_callee = re.sub(r"\s+", "", call.callee)
        if not (compact_callee in constructors or _REQUIRE_STRIPE.match(compact_callee)):
            continue
        key = call.positional(0)
        if key is not None and (string_value(key.node) or "").startswith("pk_"):
            continue  # Stripe.js in the browser takes a publishable key: not a server-side client
        options = call.positional(1)
        value, how = _options_version(options.node if options else None, source, declared)
        if options is not None and options.node is not None:
            init_options.add(options.node.id)
        prefix = "new " if call.is_new else ""
        facts.inits.append(
            ClientInit(
                source.path, call.line, call.column, language, f"{prefix}{call.callee}({how})", False, value.status,
                value.version, value.source_note, source.is_test,
            )
        )  # fmt: skip
        _add_pin(facts, source, language, value, call.line, call.column, f"{prefix}{call.callee}({how})", KIND_CLIENT)

    if not bound and not facts.inits:
        return
    for node in candidates:
        holder = parent_of(source, node) if node.type == "pair" else None
        if holder is not None and holder.id not in init_options:
            key = node.child_by_field_name("key")
            key_text = string_value(key) if string_value(key) is not None else text_of(key)
            if key_text == "apiVersion":
                value = classify(unwrap(node.child_by_field_name("value")), source, declared)
                if value.status == PINNED and value.version and _DATE_PREFIX.match(value.version):
                    line, column = position(source, node)
                    _add_pin(facts, source, language, value, line, column, "{apiVersion: …} request option",
                             KIND_REQUEST)  # fmt: skip
        elif node.type == "variable_declarator":
            name = node.child_by_field_name("name")
            value_node = unwrap(node.child_by_field_name("value"))
            literal = string_value(value_node)
            if (
                name is not None
                and literal is not None
                and VERSION_CONSTANT_RE.search(text_of(name))
                and _DATE_PREFIX.match(literal)
            ):
                line, column = position(source, node)
                _add_pin(facts, source, language, Value(PINNED, literal, value_node), line, column,
                         f"{text_of(name)} = …", KIND_CONSTANT)  # fmt: skip


def _options_version(node: Any, source: SourceFile, declared: dict[str, Any]) -> tuple[Value, str]:
    """The version the second argument of the Stripe constructor sets, and how it reads."""
    node = unwrap(node)
    if node is None:
        return Value(UNPINNED), "key"
    if node.type == "identifier" and text_of(node) in declared:
        resolved = unwrap(declared[text_of(node)])
        if resolved is not None and resolved.type in ("object", "string", "template_string"):
            node = resolved
    if node.type == "object":
        for key, value_node in mapping_items(node):
            if key == "apiVersion":
                return classify(unwrap(value_node), source, declared), "key, {apiVersion}"
        if any(child.type == "spread_element" for child in node.named_children):
            return Value(INDIRECT, None, node), "key, {...options}"
        return Value(UNPINNED), "key, {…}"
    if string_value(node) is not None:
        return classify(node, source, declared), "key, version"
    if node.type == "ternary_expression":  # cond ? { apiVersion } : {}
        branches = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
        values = [_options_version(branch, source, declared)[0] for branch in branches if branch is not None]
        statuses = {value.status for value in values}
        if statuses == {UNPINNED}:
            return Value(UNPINNED), "key, cond ? … : …"
        if UNPINNED in statuses:
            reader = next((v.source_note for v in values if v.source_note), "")
            note = f"{reader} (or nothing)" if reader else "a condition (one branch sets nothing)"
            return Value(ENV, None, node, note), "key, cond ? … : …"
    return Value(INDIRECT, None, node), "key, options"


def _add_pin(
    facts: FileFacts, source: SourceFile, language: str, value: Value, line: int, column: int, how: str, kind: str
) -> None:
    if value.node is not None and value.status not in (UNPINNED, INDIRECT):
        line, column = position(source, value.node)
    facts.add_pin(
        ApiVersionPin(
            source.path, line, column, language, value.version, how, value.status, kind, value.source_note,
            source.is_test,
        )
    )  # fmt: skip
