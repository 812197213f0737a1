"""Node roles (golive_ci/lang/_roles.py): each profile names its grammar's kinds of each role the
language-neutral code asks about; nothing outside lang/ names a node kind."""

from __future__ import annotations

import re

import pytest

from golive_ci.lang import profiles
from golive_ci.lang._roles import ROLES, call_shapes, language_roles, role_kinds
from golive_ci.parsing import grammar
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import calls
from tests import paths

ROOT = paths.ROOT
PARSED = sorted(name for name, language in profiles().items() if language.grammar is not None)
# Kinds of grammar releases older than the installed ones (pyproject allows them).
OLDER_GRAMMARS = {("csharp", "equals_value_clause")}


@pytest.mark.parametrize("language", PARSED)
def test_every_role_kind_is_a_named_kind_of_the_grammar(language: str) -> None:
    roles = language_roles(language)
    assert roles and set(roles) <= set(ROLES)
    for role, kinds in roles.items():
        for kind in kinds:
            assert grammar(language).id_for_node_kind(kind, True) or (language, kind) in OLDER_GRAMMARS, (role, kind)


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(KeyError):
        role_kinds("argument_lists")


def test_every_call_kind_of_a_query_has_a_callee_shape_or_the_default() -> None:
    for language in PARSED:
        shapes = call_shapes(language)
        assert set(shapes.values()) <= {role for role in ROLES if role.startswith("call.")}


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("a.rb", "Stripe::StripeClient.new('k', stripe_version: '2024-06-20')\n", ("Stripe::StripeClient.new", True)),
        ("a.php", "<?php \\Stripe\\Stripe::setApiKey($k);\n", ("\\Stripe\\Stripe::setApiKey", False)),
        ("a.php", "<?php $client->charges->create(['amount' => 1]);\n", ("$client->charges->create", False)),
        ("A.java", "class A { void f() { Stripe.apiKey.charge(1); } }\n", ("Stripe.apiKey.charge", False)),
        ("a.cs", "class A { void F() { var s = new StripeClient(k); } }\n", ("StripeClient", True)),
        ("a.go", "package a\nfunc f() { stripe.Key(x) }\n", ("stripe.Key", False)),
        ("a.ts", "const s = new Stripe(key, { apiVersion: '2024-06-20' });\n", ("Stripe", True)),
    ],
)
def test_callees_are_read_by_their_role(path: str, text: str, expected: tuple[str, bool]) -> None:
    [call] = [c for c in calls(SourceFile(path=path, data=text.encode())) if c.callee == expected[0]]
    assert call.is_new is expected[1]


def test_no_module_outside_lang_names_a_node_kind_of_the_syntax_layer() -> None:
    kinds = {kind for language in PARSED for roles in language_roles(language).values() for kind in roles}
    kinds -= {
        "call",
        "comment",
        "null",
        "nil",
        "undefined",
        "binary",
        "object",
        "hash",
        "pair",
    }  # words too
    modules = ["syntax.py", "syntax_tree_sitter.py", "tree_nodes.py"]
    modules += [
        f"versions/{name}.py"
        for name in ("values", "webhook_endpoints", "js_clients", "ruby_php_clients", "manifest_dynamic")
    ]
    for module in modules:
        text = (ROOT / "golive_ci" / module).read_text(encoding="utf-8")
        named = {kind for kind in kinds if re.search(rf'(?<!field_name\()"{kind}"', text)}
        assert not named, (module, named)
