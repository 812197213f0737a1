"""stripe-python: ``stripe.api_key``/``stripe.api_version`` globals, ``StripeClient(…, stripe_version=…)``."""

from __future__ import annotations

import ast
import re

from golive_ci.parsing import lazy_pattern
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import assignments, calls, python_nodes, python_string
from golive_ci.versions.fact_types import (
    KIND_CLIENT,
    KIND_CONSTANT,
    KIND_GLOBAL,
    KIND_REQUEST,
    ApiVersionPin,
    ClientInit,
    FileFacts,
)
from golive_ci.versions.values import INDIRECT, PINNED, UNPINNED, Value, classify, position

# Names that hold the Stripe API version by convention (STRIPE_API_VERSION, stripe_version…).
# Bounded gaps: `\w*` between two words retried from every "stripe" of a long name is quadratic.
VERSION_CONSTANT_RE = lazy_pattern(r"stripe\w{0,64}version|version\w{0,64}stripe", re.IGNORECASE)


def _survey(nodes: list[ast.AST]) -> tuple[set[str], set[str], list[ast.Dict]]:
    """One pass: (names bound to the stripe module, names bound to stripe.StripeClient, every dict literal)."""
    modules = {"stripe"}
    clients: set[str] = set()
    defined: set[str] = set()
    dicts: list[ast.Dict] = []
    for node in nodes:
        if isinstance(node, ast.Dict):
            dicts.append(node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "stripe":
                    modules.add(alias.asname or "stripe")
        elif isinstance(node, ast.ImportFrom) and node.module in ("stripe", "stripe._stripe_client"):
            for alias in node.names:
                if alias.name == "StripeClient":
                    clients.add(alias.asname or alias.name)
        elif isinstance(node, ast.ClassDef | ast.FunctionDef):
            defined.add(node.name)
    return modules, clients - defined, dicts  # a local class or function of that name shadows the import


def module_constants(tree: ast.Module) -> dict[str, ast.AST]:
    """Module-level ``NAME = <expr>`` (the last one wins), for resolving a version passed by name."""
    constants: dict[str, ast.AST] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                constants[target.id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value:
            constants[statement.target.id] = statement.value
    return constants


def extract_python(source: SourceFile, facts: FileFacts) -> None:
    tree = source.syntax()
    modules, client_names, dicts = _survey(python_nodes(source))
    constants = module_constants(tree)
    in_test = source.is_test
    client_callees = client_names | {f"{m}.StripeClient" for m in modules}

    for assignment in assignments(source):
        target = assignment.target
        module, _, attribute = target.rpartition(".")
        if module in modules and attribute in ("api_key", "api_version"):
            if attribute == "api_key":
                facts.inits.append(
                    ClientInit(
                        source.path, assignment.line, assignment.column, "python", f"{target} = …", True, UNPINNED,
                        in_test=in_test,
                    )
                )  # fmt: skip
            else:
                value = classify(assignment.value.node, source, constants)
                _add_pin(facts, source, value, assignment.line, assignment.column, f"{target} = …", KIND_GLOBAL)
        elif VERSION_CONSTANT_RE.search(target.rsplit(".", 1)[-1]):
            literal = python_string(assignment.value.node)
            if literal is not None and re.match(r"^\d{4}-\d{2}-\d{2}", literal):
                value = Value(PINNED, literal, assignment.value.node)
                _add_pin(facts, source, value, assignment.line, assignment.column, f"{target} = …", KIND_CONSTANT)

    bound_to = {id(a.value.node): a.target for a in assignments(source) if a.target.isidentifier()}
    for call in calls(source):
        node = call.node
        if call.callee in client_callees:
            version_node = next((k.value for k in node.keywords if k.arg == "stripe_version"), None)
            if version_node is None and any(k.arg is None for k in node.keywords):
                value = Value(INDIRECT, None, node)  # StripeClient(key, **options)
            elif version_node is None and _versioned_on_every_use(bound_to.get(id(node)), source):
                value = Value(INDIRECT, None, node, "stripe_version passed on every raw request")
            else:
                value = classify(version_node, source, constants)
            how = f"{call.callee}(…, stripe_version=…)" if version_node is not None else f"{call.callee}(…)"
            facts.inits.append(
                ClientInit(
                    source.path, call.line, call.column, "python", how, False, value.status, value.version,
                    value.source_note, in_test,
                )
            )  # fmt: skip
            _add_pin(facts, source, value, call.line, call.column, how, KIND_CLIENT)
            continue
        for keyword in node.keywords:
            if keyword.arg == "stripe_version":
                value = classify(keyword.value, source, constants)
                if value.status == PINNED:
                    _add_pin(facts, source, value, call.line, call.column, f"{call.callee}(stripe_version=…)",
                             KIND_REQUEST)  # fmt: skip
    stripe_dicts = _stripe_settings_dicts(tree)
    for node in dicts:
        for key, item in zip(node.keys, node.values, strict=False):
            name = python_string(key) if key is not None else None
            if name == "stripe_version":
                value = classify(item, source, constants)
                if value.status == PINNED:
                    line, column = position(source, node)
                    _add_pin(facts, source, value, line, column, '{"stripe_version": …}', KIND_REQUEST)
            elif name is not None and _is_settings_version(name, id(node) in stripe_dicts):
                _add_setting(facts, source, item, f'{{"{name}": …}}')
    uses_sdk = _IMPORTS_STRIPE.search(source.data) is not None
    for assignment in assignments(source):  # configuration["api_version"] = "…", settings.STRIPE["api_version"] = …
        targets = getattr(assignment.node, "targets", [])
        if len(targets) != 1 or not isinstance(targets[0], ast.Subscript):
            continue
        key = python_string(targets[0].slice)
        owner = ast.unparse(targets[0].value)
        if key is not None and _is_settings_version(key, uses_sdk or "stripe" in owner.lower()):
            _add_setting(facts, source, assignment.value.node, f'{owner}["{key}"] = …')


_RAW_REQUESTS = frozenset({"raw_request", "raw_request_async"})


def _versioned_on_every_use(name: str | None, source: SourceFile) -> bool:
    """Whether the client bound to ``name`` is used only for ``raw_request(…, stripe_version=…)``
    calls (at least one): each request then names its version, so the client needs none."""
    if name is None:
        return False
    versioned: set[int] = set()
    uses = 0
    for node in python_nodes(source):
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            uses += 1
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _RAW_REQUESTS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
            and any(k.arg == "stripe_version" for k in node.keywords)
        ):
            versioned.add(id(node.func.value))
    return uses > 0 and uses == len(versioned)


# Keys that hold the API version in a settings structure: any name VERSION_CONSTANT_RE accepts, and
# api_version / apiVersion inside a structure that belongs to Stripe (a STRIPE = {…} setting, a
# "stripe": {…} section) or a file that is about Stripe configuration.
_PLAIN_VERSION_KEYS = frozenset({"api_version", "apiversion", "version"})
_IMPORTS_STRIPE = lazy_pattern(rb"^[ \t]*+(?:import[ \t]+stripe\b|from[ \t]+stripe\b)", re.MULTILINE)


def _is_settings_version(key: str, stripe_owned: bool) -> bool:
    if VERSION_CONSTANT_RE.search(key):
        return True
    return stripe_owned and key.replace("_", "").lower() in {k.replace("_", "") for k in _PLAIN_VERSION_KEYS}


def _stripe_settings_dicts(tree: ast.Module) -> set[int]:
    """ids of dict literals that belong to Stripe: assigned to a name that says so, or nested under a
    key that does (``STRIPE = {"api_version": …}``, ``PAYMENTS = {"stripe": {"api_version": …}}``)."""
    owned: set[int] = set()

    def mark(node: ast.AST, stripe: bool) -> None:
        if not isinstance(node, ast.Dict):
            return
        if stripe:
            owned.add(id(node))
        for key, item in zip(node.keys, node.values, strict=False):
            name = python_string(key) if key is not None else None
            mark(item, stripe or (name is not None and "stripe" in name.lower()))

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            named = any("stripe" in ast.unparse(target).lower() for target in node.targets)
            mark(node.value, named)
    return owned


def _add_setting(facts: FileFacts, source: SourceFile, node: ast.AST, how: str) -> None:
    literal = python_string(node)
    if literal is not None and re.match(r"^\d{4}-\d{2}-\d{2}", literal):
        line, column = position(source, node)
        _add_pin(facts, source, Value(PINNED, literal, node), line, column, how, KIND_CONSTANT)


def _add_pin(facts: FileFacts, source: SourceFile, value: Value, line: int, column: int, how: str, kind: str) -> None:
    if value.node is not None and value.status != UNPINNED and value.status != INDIRECT:
        line, column = position(source, value.node)
    facts.add_pin(
        ApiVersionPin(
            source.path, line, column, "python", value.version, how, value.status, kind, value.source_note,
            source.is_test,
        )
    )  # fmt: skip
