"""Scaffold a language: its package in golive_ci/lang/ and a test of it.

    python scripts/new_language.py kotlin --suffix .kt --suffix .kts

writes ``golive_ci/lang/kotlin/__init__.py`` (the language's file suffixes and placeholder Stripe
SDK idioms to fill in), ``golive_ci/lang/kotlin/nodes.scm`` (the query of its grammar's nodes) and
``tests/lang/test_lang_kotlin.py``, and lists the package in pyproject.toml.
Nothing else changes: the ``lang`` package finds the new one, files with those suffixes get the
language, and the rules cover it: those that
judge code in every language (golive_ci.lang.code_languages) and, through the profile's idioms,
their messages and language-specific checks.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _scaffold, also when this file is loaded by path
import _scaffold

NAME_RE = re.compile(r"[a-z][a-z0-9_]*")
SUFFIX_RE = re.compile(r"\.[A-Za-z0-9]+")

PROFILE_TEMPLATE = """import re

from golive_ci.lang import LanguageProfile

# Every idiom is read by rules (see the field comments in golive_ci/lang/__init__.py). Until one is
# filled in, the rules that need it treat {name} code as having none of it.
PROFILES = (
    LanguageProfile(
        "{name}",
        {suffixes!r},
        # TODO: how application code in {name} uses the Stripe SDK (its import or package name).
        stripe_code=r"^[ \\t]*import[ \\t]+com\\.stripe\\b",
        stripe_code_flags=re.MULTILINE,
        card_error="TODO: how the {name} SDK names a card error",
        idempotency_option="TODO: how a {name} request passes an idempotency key",
        network_retries_setting="TODO: how {name} code sets the SDK's network retries to 2",
        sdk_ecosystem="{name}",  # TODO: the package ecosystem its manifests belong to (node, dotnet, ...)
        sdk_pin_example="TODO: how a manifest pins the Stripe SDK to one release",
        sdk_major_prefix="",
        typed_sdk=False,  # TODO: True when the SDK release fixes the API version (Go, Java, .NET)
        browser_code=False,  # TODO: True when files of {name} may be browser code loading Stripe.js
        api_version_setter=None,  # TODO: how code sets the SDK's global API version, if it can
        client_api_version_option=None,  # TODO: how a client is given an API version, if it can
        webhook_endpoint_api_version="TODO: how a webhook endpoint is created with an api_version",
        minor_units_rounding="TODO: how to round `price * 100` to a whole number in {name}",
        prices_are_decimals=False,
        amount_floats_need_cast=False,
        request_body_reads=None,  # TODO: bytes pattern of code reading an HTTP request's body
        parsed_body_reads=None,  # TODO: pattern of code reading the body parsed, or serialising it
        whole_request_bodies=frozenset(),
        bare_print_calls=frozenset(),
        catch_keyword="catch",
        env_reads_empty_when_unset=None,
        webhook_tolerance_nulls=frozenset(),
        webhook_tolerance_zero_disables=False,
        webhook_tolerance_negative_disables=False,
        webhook_version_mismatch_flag=None,
        # TODO: the tree-sitter grammar package that parses {name}: ("tree_sitter_x", "language"), and
        # add the package to pyproject.toml's dependencies; then name its nodes in nodes.scm beside
        # this file. None: no parser (code rules give a notice).
        grammar=None,
        # TODO: with a grammar, its node kinds of each role the language-neutral code asks about, as the
        # other profiles list theirs ("if": frozenset({{"if_statement"}}), ...; golive_ci/lang/_roles.py
        # says what each role is). A role left out matches nothing in {name} code; calls, assignments,
        # functions, declarations and strings are named in nodes.scm instead.
        node_roles={{}},
        bodies_take_handlers=False,  # TODO: True when any body can carry catch clauses (Ruby's rescue)
        errors_as_values=False,  # TODO: True when calls return errors checked with `if err != nil` (Go)
        promise_error_callbacks=False,  # TODO: True when `.catch(callback)` handles a call's errors
        body_parameter_annotation=None,  # TODO: pattern of an annotation binding a parameter to the body
    ),
)
"""

NODES_TEMPLATE = """; TODO: with a grammar, the nodes of {name} that golive_ci/tree_nodes.py finds, one simple pattern
; a line, as golive_ci/lang/go/nodes.scm writes them: (kind) @call for calls (constructor calls
; included), @assignment, @function (and blocks that act as one), @declaration (with a value) and
; @string (plain string literals).
"""

TEST_TEMPLATE = """from golive_ci.lang import profile
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX


def test_the_{name}_profile_is_found_with_its_suffixes() -> None:
    language = profile("{name}")
    assert language is not None
    assert all(LANGUAGE_BY_SUFFIX[suffix] == "{name}" for suffix in {suffixes!r})


def test_the_{name}_profile_recognises_stripe_code() -> None:
    language = profile("{name}")
    assert language is not None
    assert language.stripe_code_re.search("import com.stripe.Stripe\\n")  # TODO: a real {name} import
    assert not language.stripe_code_re.search("import other.library\\n")
"""


def scaffold(root: Path, name: str, suffixes: tuple[str, ...]) -> list[Path]:
    """Write the profile and its test under ``root``; ValueError when the language or a suffix exists."""
    sys.path.insert(0, str(root))
    from golive_ci.lang import language_by_suffix

    package = root / "golive_ci" / "lang" / name
    profile_path = package / "__init__.py"
    test_path = root / "tests" / "lang" / f"test_lang_{name}.py"
    taken = [suffix for suffix in suffixes if suffix in language_by_suffix()]
    if taken:
        raise ValueError(f"{', '.join(taken)} already belong to {language_by_suffix()[taken[0]]}")
    _scaffold.refuse_existing(root, (package, package.with_suffix(".py"), test_path))
    fields = {"name": name, "suffixes": suffixes}
    written = _scaffold.write(
        {
            profile_path: PROFILE_TEMPLATE.format(**fields),
            package / "nodes.scm": NODES_TEMPLATE.format(**fields),
            test_path: TEST_TEMPLATE.format(**fields),
        }
    )
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        pyproject.write_text(list_package(pyproject.read_text(encoding="utf-8"), name), encoding="utf-8")
        written.append(pyproject)
    return written


def list_package(pyproject: str, name: str) -> str:
    """pyproject.toml's text with ``golive_ci.lang.<name>`` added to ``[tool.setuptools] packages``
    (setuptools installs only the packages listed there)."""
    listed = re.search(r"^packages = \[(.*)\]$", pyproject, re.MULTILINE)
    if listed is None:
        raise ValueError("pyproject.toml has no `packages = [...]` line to list the package in")
    entry = f'"golive_ci.lang.{name}"'
    if entry in listed.group(1):
        return pyproject
    return f"{pyproject[: listed.end(1)]}, {entry}{pyproject[listed.end(1) :]}"


def main(argv: list[str] | None = None) -> int:
    parser = _scaffold.parser(__doc__)
    parser.add_argument("name", help="lower-case module name (e.g. kotlin)")
    parser.add_argument("--suffix", action="append", required=True, help="a file suffix, e.g. .kt (repeatable)")
    args = parser.parse_args(argv)
    if not NAME_RE.fullmatch(args.name):
        parser.error(f"{args.name!r} is not a lower-case module name")
    bad = [suffix for suffix in args.suffix if not SUFFIX_RE.fullmatch(suffix)]
    if bad:
        parser.error(f"not a file suffix: {', '.join(bad)} (write .kt)")
    suffixes = tuple(suffix.lower() for suffix in args.suffix)
    return _scaffold.run(
        "new_language",
        args.root,
        lambda: scaffold(args.root, args.name, suffixes),
        "fill in the SDK idioms and the test's sample import",
    )


if __name__ == "__main__":
    raise SystemExit(main())
