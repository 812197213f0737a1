"""golive_ci/lang/ profiles name their grammars' node kinds per role; the language-neutral analyses
(webhooks/, logging_calls/) name none and match the unions the profiles make (issue 13)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from golive_ci.lang import LanguageProfile, node_kinds, profile, profiles
from golive_ci.lang._shapes import SHAPE_ROLES

# The repository root, wherever in tests/ this module sits.
ROOT = next(folder for folder in Path(__file__).resolve().parents if (folder / "pyproject.toml").is_file())
KIND_FIELDS = tuple(field for field in LanguageProfile.__slots__ if field.endswith("_kinds"))


def missing_kinds(language: LanguageProfile) -> dict[str, list[str]]:
    """field -> the kinds it lists that the language's grammar does not have (named or not: code
    compares ``node.type``, which anonymous tokens such as C#'s ``default`` keyword have too)."""
    from golive_ci.parsing import grammar

    if language.grammar is None:
        return {field: sorted(getattr(language, field)) for field in KIND_FIELDS if getattr(language, field)}
    known = grammar(language.name)
    missing = {
        field: sorted(
            kind
            for kind in getattr(language, field)
            if not known.id_for_node_kind(kind, True) and not known.id_for_node_kind(kind, False)
        )
        for field in KIND_FIELDS
    }
    return {field: kinds for field, kinds in missing.items() if kinds}


@pytest.mark.parametrize("name", sorted(profiles()))
def test_every_node_kind_a_profile_names_is_one_of_its_grammar(name: str) -> None:
    language = profile(name)
    assert language is not None
    assert missing_kinds(language) == {}, f"{name}: kinds its grammar does not have (a typo matches nothing)"


def test_a_misspelt_kind_is_caught() -> None:
    go = profile("go")
    assert go is not None
    typo = go.sibling(
        "go", (".go",), if_kinds=frozenset({"if_statment"}), case_kinds=go.case_kinds | {"expresion_case"}
    )
    assert missing_kinds(typo) == {"if_kinds": ["if_statment"], "case_kinds": ["expresion_case"]}
    python = profile("python")
    assert python is not None and python.grammar is None
    assert missing_kinds(python.sibling("python", (".py",), if_kinds=frozenset({"If"}))) == {"if_kinds": ["If"]}


def test_every_role_is_a_profile_field_with_a_default() -> None:
    assert set(SHAPE_ROLES) <= set(LanguageProfile.__slots__)
    slots = LanguageProfile.__slots__
    assert list(slots[slots.index(SHAPE_ROLES[0]) :][: len(SHAPE_ROLES)]) == list(SHAPE_ROLES)
    bare = LanguageProfile(
        "bare",
        (".bare",),
        **{
            field: None
            for field in slots
            if field not in ("name", "suffixes", "stripe_code_flags", "grammar", *KIND_FIELDS, *SHAPE_ROLES)
        },
    )
    assert all(getattr(bare, role) in (frozenset(), False, None) for role in SHAPE_ROLES)


def test_unions_are_the_languages_kinds_together() -> None:
    assert node_kinds("if_kinds") == {"if_statement", "if"}
    assert node_kinds("switch_kinds", "case_kinds") >= {"switch_statement", "case", "when", "switch_case"}
    ruby, php = profile("ruby"), profile("php")
    assert ruby is not None and php is not None
    assert ruby.negated_if_kinds == {"unless", "unless_modifier"} and not php.negated_if_kinds
    assert node_kinds("if_kinds") is node_kinds("if_kinds")  # built once


def test_typescript_adds_its_grammars_kinds_to_javascripts() -> None:
    javascript, typescript = profile("javascript"), profile("typescript")
    assert javascript is not None and typescript is not None
    assert typescript.if_kinds == javascript.if_kinds
    assert "non_null_expression" in typescript.non_null_kinds and not javascript.non_null_kinds
    assert typescript.body_parameter_annotation and javascript.body_parameter_annotation is None


def _string_constants(path: Path) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


# Strings of those modules that some grammar also uses as a node kind, where they are something else:
# field names of a node, literal values compared as text, words of names, labels of a finding.
NOT_NODE_KINDS = {
    "arguments", "array", "function", "method", "name", "pattern",  # node fields
    "nil", "null", "true", "false",  # literal values as written
    "self", "this", "class", "number", "string",  # words of variable and field names
    "default", "else", "call", "constant",  # labels and record fields
}  # fmt: skip


def test_webhook_and_logging_analyses_name_no_node_kind() -> None:
    """Adding a language touches golive_ci/lang/ and its tests; these modules ask the profiles."""
    kinds = {kind for language in profiles().values() for field in KIND_FIELDS for kind in getattr(language, field)}
    for folder in ("webhooks", "logging_calls"):
        for path in sorted((ROOT / "golive_ci" / folder).glob("*.py")):
            named = (_string_constants(path) & kinds) - NOT_NODE_KINDS
            assert not named, f"{path.name} names node kinds {sorted(named)}: give them a role in lang/"


TOY = """from golive_ci.lang.javascript import JAVASCRIPT

PROFILES = (
    JAVASCRIPT.sibling("toy", (".toy",), if_kinds=frozenset({"toy_if"}), case_kinds=frozenset({"toy_when"})),
)
"""


def test_a_new_language_brings_its_kinds_to_the_analyses_through_its_profile(tmp_path: Path) -> None:
    import shutil

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
