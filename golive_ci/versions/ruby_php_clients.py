"""stripe-ruby and stripe-php: global key/version settings and ``StripeClient`` initialisations."""

from __future__ import annotations

import re

from golive_ci.facts import fact
from golive_ci.lang import role_kinds
from golive_ci.parsing import lazy_pattern, walk
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import assignments, calls, mapping_items, nodes_of_kinds, string_value, text_of
from golive_ci.versions.fact_types import (
    KIND_CLIENT,
    KIND_CONSTANT,
    KIND_GLOBAL,
    KIND_REQUEST,
    ApiVersionPin,
    ClientInit,
    FileFacts,
)
from golive_ci.versions.python_clients import VERSION_CONSTANT_RE
from golive_ci.versions.values import INDIRECT, PINNED, UNPINNED, Value, classify, position

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_DATE_PREFIX = lazy_pattern(r"^\d{4}-\d{2}-\d{2}")
# A string literal that starts with a date: a file without one holds no version in a settings array
# (translation files of thousands of entries name Stripe, and hold none).
_QUOTED_DATE = lazy_pattern(rb"[\"'`]\d{4}-\d{2}-\d{2}")


def extract_ruby_php(source: SourceFile, facts: FileFacts) -> None:
    tree = source.syntax()
    if source.language == "ruby":
        _extract_ruby(source, tree.root_node, facts)
    else:
        _extract_php(source, tree.root_node, facts)


# The node roles this module looks at.
_SURVEYED = ("positional_constant", "use_clause", "pair", "mapping_element")


def _nodes(source: SourceFile, root: Any, role: str) -> list[Any]:
    """Nodes of the roles this module looks at, collected by one query per file."""
    return _survey(source)[role]


@fact("Ruby and PHP nodes of the surveyed roles")
def _survey(source: SourceFile) -> dict[str, list[Any]]:
    survey: dict[str, list[Any]] = {name: [] for name in _SURVEYED}
    roles = {kind: name for name in _SURVEYED for kind in role_kinds(name)}
    for node in nodes_of_kinds(source, frozenset(roles)):
        survey[roles[node.type]].append(node)
    return survey


def _constants(source: SourceFile, root: Any) -> dict[str, Any]:
    constants: dict[str, Any] = {}
    for assignment in assignments(source):
        constants[assignment.target.lstrip("$")] = assignment.value.node
    for node in _nodes(source, root, "positional_constant"):
        if node.named_child_count >= 2:  # PHP const X = '…'
            constants[text_of(node.named_children[0])] = node.named_children[-1]
    for call in calls(source):  # PHP define('X', '…')
        if call.callee.lstrip("\\") == "define" and len(call.args) == 2:
            name = string_value(call.args[0].node)
            if name:
                constants[name] = call.args[1].node
    return constants


def _ruby_stripe(receiver: str) -> bool:
    return receiver.removeprefix("::") == "Stripe"


def _extract_ruby(source: SourceFile, root: Any, facts: FileFacts) -> None:
    constants = _constants(source, root)
    init_nodes: set[int] = set()
    for assignment in assignments(source):
        receiver, _, attribute = assignment.target.rpartition(".")
        if _ruby_stripe(receiver) and attribute == "api_key":
            facts.inits.append(
                ClientInit(source.path, assignment.line, assignment.column, "ruby", "Stripe.api_key = …", True,
                           UNPINNED, in_test=source.is_test)
            )  # fmt: skip
        elif _ruby_stripe(receiver) and attribute == "api_version":
            value = classify(assignment.value.node, source, constants)
            _add_pin(facts, source, "ruby", value, assignment.line, assignment.column, "Stripe.api_version = …",
                     KIND_GLOBAL)  # fmt: skip
        elif VERSION_CONSTANT_RE.search(assignment.target) and _is_date_literal(assignment.value.node):
            value = Value(PINNED, string_value(assignment.value.node), assignment.value.node)
            _add_pin(facts, source, "ruby", value, assignment.line, assignment.column, f"{assignment.target} = …",
                     KIND_CONSTANT)  # fmt: skip
    for call in calls(source):
        if call.name != "new" or call.receiver.removeprefix("::") != "Stripe::StripeClient":
            continue
        argument = call.kwarg("stripe_version")
        if argument is None:
            for positional in call.args:
                for key, value_node in mapping_items(positional.node):
                    if key == "stripe_version":
                        argument = type(positional)("stripe_version", text_of(value_node), value_node)
        if argument is not None:
            value = classify(argument.node, source, constants)
            init_nodes.add(argument.node.id)
        elif any(a.node is not None and a.node.type in role_kinds("spread_argument") for a in call.args):
            value = Value(INDIRECT, None, call.node)
        else:
            value = Value(UNPINNED)
        how = "Stripe::StripeClient.new(…, stripe_version: …)" if argument else "Stripe::StripeClient.new(…)"
        facts.inits.append(
            ClientInit(source.path, call.line, call.column, "ruby", how, False, value.status, value.version,
                       value.source_note, source.is_test)
        )  # fmt: skip
        _add_pin(facts, source, "ruby", value, call.line, call.column, how, KIND_CLIENT)
    _request_pins(source, root, facts, "ruby", constants, init_nodes)


def _php_uses(source: SourceFile, root: Any) -> dict[str, str]:
    """``use A\\B\\C as D;`` -> {"D": "A\\B\\C"} (alias or last segment -> fully qualified name)."""
    uses: dict[str, str] = {}
    qualified = role_kinds("namespaced_name")
    for node in _nodes(source, root, "use_clause"):
        names = [c for c in node.named_children if c.type in qualified]
        if not names:
            continue
        full = text_of(names[0]).lstrip("\\")
        alias = text_of(names[1]) if len(names) > 1 else full.rsplit("\\", 1)[-1]
        uses[alias] = full
    return uses


def _php_class(name: str, uses: dict[str, str]) -> str:
    if name.startswith("\\"):
        return name[1:]
    head, _, rest = name.partition("\\")
    if head in uses:
        return uses[head] + (f"\\{rest}" if rest else "")
    return name


def _extract_php(source: SourceFile, root: Any, facts: FileFacts) -> None:
    uses = _php_uses(source, root)
    constants = _constants(source, root)
    init_nodes: set[int] = set()
    for call in calls(source):
        if call.node.type in role_kinds("call.scoped"):
            owner = _php_class(call.receiver, uses)
            if owner not in ("Stripe\\Stripe", "Stripe"):
                continue
            if call.name == "setApiKey":
                facts.inits.append(
                    ClientInit(source.path, call.line, call.column, "php", "\\Stripe\\Stripe::setApiKey(…)", True,
                               UNPINNED, in_test=source.is_test)
                )  # fmt: skip
            elif call.name == "setApiVersion":
                argument = call.positional(0)
                value = classify(argument.node if argument else None, source, constants)
                _add_pin(facts, source, "php", value, call.line, call.column, "\\Stripe\\Stripe::setApiVersion(…)",
                         KIND_GLOBAL)  # fmt: skip
        elif call.is_new and _php_class(call.callee, uses) in ("Stripe\\StripeClient", "StripeClient"):
            argument = call.positional(0)
            value, how = _php_client_version(argument.node if argument else None, source, constants)
            if value.node is not None:
                init_nodes.add(value.node.id)
            facts.inits.append(
                ClientInit(source.path, call.line, call.column, "php", f"new \\Stripe\\StripeClient({how})", False,
                           value.status, value.version, value.source_note, source.is_test)
            )  # fmt: skip
            _add_pin(facts, source, "php", value, call.line, call.column, f"new \\Stripe\\StripeClient({how})",
                     KIND_CLIENT)  # fmt: skip
    for name, node in constants.items():
        if VERSION_CONSTANT_RE.search(name) and _is_date_literal(node):
            line, column = position(source, node)
            _add_pin(facts, source, "php", Value(PINNED, string_value(node), node), line, column, f"{name} = …",
                     KIND_CONSTANT)  # fmt: skip
    _php_settings_pins(source, root, facts)
    _request_pins(source, root, facts, "php", constants, init_nodes)


def _php_settings_pins(source: SourceFile, root: Any, facts: FileFacts) -> None:
    """A version in a configuration array: ``'stripe' => ['api_version' => '…']`` (config/services.php),
    ``'stripe_api_version' => '…'``."""
    if not _QUOTED_DATE.search(source.data):
        return
    for node in _nodes(source, root, "mapping_element"):
        if node.named_child_count != 2:
            continue
        key_node, value_node = node.named_children
        key = string_value(key_node) or ""
        if key == "stripe_version" or not _is_date_literal(value_node):
            continue
        if VERSION_CONSTANT_RE.search(key) or (key in ("api_version", "version") and _under_stripe_key(node)):
            line, column = position(source, value_node)
            value = Value(PINNED, string_value(value_node), value_node)
            _add_pin(facts, source, "php", value, line, column, f"['{key}' => …]", KIND_CONSTANT)


def _under_stripe_key(node: Any) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type in role_kinds("mapping_element") and parent.named_child_count == 2:
            key = string_value(parent.named_children[0]) or ""
            if "stripe" in key.lower():
                return True
        parent = parent.parent
    return False


def _php_client_version(node: Any, source: SourceFile, constants: dict[str, Any]) -> tuple[Value, str]:
    if node is None:
        return Value(UNPINNED), ""
    mappings = role_kinds("mapping")
    if node.type in role_kinds("variable") and text_of(node).lstrip("$") in constants:
        resolved = constants[text_of(node).lstrip("$")]
        if resolved is not None and resolved.type in mappings:
            node = resolved
    if node.type in mappings:
        for key, value_node in mapping_items(node):
            if key == "stripe_version":
                return classify(value_node, source, constants), "['stripe_version' => …]"
        spreads = role_kinds("spread")
        if any(c.type in spreads for c in walk(node)):
            return Value(INDIRECT, None, node), "[...$options]"
        return Value(UNPINNED), "[…]"
    # StripeClient takes an array of options or the secret key as a string: anything that is not an
    # array (a literal, a variable, a property, env()/config() …) is the key, unless its name says it
    # holds options.
    if node.type in role_kinds("spread") or _OPTIONS_NAME.search(_last_name(text_of(node))):
        return Value(INDIRECT, None, node), "config"
    return Value(UNPINNED), "key"


_OPTIONS_NAME = lazy_pattern(r"(?i)config|option|opts|param|setting|array|args")


_KEYISH = lazy_pattern(r"(?i)key|secret|token|sk_")


def _last_name(text: str) -> str:
    """The name that says what the argument holds: ``$this->stripeConfig`` -> ``stripeConfig``; for a call,
    its callee (``$this->stripeConfig()`` -> ``stripeConfig``), or "" when it reads a key by name
    (``env('STRIPE_SECRET')``, ``config('services.stripe.secret')``)."""
    if "(" in text:
        callee, _, arguments = text.partition("(")
        return "" if _KEYISH.search(arguments) else _last_name(callee)
    return re.split(r"->|::|\.|\[", text)[-1].lstrip("$")


def _request_pins(
    source: SourceFile, root: Any, facts: FileFacts, language: str, constants: dict[str, Any], skip: set[int]
) -> None:
    """Per-request ``stripe_version`` options written as literals."""
    if b"stripe_version" not in source.data:
        return
    for node in [*_nodes(source, root, "pair"), *_nodes(source, root, "mapping_element")]:
        if node.named_child_count != 2:
            continue
        key_node, value_node = node.named_children
        key = string_value(key_node) or text_of(key_node).strip(":")
        if key != "stripe_version" or value_node.id in skip:
            continue
        value = classify(value_node, source, constants)
        if value.status == PINNED:
            line, column = position(source, node)
            how = "stripe_version: … option" if language == "ruby" else "['stripe_version' => …] option"
            _add_pin(facts, source, language, value, line, column, how, KIND_REQUEST)


def _is_date_literal(node: Any) -> bool:
    literal = string_value(node)
    return literal is not None and _DATE_PREFIX.match(literal) is not None


def _add_pin(
    facts: FileFacts, source: SourceFile, language: str, value: Value, line: int, column: int, how: str, kind: str
) -> None:
    if value.node is not None and value.status not in (UNPINNED, INDIRECT):
        line, column = position(source, value.node)
    facts.add_pin(
        ApiVersionPin(source.path, line, column, language, value.version, how, value.status, kind,
                      value.source_note, source.is_test)
    )  # fmt: skip
