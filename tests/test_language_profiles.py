"""golive_ci/lang/: a language is one module there, and rules that read profiles cover it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from golive_ci.lang import language_by_suffix, profile, profiles
from golive_ci.sourcefile import LANGUAGE_BY_SUFFIX

ROOT = Path(__file__).resolve().parent.parent

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


def scan_decline_tests(package_root: Path, project: Path) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "golive_ci", "scan", "--select", "decline-tests", "--format", "json", "."],
        cwd=project,
        env={"PYTHONPATH": str(package_root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


@pytest.fixture
def toy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "app.toy").write_text("use stripe\ncharge(order)\n")
    (project / "tests" / "app_test.toy").write_text("use stripe\nexpect charge(order) == ok\n")
    return project


def test_a_toy_language_added_through_lang_alone_is_covered_by_a_rule(tmp_path: Path, toy_project: Path) -> None:
    package_root = tmp_path / "package"
    shutil.copytree(ROOT / "golive_ci", package_root / "golive_ci", ignore=shutil.ignore_patterns("__pycache__"))
    assert scan_decline_tests(package_root, toy_project) == []  # without the profile: not Stripe code

    (package_root / "golive_ci" / "lang" / "toy.py").write_text(TOY_PROFILE)
    [finding] = scan_decline_tests(package_root, toy_project)
    assert finding["rule"] == "decline-tests"
    assert finding["path"] == "app.toy" and finding["line"] == 1
