"""Code that creates a webhook endpoint, and whether it fixes the endpoint's ``api_version``.

Without it, events are rendered in the account's default API version, which changes when
someone upgrades the account in the Dashboard, not when the code is deployed.
"""

from __future__ import annotations

import ast

from golive_ci.lang import role_kinds
from golive_ci.parsing import lazy_pattern, walk
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call, assignments, calls, mapping_items, nodes_of_kinds, python_string, text_of
from golive_ci.versions.fact_types import KIND_WEBHOOK, ApiVersionPin, FileFacts, WebhookEndpointCreation
from golive_ci.versions.values import PINNED, classify, position

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_DYNAMIC_RECEIVERS = lazy_pattern(r"(?:^|[.:>\\])(?:WebhookEndpoint|webhook_endpoints|webhookEndpoints)$")
_GO_CREATE = lazy_pattern(r"(?:^|\.)(?:webhookendpoint\.New|(?:V1)?WebhookEndpoints\.(?:Create|New))$")
_JAVA_CREATE = lazy_pattern(r"(?:^|\.)(?:WebhookEndpoint\.create|webhookEndpoints\(\)\.create)$")
_UNKNOWN = None  # the parameters come from somewhere we cannot see: no verdict


def extract_webhook_endpoints(source: SourceFile, facts: FileFacts) -> None:
    language = source.language
    for call in calls(source):
        verdict: bool | None
        if language in ("python", "javascript", "typescript", "tsx", "ruby", "php"):
            if call.name != "create" or not _DYNAMIC_RECEIVERS.search(call.receiver):
                continue
            verdict = _dynamic_has_version(call, source)
        elif language == "go":
            if not _GO_CREATE.search(call.callee):
                continue
            verdict = "APIVersion" in _scope_text(source, call)
        elif language == "java":
            if not _JAVA_CREATE.search(call.callee.replace(" ", "")):
                continue
            scope = _scope_text(source, call)
            verdict = "setApiVersion" in scope or '"api_version"' in scope
        elif language == "csharp":
            if not (call.is_new and call.name == "WebhookEndpointCreateOptions"):
                continue
            verdict = "ApiVersion" in _scope_text(source, call)
        else:
            return
        if verdict is _UNKNOWN:
            continue
        facts.webhook_endpoints.append(
            WebhookEndpointCreation(source.path, call.line, call.column, language or "", f"{call.callee}(…)",
                                    bool(verdict), source.is_test)
        )  # fmt: skip
        if verdict and language not in ("go", "java", "csharp"):
            _add_literal_pin(call, source, facts)


def _add_literal_pin(call: Call, source: SourceFile, facts: FileFacts) -> None:
    """The endpoint's api_version, when written as a literal, is a pin like any other."""
    value_node = _version_node(call, source)
    if value_node is None:
        return
    value = classify(value_node, source)
    if value.status != PINNED or value.version is None:
        return
    line, column = position(source, value_node)
    facts.add_pin(
        ApiVersionPin(source.path, line, column, source.language or "", value.version,
                      f"{call.callee}(api_version=…)", PINNED, KIND_WEBHOOK, "", source.is_test)
    )  # fmt: skip


def _version_node(call: Call, source: SourceFile) -> Any:
    node = call.node
    if isinstance(node, ast.Call):
        keyword = next((k.value for k in node.keywords if k.arg == "api_version"), None)
        if keyword is not None:
            return keyword
        params = next((k.value for k in node.keywords if k.arg == "params"), node.args[0] if node.args else None)
        if isinstance(params, ast.Name):
            params = _python_assigned(source, params.id, call)
        if isinstance(params, ast.Dict):
            for key, value in zip(params.keys, params.values, strict=False):
                if key is not None and python_string(key) == "api_version":
                    return value
        return None
    named = next((a.node for a in call.args if a.name == "api_version"), None)
    if named is not None:
        return named
    positional = [a for a in call.args if a.name is None]
    params = _resolve_tree(positional[0].node, source, call) if positional else None
    return next((value for key, value in mapping_items(params) if key == "api_version"), None)


def _scope_text(source: SourceFile, call: Call) -> str:
    return text_of(call.function) if call.function is not None else source.text


def _dynamic_has_version(call: Call, source: SourceFile) -> bool | None:
    if isinstance(call.node, ast.Call):
        return _python_has_version(call.node, call, source)
    named = [a for a in call.args if a.name is not None]
    if any(a.name == "api_version" for a in named):
        return True
    positional = [a for a in call.args if a.name is None]
    splats = role_kinds("spread_argument")
    if any(a.node is not None and a.node.type in splats for a in call.args):
        return _UNKNOWN
    if not positional:
        return False if named or not call.args else _UNKNOWN
    params = _resolve_tree(positional[0].node, source, call)
    if params is None:
        return _UNKNOWN
    if params.type in role_kinds("mapping"):
        spreads = role_kinds("spread")
        if any(c.type in spreads for c in walk(params)):
            keys = [key for key, _ in mapping_items(params)]
            return True if "api_version" in keys else _UNKNOWN
        return any(key == "api_version" for key, _ in mapping_items(params))
    return _UNKNOWN


def _resolve_tree(node: Any, source: SourceFile, call: Call) -> Any:
    """A literal mapping the argument is, or was assigned from in the same file (nearest before the call)."""
    if node is None:
        return None
    if node.type in role_kinds("mapping"):
        return node
    if node.type not in role_kinds("variable"):
        return None
    name = text_of(node)
    found = None
    for assignment in assignments(source):
        if assignment.target == name and assignment.line <= call.line:
            found = assignment.value.node
    if found is None:
        for candidate in nodes_of_kinds(source, role_kinds("declarator")):
            if (
                text_of(candidate.child_by_field_name("name")) == name
                and candidate.start_point[0] + source.first_line <= call.line
            ):
                found = candidate.child_by_field_name("value")
    return found if found is not None and found.type in role_kinds("mapping") else None


def _python_has_version(node: ast.Call, call: Call, source: SourceFile) -> bool | None:
    if any(k.arg == "api_version" for k in node.keywords):
        return True
    if any(k.arg is None for k in node.keywords):
        return _UNKNOWN
    params: ast.AST | None = next((k.value for k in node.keywords if k.arg == "params"), None)
    if params is None and node.args:
        params = node.args[0]
    if params is None:
        return False
    if isinstance(params, ast.Name):
        params = _python_assigned(source, params.id, call)
    if isinstance(params, ast.Dict):
        if any(k is None for k in params.keys):  # {**defaults, …}
            return True if _python_dict_has(params) else _UNKNOWN
        return _python_dict_has(params)
    return _UNKNOWN


def _python_dict_has(node: ast.Dict) -> bool:
    return any(k is not None and python_string(k) == "api_version" for k in node.keys)


def _python_assigned(source: SourceFile, name: str, call: Call) -> ast.AST | None:
    found = None
    for assignment in assignments(source):
        if assignment.target == name and assignment.line <= call.line and assignment.function is call.function:
            found = assignment.value.node
    return found
