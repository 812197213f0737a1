"""Node roles: what a node kind of a language's grammar is to the language-neutral code (an argument
list, a comment, a key/value pair …). Each profile maps the roles its grammar has to its node kinds
(``node_roles``); code outside ``lang/`` asks by role and never names a node kind."""

from __future__ import annotations

from functools import cache

from golive_ci.lang import profiles

# Every role, and what a node of it is.
ROLES = {
    "argument_container": "the list of a call's arguments (when the call has no `arguments` field)",
    "comment": "a comment (skipped among arguments)",
    "named_argument": "an argument written `name: value` (fields `name` and the value)",
    "keyword_argument": "an argument written `key: value` in a call (fields `key`, `value`)",
    "string_part": "a part of a string literal that makes it more than a plain string",
    "value_list": "several targets or values of one assignment or declaration",
    "mapping_pair": "a `key: value` entry of a literal mapping (fields `key`, `value`)",
    "mapping_element": "a `key => value` entry of a literal array (two named children)",
    "shorthand_property": "a `{ name }` entry of a literal object (the name is key and value)",
    "paired_declaration": "a declaration with fields `left` and `right` (not `name` and `value`)",
    "declarator_subscript": "an array size or index after a declared name (not its value)",
    "initializer": "the `= value` clause of a declarator (its last named child is the value)",
    "call.function": "a call whose callee is its `function` field (skipped without one)",
    "call.constructor": "a constructor call (`new X(…)`; fields `constructor` or `type`)",
    "call.receiver": "a call with fields `receiver` and `method` (`recv.method(…)`)",
    "call.member": "a method call with fields `object` and `name` (`$a->name(…)`)",
    "call.scoped": "a static call with fields `scope` and `name` (`A::name(…)`)",
    "call.qualified": "a method call with fields `object` and `name` (`a.name(…)`)",
    "call.bare": "a call of a function by name, where method calls are another kind (`env('X')`)",
    "parenthesized": "an expression in parentheses",
    "null": "the null value (`null`, `nil`, `undefined`)",
    "binary": "a binary expression (field `operator`)",
    "fallback_conditional": "a conditional expression, `a ?: b` when it has no `body` field",
    "env_subscript": "an element read that reads the environment as `ENV['X']`",
    "spread_argument": "an argument spread into a call (`*args`, `**options`)",
    "mapping": "a literal mapping (object, hash, array with keys)",
    "spread": "a spread inside a literal mapping (`...options`)",
    "plain_name": "a plain name (a variable)",
    "list": "a literal list (`[a, b]`)",
    "declarator": "a declared name and its value (fields `name`, `value`)",
    "wrapper": "an expression around one value that leaves it as it is (parentheses, `x as T`, `x!`)",
    "ternary": "a `cond ? a : b` expression (fields `consequence`, `alternative`)",
    "import": "an import statement (field `source`: the module)",
    "import_names": "the names an import statement binds (`import A, { B } from …`)",
    "import_require": "the name an `import A = require('…')` binds, and the module",
    "imported_name": "one imported name, maybe renamed (fields `name`, `alias`)",
    "module_import": "an import of a whole module under one name (`* as A`)",
    "destructuring": "a destructuring pattern (`const { A } = …`)",
    "shorthand_pattern": "a `{ A }` entry of a destructuring pattern",
    "constant": "a constant with its value (`const X = '…'`: name first, value last)",
    "use_clause": "one name a namespace import binds (`use A\\B as C`: names, then the alias)",
    "namespaced_name": "a name, maybe qualified by its namespace (`A\\B\\C`)",
}


# Roles a profile lists among the shape roles of lang/_shapes.py (the same kinds): read from there.
_SHAPE_FIELDS = {
    "named_argument": "argument_kinds",
    "value_list": "expression_list_kinds",
    "call.constructor": "constructor_kinds",
    "parenthesized": "parenthesized_kinds",
    "binary": "binary_kinds",
    "ternary": "ternary_kinds",
    "list": "array_kinds",
}


@cache
def language_roles(language: str) -> dict[str, frozenset[str]]:
    """The node kinds of each role in one language's grammar (none for a language without one)."""
    found = profiles().get(language)
    if found is None:
        return {}
    roles = dict(found.node_roles)
    unknown = set(roles) - set(ROLES) | set(roles) & set(_SHAPE_FIELDS)
    if unknown:
        raise ValueError(f"{language}: not a node role (or one of its shape fields): {', '.join(sorted(unknown))}")
    for role, field in _SHAPE_FIELDS.items():
        if getattr(found, field):
            roles[role] = getattr(found, field)
    return roles


@cache
def role_kinds(role: str) -> frozenset[str]:
    """The node kinds of ``role`` in any language (for code that holds a node, not its language)."""
    if role not in ROLES:
        raise KeyError(f"not a node role: {role}")
    return frozenset().union(*(language_roles(name).get(role, frozenset()) for name in profiles()))


@cache
def call_shapes(language: str) -> dict[str, str]:
    """Call node kind -> the ``call.*`` role that says how to read its callee, for one language."""
    return {
        kind: role for role, kinds in language_roles(language).items() if role.startswith("call.") for kind in kinds
    }
