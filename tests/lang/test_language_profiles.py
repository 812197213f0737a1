"""golive_ci/lang/: a language is one module there, and rules that read profiles cover it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from golive_ci.lang import language_by_suffix, profile, profiles
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX
from tests import paths

ROOT = paths.ROOT

TOY_PROFILE = """import re

from golive_ci.lang import LanguageProfile

PROFILES = (
    LanguageProfile(
        "toy",
        (".toy",),
        stripe_code=r"^use stripe\\b",
        stripe_code_flags=re.MULTILINE,
        card_error="stripe::CardDeclined",
        idempotency_option="with idempotency(order.id)",
        network_retries_setting="stripe.retries(2)",
        sdk_ecosystem="toypkg",
        sdk_pin_example="stripe = 1.2.3",
        sdk_major_prefix="",
        typed_sdk=True,
        browser_code=False,
        api_version_setter=None,
        client_api_version_option=None,
        webhook_endpoint_api_version="version: stripe.VERSION",
        minor_units_rounding="`round_half_even(price * 100)`",
        prices_are_decimals=False,
        amount_floats_need_cast=False,
        request_body_reads=None,
        parsed_body_reads=None,
        whole_request_bodies=frozenset(),
        bare_print_calls=frozenset({"say"}),
        catch_keyword="recover",
        env_reads_empty_when_unset=None,
        webhook_tolerance_nulls=frozenset(),
        webhook_tolerance_zero_disables=False,
        webhook_tolerance_negative_disables=False,
        webhook_version_mismatch_flag=None,
    ),
)
"""


def test_every_supported_language_has_a_profile_and_its_suffixes() -> None:
    assert set(profiles()) == {"python", "javascript", "typescript", "tsx", "ruby", "php", "go", "java", "csharp"}
    assert language_by_suffix() == LANGUAGE_BY_SUFFIX
    assert LANGUAGE_BY_SUFFIX[".tsx"] == "tsx" and LANGUAGE_BY_SUFFIX[".cs"] == "csharp"
    typescript, javascript = profile("typescript"), profile("javascript")
    assert typescript is not None and javascript is not None
    assert typescript.card_error == javascript.card_error
    assert profile("cobol") is None and profile(None) is None


def test_each_profile_recognises_its_own_stripe_import() -> None:
    samples = {
        "python": "import stripe\n",
        "javascript": "const Stripe = require('stripe');\n",
        "ruby": "require 'stripe'\n",
        "php": "$c = new \\Stripe\\StripeClient($k);\n",
        "go": 'import "github.com/stripe/stripe-go/v82"\n',
        "java": "import com.stripe.Stripe;\n",
        "csharp": "using Stripe;\n",
    }
    for name, text in samples.items():
        language = profile(name)
        assert language is not None and language.stripe_code_re.search(text), name
        assert not language.stripe_code_re.search("import requests\n"), name


def run_in(package_root: Path, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env={"PYTHONPATH": str(package_root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


def scan(package_root: Path, project: Path, *rules: str) -> dict:
    selection = ["--select", ",".join(rules)] if rules else []
    result = run_in(package_root, project, "-m", "golive_ci", "scan", *selection, "--format", "json", ".")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def scan_decline_tests(package_root: Path, project: Path) -> list[dict]:
    return scan(package_root, project, "decline-tests")["findings"]


@pytest.fixture
def toy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "app.toy").write_text("use stripe\ncharge(order)\n")
    (project / "tests" / "app_test.toy").write_text("use stripe\nexpect charge(order) == ok\n")
    return project


@pytest.fixture
def package_root(tmp_path: Path) -> Path:
    """A copy of golive_ci to add a language to."""
    root = tmp_path / "package"
    shutil.copytree(ROOT / "golive_ci", root / "golive_ci", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_a_toy_language_added_through_lang_alone_is_covered_by_a_rule(package_root: Path, toy_project: Path) -> None:
    assert scan_decline_tests(package_root, toy_project) == []  # without the profile: not Stripe code

    (package_root / "golive_ci" / "lang" / "toy.py").write_text(TOY_PROFILE)
    [finding] = scan_decline_tests(package_root, toy_project)
    assert finding["rule"] == "decline-tests"
    assert finding["path"] == "app.toy" and finding["line"] == 1


def rules_covering(package_root: Path, project: Path, language: str) -> set[str]:
    code = (
        "from golive_ci.rules import RULES, load_rule\n"
        "for slug in RULES:\n"
        "    languages = load_rule(slug).languages\n"
        f"    if languages is not None and {language!r} in languages:\n"
        "        print(slug)\n"
    )
    result = run_in(package_root, project, "-c", code)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_the_rules_that_judge_code_in_every_language_cover_a_new_one(package_root: Path, toy_project: Path) -> None:
    # These rules once listed the nine languages by hand; their sets come from the profiles now.
    by_hand_before = {
        "amount-minor-units", "card-error-handling", "idempotency-key", "legacy-payments-api", "live-return-urls",
        "raw-card-data-api", "sensitive-log", "webhook-duplicates", "webhook-raw-body", "webhook-secret-placeholder",
        "webhook-signature", "webhook-stale-state", "webhook-tolerance", "webhook-unhandled-status",
    }  # fmt: skip
    assert not rules_covering(package_root, toy_project, "toy") & by_hand_before

    (package_root / "golive_ci" / "lang" / "toy.py").write_text(TOY_PROFILE)
    covering = rules_covering(package_root, toy_project, "toy")
    assert covering >= by_hand_before
    # The toy SDK is typed (its release pins the API version): the dynamic languages' rules leave it.
    assert "unpinned-api-version" not in covering


def test_rules_read_a_new_languages_idioms_from_its_profile(package_root: Path, toy_project: Path) -> None:
    (package_root / "golive_ci" / "lang" / "toy.py").write_text(TOY_PROFILE)
    (toy_project / "pay.toy").write_text(
        "use stripe\n"
        "stripe.max_network_retries = 0\n"
        'stripe.PaymentIntent.create(amount: float(form.price) * 100, currency: "eur")\n'
    )
    report = scan(package_root, toy_project, "amount-minor-units", "sdk-retries")
    by_rule = {finding["rule"]: finding for finding in report["findings"] if finding["path"] == "pay.toy"}
    assert set(by_rule) == {"amount-minor-units", "sdk-retries"}
    assert by_rule["amount-minor-units"]["line"] == 3
    assert by_rule["amount-minor-units"]["message"].endswith("round it: `round_half_even(price * 100)`")
    assert by_rule["sdk-retries"]["line"] == 2


def test_a_new_language_without_a_parser_is_reported_as_not_checked(package_root: Path, toy_project: Path) -> None:
    """Rules that read syntax cannot judge a language no parser knows: they say so, they do not pass it."""
    (package_root / "golive_ci" / "lang" / "toy.py").write_text(TOY_PROFILE)
    (toy_project / "hook.toy").write_text("use stripe\nwebhook(event) = stripe.Event.construct_from(body)\n")
    report = scan(package_root, toy_project, "webhook-signature")
    assert report["findings"] == []
    assert any(n["path"] == "hook.toy" and "no parser for toy" in n["message"] for n in report["notices"])


def test_a_new_language_with_a_grammar_in_its_profile_is_parsed(package_root: Path, toy_project: Path) -> None:
    """A profile names its tree-sitter grammar and a query beside it names the grammar's nodes: the
    parsing layer takes it from there, nothing else changes."""
    with_grammar = TOY_PROFILE.replace(
        "webhook_version_mismatch_flag=None,",
        'webhook_version_mismatch_flag=None,\n        grammar=("tree_sitter_javascript", "language"),',
    )
    (package_root / "golive_ci" / "lang" / "toy.py").write_text(with_grammar)
    (package_root / "golive_ci" / "lang" / "toy.scm").write_text(
        (ROOT / "golive_ci/lang/javascript/nodes.scm").read_text()
    )
    (toy_project / "pay.toy").write_text(
        "use stripe\nasync function refund(order) {\n  await stripe.refunds.create({ charge: order.charge });\n}\n"
    )
    report = scan(package_root, toy_project, "idempotency-key")
    assert [(f["path"], f["line"]) for f in report["findings"]] == [("pay.toy", 3)]
    assert not [n for n in report["notices"] if n["path"] == "pay.toy"]


def test_profile_siblings_share_every_idiom_but_the_ones_changed() -> None:
    javascript, typescript = profile("javascript"), profile("typescript")
    assert javascript is not None and typescript is not None
    assert typescript.sdk_ecosystem == javascript.sdk_ecosystem == "node"
    assert typescript.request_body_reads == javascript.request_body_reads
    assert typescript.client_api_version_option != javascript.client_api_version_option
    with pytest.raises(TypeError, match="not a profile field: colour"):
        javascript.sibling("coffee", (".coffee",), colour="brown")


def test_every_profile_states_every_idiom() -> None:
    from golive_ci.lang import LanguageProfile

    for language in profiles().values():
        missing = [name for name in LanguageProfile.__slots__ if not hasattr(language, name)]
        assert not missing, (language.name, missing)
        assert language.minor_units_rounding and language.sdk_pin_example and language.catch_keyword


def test_derived_language_sets_follow_the_profiles() -> None:
    from golive_ci.lang import code_languages, ecosystem_profile
    from golive_ci.rules import RULES, load_rule
    from golive_ci.versions.facts import DYNAMIC_LANGUAGES, TYPED_LANGUAGES, program_of
    from golive_ci.versions.manifests import TYPED_ECOSYSTEMS

    assert code_languages() == set(profiles())
    assert {"go", "java", "csharp"} == TYPED_LANGUAGES
    assert code_languages() - TYPED_LANGUAGES == DYNAMIC_LANGUAGES
    assert {"go", "java", "dotnet"} == TYPED_ECOSYSTEMS
    assert program_of("tsx") == program_of("javascript") == "node" and program_of(None) == ""
    node = ecosystem_profile("node")
    assert node is not None and node.name == "javascript" and ecosystem_profile("cargo") is None
    for slug in RULES:
        languages = load_rule(slug).languages
        assert languages in (None, code_languages(), DYNAMIC_LANGUAGES), slug


def _string_constants(path: Path) -> set[str]:
    import ast

    return {
        node.value
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_rules_name_no_language() -> None:
    """Adding a language touches golive_ci/lang/ and its tests, never rules/ (issue 13)."""
    names = set(profiles()) | {language.sdk_ecosystem for language in profiles().values()}
    still_named = {
        # A stand-alone Python script (`if __name__ == "__main__"`) and the modules it imports.
        "unpinned_api_version.py": {"python"},
        # A go.mod `// indirect` requirement belongs to another module.
        "outdated_sdk.py": {"go"},
    }
    for path in sorted((ROOT / "golive_ci" / "rules").glob("*.py")):
        assert _string_constants(path) & names == still_named.get(path.name, set()), path.name


def test_the_language_scaffold_writes_every_idiom() -> None:
    import importlib.util

    from golive_ci.lang import LanguageProfile

    spec = importlib.util.spec_from_file_location("new_language", ROOT / "scripts" / "new_language.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    text = script.PROFILE_TEMPLATE.format(name="kotlin", suffixes=(".kt",))
    namespace: dict = {}
    exec(compile(text, "kotlin.py", "exec"), namespace)  # every keyword is required: a missing one fails here
    [kotlin] = namespace["PROFILES"]
    assert kotlin.name == "kotlin" and kotlin.suffixes == (".kt",)
    assert all(f"{field}=" in text for field in LanguageProfile.__slots__ if field not in ("name", "suffixes"))
