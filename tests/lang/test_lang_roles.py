"""Node roles (golive_ci/lang/_roles.py): one vocabulary of what a node is to the language-neutral
code; each profile names its grammar's kinds of each role (its nodes.scm those of the captured
ones), and nothing outside lang/ names a node kind (issue 13)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from golive_ci.lang import LanguageProfile, call_shapes, language_roles, nodes_query, profile, profiles, role_kinds
from golive_ci.lang._queries import kinds
from golive_ci.lang._roles import CAPTURED, ROLES
from golive_ci.parsing import grammar
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import calls
from tests import paths

ROOT = paths.ROOT
PARSED = sorted(name for name, language in profiles().items() if language.grammar is not None)
# Kinds of grammar releases older than the installed ones (pyproject allows them).
OLDER_GRAMMARS = {("csharp", "equals_value_clause")}


def missing_kinds(language: LanguageProfile) -> dict[str, list[str]]:
    """role -> the kinds the profile (or its nodes.scm) gives it that its grammar does not have
    (named or not: code compares ``node.type``, which anonymous tokens such as C#'s ``default``
    keyword have too)."""
    roles = {**language.node_roles, **{role: kinds(nodes_query(language.name), role) for role in CAPTURED}}
    if language.grammar is None:
        return {role: sorted(found) for role, found in roles.items() if found}
    known = grammar(language.name)
    missing = {
        role: sorted(
            kind
            for kind in found
            if not known.id_for_node_kind(kind, True)
            and not known.id_for_node_kind(kind, False)
            and (language.name, kind) not in OLDER_GRAMMARS
        )
        for role, found in roles.items()
    }
    return {role: found for role, found in missing.items() if found}


@pytest.mark.parametrize("name", sorted(profiles()))
def test_every_node_kind_of_every_role_is_one_of_the_languages_grammar(name: str) -> None:
    language = profile(name)
    assert language is not None
    assert missing_kinds(language) == {}, f"{name}: kinds its grammar does not have (a typo matches nothing)"
    assert set(language_roles(name)) == set(ROLES)


def test_a_misspelt_kind_is_caught() -> None:
    go = profile("go")
    assert go is not None
    roles = {**go.node_roles, "if": frozenset({"if_statment"}), "case": go.node_roles["case"] | {"expresion_case"}}
    assert missing_kinds(go.sibling("go", (".go",), node_roles=roles)) == {
        "if": ["if_statment"],
        "case": ["expresion_case"],
    }
    python = profile("python")
    assert python is not None and python.grammar is None
    typo = python.sibling("python", (".py",), node_roles={"if": frozenset({"If"})})
    assert missing_kinds(typo) == {"if": ["If"]}


def test_an_unknown_role_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(KeyError, match="argument_lists"):
        role_kinds("if", "argument_lists")
    with pytest.raises(KeyError):
        language_roles("go")["if_kinds"]
    go = profile("go")
    assert go is not None
    for wrong in ("if_kinds", "call"):  # not a role; a role nodes.scm names
        monkeypatch.setitem(profiles(), "toy", go.sibling("toy", (".toy",), node_roles={wrong: frozenset({"x"})}))
        with pytest.raises(ValueError, match=f"toy: not a node role of a profile: {wrong}"):
            language_roles("toy")


def test_the_vocabulary_is_one_table_every_profile_draws_on() -> None:
    assert set(CAPTURED) <= set(ROLES)
    assert all(description for description in ROLES.values())
    assert all(role_kinds(role) for role in ROLES), "a role no language has"
    bare = LanguageProfile(
        "bare",
        (".bare",),
        **{
            field: None
            for field in LanguageProfile.__slots__
            if field not in ("name", "suffixes", "stripe_code_flags", "grammar", "node_roles")
        },
    )
    assert bare.node_roles == {}


def test_unions_are_the_languages_kinds_together() -> None:
    assert role_kinds("if") == {"if_statement", "if"}
    assert role_kinds("switch", "case") >= {"switch_statement", "case", "when", "switch_case"}
    assert role_kinds("call") >= {"call_expression", "call", "method_invocation"}  # from nodes.scm
    assert language_roles("ruby")["negated_if"] == {"unless", "unless_modifier"}
    assert language_roles("php")["negated_if"] == frozenset()
    assert language_roles("ruby")["call"] == {"call"}
    assert role_kinds("if") is role_kinds("if")  # built once


def test_typescript_adds_its_grammars_kinds_to_javascripts() -> None:
    javascript, typescript = language_roles("javascript"), language_roles("typescript")
    assert typescript["if"] == javascript["if"]
    assert "non_null_expression" in typescript["non_null"] and not javascript["non_null"]
    assert profile("typescript").body_parameter_annotation and profile("javascript").body_parameter_annotation is None


def test_every_call_kind_of_a_query_has_a_callee_shape_or_the_default() -> None:
    for language in PARSED:
        shapes = call_shapes(language)
        assert set(shapes.values()) <= {role for role in ROLES if role.startswith("call.")}
        assert set(shapes) <= language_roles(language)["call"]


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


def test_a_java_comment_among_arguments_is_no_argument() -> None:
    source = SourceFile(path="A.java", data=b"class A { void f() { Charge.create(params, /* key */ options); } }\n")
    [call] = [c for c in calls(source) if c.callee == "Charge.create"]
    assert [argument.text for argument in call.args] == ["params", "options"]


def _named_strings(path: Path) -> set[str]:
    """The module's string constants, but for the role names it asks by (``role_kinds("if")``,
    ``roles["if"]``, ``captured(source, "call")``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    asked: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
            "role_kinds",
            "kinds_of",
            "captured",
        ):
            asked.update(id(argument) for argument in node.args)
        elif isinstance(node, ast.Subscript) and getattr(node.value, "id", "") == "roles":
            asked.add(id(node.slice))
        elif isinstance(node, ast.Compare) and getattr(node.left, "id", "") == "shape":  # shape == "call.member"
            asked.update(id(value) for value in node.comparators)
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in asked
    }


# Strings of those modules that some grammar also uses as a node kind, where they are something else:
# field names of a node, literal values compared as text, words of names, labels of a finding.
NOT_NODE_KINDS = {
    "arguments", "array", "function", "method", "name", "pattern", "object",  # node fields
    "nil", "null", "true", "false", "undefined",  # literal values as written
    "self", "this", "class", "number", "string", "hash",  # words of variable and field names
    "default", "else", "call", "constant", "comment",  # labels and record fields
    "pair",  # a role name passed on (versions/ruby_php_clients.py's surveyed roles)
}  # fmt: skip


def test_no_module_outside_lang_names_a_node_kind() -> None:
    """Adding a language touches golive_ci/lang/ and its tests; these modules ask by role."""
    named_kinds = {kind for language in profiles() for found in language_roles(language).values() for kind in found}
    package = ROOT / "golive_ci"
    modules = [*package.glob("webhooks/*.py"), *package.glob("logging_calls/*.py"), *package.glob("versions/*.py")]
    modules += [package / name for name in ("syntax.py", "syntax_tree_sitter.py", "tree_nodes.py")]
    for path in sorted(modules):
        named = (_named_strings(path) & named_kinds) - NOT_NODE_KINDS
        assert not named, f"{path.relative_to(ROOT)} names node kinds {sorted(named)}: give them a role in lang/"


TOY = """from golive_ci.lang.javascript import JAVASCRIPT

ROLES = {**JAVASCRIPT.node_roles, "if": frozenset({"toy_if"}), "case": frozenset({"toy_when"})}
PROFILES = (JAVASCRIPT.sibling("toy", (".toy",), node_roles=ROLES),)
"""


def test_a_new_language_brings_its_kinds_to_the_analyses_through_its_profile(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(ROOT / "golive_ci", package / "golive_ci", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "golive_ci" / "lang" / "toy.py").write_text(TOY)
    code = (
        "from golive_ci.webhooks import control_flow, dispatch, events\n"
        "print('toy_if' in dispatch._IFS, 'toy_if' in control_flow._TS_CONDITIONALS,"
        " 'toy_when' in events._CASE_CONTEXTS, 'if_statement' in dispatch._IFS)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(package)}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True"]
