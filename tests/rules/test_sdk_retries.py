"""sdk-retries: retries switched off in every SDK, and SDK releases that retry nothing by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.sdk_retries import SdkRetriesRule
from tests.rule_runner import assert_docs_hold, check_files


def scan(files: dict[str, str], root: Path = Path("."), partial: bool = False) -> list[Finding]:
    return check_files(SdkRetriesRule, files, root=root, partial=partial)


ZERO = [
    ("app.py", "import stripe\nstripe.max_network_retries = 0\n"),
    ("app.py", "from stripe import StripeClient\nclient = StripeClient(key, max_network_retries=0)\n"),
    ("app.js", "const stripe = require('stripe')(key, { maxNetworkRetries: 0 });\n"),
    ("app.ts", "await stripe.refunds.create({ charge }, { maxNetworkRetries: 0 });\n"),
    ("app.rb", "Stripe.max_network_retries = 0\n"),
    ("app.php", "<?php\n\\Stripe\\Stripe::setMaxNetworkRetries(0);\n"),
    ("app.php", "<?php\n$stripe = new \\Stripe\\StripeClient(['api_key' => $k, 'max_network_retries' => 0]);\n"),
    (
        "main.go",
        'package main\nimport "github.com/stripe/stripe-go/v76"\n'
        "var b = stripe.GetBackendWithConfig(stripe.APIBackend,\n"
        "    &stripe.BackendConfig{MaxNetworkRetries: stripe.Int64(0)})\n",
    ),
    ("App.java", "import com.stripe.Stripe;\nclass App { static { Stripe.setMaxNetworkRetries(0); } }\n"),
    ("App.cs", "using Stripe;\nclass App { void F() { StripeConfiguration.MaxNetworkRetries = 0; } }\n"),
]


@pytest.mark.parametrize(("path", "text"), ZERO)
def test_retries_switched_off_are_reported(path: str, text: str) -> None:
    findings = scan({path: text})
    assert len(findings) == 1, findings
    assert findings[0].severity is Severity.INFO and findings[0].checklist == "error-handling"
    assert "retries off" in findings[0].message


ON = [
    ("app.py", "import stripe\nstripe.max_network_retries = 2\n"),
    ("app.py", "import stripe\n# stripe.max_network_retries = 0\n"),
    ("app.js", "const stripe = require('stripe')(key, { maxNetworkRetries: 10 });\n"),
    ("app.rb", "Stripe.max_network_retries = 3\n"),
    ("app.php", "<?php\n\\Stripe\\Stripe::setMaxNetworkRetries(2);\n"),
    ("main.go", "package main\nvar c = &stripe.BackendConfig{MaxNetworkRetries: stripe.Int64(2)}\n"),
    ("App.java", "import com.stripe.Stripe;\nclass App { static { Stripe.setMaxNetworkRetries(2); } }\n"),
    ("App.cs", "using Stripe;\nclass App { void F() { StripeConfiguration.MaxNetworkRetries = 0.5 > 1 ? 2 : 3; } }\n"),
    ("tests/test_app.py", "import stripe\nstripe.max_network_retries = 0\n"),
]


@pytest.mark.parametrize(("path", "text"), ON)
def test_retries_left_on_are_quiet(path: str, text: str) -> None:
    assert scan({path: text}) == []


PY_CLIENT = "import os\nimport stripe\nstripe.api_key = os.environ['STRIPE_SECRET_KEY']\n"
NODE_CLIENT = "import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n"


@pytest.mark.parametrize(
    ("manifest", "text", "code_path", "code", "expected"),
    [
        ("requirements.txt", "stripe==10.12.0\n", "billing.py", PY_CLIENT, 1),
        ("requirements.txt", "stripe==11.0.0\n", "billing.py", PY_CLIENT, 0),
        ("requirements.txt", "stripe==10.12.0\n", "billing.py", PY_CLIENT + "stripe.max_network_retries = 2\n", 0),
        ("package.json", '{"dependencies": {"stripe": "12.18.0"}}', "stripe.ts", NODE_CLIENT, 1),
        ("package.json", '{"dependencies": {"stripe": "^14.0.0"}}', "stripe.ts", NODE_CLIENT, 0),
        ("package.json", '{"devDependencies": {"stripe": "12.0.0"}}', "stripe.ts", NODE_CLIENT, 0),
    ],
)
def test_old_sdks_without_the_option_are_reported_at_the_client(
    tmp_path: Path, manifest: str, text: str, code_path: str, code: str, expected: int
) -> None:
    findings = scan({manifest: text, code_path: code}, root=tmp_path)
    assert len(findings) == expected, findings
    if expected:
        assert findings[0].path == code_path and "by default" in findings[0].message


def test_old_sdk_default_needs_the_whole_repository(tmp_path: Path) -> None:
    files = {"requirements.txt": "stripe==10.12.0\n", "billing.py": PY_CLIENT}
    assert scan(files, root=tmp_path, partial=True) == []
    assert scan({"billing.py": PY_CLIENT}, root=tmp_path) == []  # no manifest: nothing assumed


def test_setting_in_another_file_of_the_program_counts(tmp_path: Path) -> None:
    files = {
        "package.json": '{"dependencies": {"stripe": "12.18.0"}}',
        "stripe.ts": NODE_CLIENT,
        "config.js": "module.exports = { stripe: { maxNetworkRetries: 3 } };\n",
    }
    assert scan(files, root=tmp_path) == []


def test_docs_example_fires_and_fix_is_quiet() -> None:
    assert_docs_hold(SdkRetriesRule, lambda path, code: scan({path: code}))
