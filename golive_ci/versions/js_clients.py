"""stripe-node (JavaScript and TypeScript): ``new Stripe(key, {apiVersion})``, ``require('stripe')(key)``.

Only names bound to the ``stripe`` npm package count: Stripe.js in the browser (a global
``Stripe('pk_…')``) and other libraries' ``Stripe`` classes are not server-side clients.
"""

from __future__ import annotations

import re

from golive_ci.lang import role_kinds
from golive_ci.parsing import lazy_pattern, walk
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import calls, mapping_items, nodes_of_kinds, parent_of, string_value, text_of
from golive_ci.tree_nodes import kinds_of
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
_DATE_PREFIX = lazy_pattern(r"^\d{4}-\d{2}-\d{2}")


def unwrap(node: Any) -> Any:
    wrappers = role_kinds("wrapper")
    while node is not None and node.type in wrappers and node.named_child_count:
        node = node.named_children[0]
    return node


def _bindings_and_declarations(nodes: list[Any]) -> tuple[set[str], dict[str, Any], list[Any]]:
    """One pass: (names bound to the stripe package, every ``name = value`` declarator's value,
    every object pair and declarator node, for the pins)."""
    bound: set[str] = set()
    declared: dict[str, Any] = {}
    candidates: list[Any] = []
    pairs, imports, identifiers = role_kinds("pair"), role_kinds("import"), role_kinds("variable")
    names, requires = role_kinds("import_names"), role_kinds("import_require")
    binders = names | requires | role_kinds("module_import")
    for node in nodes:
        kind = node.type
        if kind in pairs:
            candidates.append(node)
        elif kind in imports:
            module = node.child_by_field_name("source")
            clause = next((c for c in node.named_children if c.type in names or c.type in requires), None)
            if clause is not None and clause.type in requires:
                module = next((c for c in clause.named_children if c.type in kinds_of("string")), None)
            if module is None or string_value(module) != "stripe" or clause is None:
                continue
            for child in walk(clause):
                if child.type in identifiers and child.parent is not None:
                    parent = child.parent
                    if parent.type in role_kinds("imported_name"):
                        alias = parent.child_by_field_name("alias")
                        name = parent.child_by_field_name("name")
                        if text_of(name) == "Stripe" and (alias is None or alias == child):
                            bound.add(text_of(child))
                    elif parent.type in binders:
                        bound.add(text_of(child))
        else:  # a declarator
            candidates.append(node)
            name = node.child_by_field_name("name")
            value = unwrap(node.child_by_field_name("value"))
            if name is None or value is None:
                continue
            if name.type in identifiers:
                declared[text_of(name)] = value
                if _REQUIRE_STRIPE.match(re.sub(r"\s+", "", text_of(value))):
                    bound.add(text_of(name))
            elif name.type in role_kinds("destructuring") and _REQUIRE_STRIPE.match(re.sub(r"\s+", "", text_of(value))):
                for child in walk(name):
                    if child.type in role_kinds("shorthand_pattern") and text_of(child) == "Stripe":
                        bound.add("Stripe")
    return bound, declared, candidates


def extract_js(source: SourceFile, facts: FileFacts) -> None:
    surveyed = role_kinds("pair") | role_kinds("import") | role_kinds("declarator")
    bound, declared, candidates = _bindings_and_declarations(nodes_of_kinds(source, surveyed))
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
    pairs = role_kinds("pair")
    for node in candidates:
        holder = parent_of(source, node) if node.type in pairs else None
        if holder is not None and holder.id not in init_options:
            key = node.child_by_field_name("key")
            key_text = string_value(key) if string_value(key) is not None else text_of(key)
            if key_text == "apiVersion":
                value = classify(unwrap(node.child_by_field_name("value")), source, declared)
                if value.status == PINNED and value.version and _DATE_PREFIX.match(value.version):
                    line, column = position(source, node)
                    _add_pin(facts, source, language, value, line, column, "{apiVersion: …} request option",
                             KIND_REQUEST)  # fmt: skip
        elif node.type in role_kinds("declarator"):
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
    mappings = role_kinds("mapping")
    if node.type in role_kinds("variable") and text_of(node) in declared:
        resolved = unwrap(declared[text_of(node)])
        if resolved is not None and (resolved.type in mappings or resolved.type in kinds_of("string")):
            node = resolved
    if node.type in mappings:
        for key, value_node in mapping_items(node):
            if key == "apiVersion":
                return classify(unwrap(value_node), source, declared), "key, {apiVersion}"
        if any(child.type in role_kinds("spread") for child in node.named_children):
            return Value(INDIRECT, None, node), "key, {...options}"
        return Value(UNPINNED), "key, {…}"
    if string_value(node) is not None:
        return classify(node, source, declared), "key, version"
    if node.type in role_kinds("ternary"):  # cond ? { apiVersion } : {}
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
