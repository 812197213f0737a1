"""decline-tests: repository-wide, decided after every file; quiet in the pre-commit hook."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.engine import scan
from golive_ci.findings import Finding, Severity

APP = "import os\nimport stripe\n\nstripe.PaymentIntent.create(amount=1000, currency='usd', confirm=True)\n"
HAPPY_TEST = "def test_pay(client):\n    assert client.post('/pay', data={'payment_method': 'pm_card_visa'}).ok\n"


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def run(root: Path, *, partial: bool = False, config: Config | None = None) -> list[Finding]:
    report = scan([root], root, config or Config(), select=["decline-tests"], partial=partial)
    return report.findings


def test_happy_path_only_tests_are_reported_once_at_the_first_stripe_file(tmp_path: Path) -> None:
    write(tmp_path, {"app/payments.py": APP, "app/refunds.py": APP, "tests/test_pay.py": HAPPY_TEST})
    findings = run(tmp_path)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.path, finding.line, finding.column) == ("app/payments.py", 2, 1)
    assert finding.severity is Severity.INFO and finding.checklist == "edge-cases"
    assert "1 other file(s)" in finding.message and "1 test file(s)" in finding.message
    assert "pm_card_visa_chargeDeclined" in finding.message
    assert finding.details == {"stripe_files": 2, "test_files": 1}


def test_no_test_files_at_all_is_reported_as_such(tmp_path: Path) -> None:
    write(tmp_path, {"payments.py": APP})
    [finding] = run(tmp_path)
    assert "no test files" in finding.message


@pytest.mark.parametrize(
    ("test_path", "test_text"),
    [
        ("tests/test_pay.py", "PM = 'pm_card_visa_chargeDeclined'\n"),
        ("tests/test_pay.py", "PM = 'pm_card_chargeDeclinedExpiredCard'\n"),
        ("spec/pay_spec.rb", "let(:token) { 'tok_chargeDeclined' }\n"),
        ("test/pay.test.js", "await pay({ paymentMethod: 'pm_card_visa_chargeDeclinedInsufficientFunds' });\n"),
        ("cypress/e2e/checkout.cy.ts", "cy.get('#card').type('4000 0000 0000 0002');\n"),
        ("tests/test_pay.py", "CARD = '4000-0000-0000-9995'\n"),
        ("tests/test_pay.py", "CARD = '4000000000000127'  # incorrect CVC\n"),
        ("tests/test_pay.py", "mock.side_effect = stripe.error.CardError('declined', 'number', 'card_declined')\n"),
        ("payments_test.go", 'err := &stripe.Error{Code: "card_declined", Type: "card_error"}\n'),
        ("src/test/java/PayTest.java", "assertThrows(CardException.class, () -> pay());\n"),
        ("Tests/PayTests.cs", 'Assert.ThrowsAsync<StripeException>(() => Pay("invalid_expiry_month"));\n'),
        ("tests/test_pay.py", "params = {'exp_month': 13}\nassert error.code == 'invalid_expiry_month'\n"),
        ("tests/test_pay.py", "with pytest.raises(stripe.error.IdempotencyError):\n    pay()\n"),
        ("features/checkout.feature", 'When I pay with card "4000000000009995"\n'),
        ("tests/test_pay.py", "card = {'number': '4242424242424242', 'exp_month': 13, 'exp_year': 2030}\n"),
        ("spec/pay_spec.rb", "post '/pay', params: { card: { cvc: '99' } }\n"),
        ("test/pay.test.js", "await pay({ idempotencyKey: key }); await pay({ idempotencyKey: key });\n"),
        ("tests/PayTest.php", "$this->post('/pay', ['exp_month' => 13]);\n"),
    ],
)
def test_any_failure_path_in_a_test_file_satisfies_the_rule(tmp_path: Path, test_path: str, test_text: str) -> None:
    write(tmp_path, {"app.py": APP, "tests/test_happy.py": HAPPY_TEST, test_path: test_text})
    assert run(tmp_path) == []


@pytest.mark.parametrize(
    "test_text",
    [
        "card = {'exp_month': 12, 'cvc': '123'}\n",
        "card = {'exp_month': 130}\n",
        "assert order.number == 99\n",
        "pay(cvc='999')\n",
    ],
)
def test_valid_card_data_is_not_mistaken_for_invalid_data(tmp_path: Path, test_text: str) -> None:
    write(tmp_path, {"app.py": APP, "tests/test_pay.py": test_text})
    assert len(run(tmp_path)) == 1


def test_decline_values_outside_test_files_do_not_count(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app.py": APP + "DEMO_DECLINE = 'pm_card_visa_chargeDeclined'\n",
            "docs/testing.md": "Use 4000 0000 0000 0002 to test declines.\n",
            "tests/test_pay.py": HAPPY_TEST,
        },
    )
    assert len(run(tmp_path)) == 1


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("server.js", "const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\n"),
        ("src/pay.ts", "import Stripe from 'stripe';\n"),
        ("app/models/order.rb", "require 'stripe'\n"),
        ("app/Http/Pay.php", "<?php\n$stripe = new \\Stripe\\StripeClient(getenv('STRIPE_SECRET_KEY'));\n"),
        ("pay.go", 'package pay\n\nimport "github.com/stripe/stripe-go/v82"\n'),
        ("src/main/java/Pay.java", "import com.stripe.model.PaymentIntent;\n"),
        ("Pay.cs", "using Stripe;\n"),
    ],
)
def test_stripe_code_is_recognised_in_every_language(tmp_path: Path, path: str, text: str) -> None:
    write(tmp_path, {path: text})
    [finding] = run(tmp_path)
    assert finding.path == path


def test_repositories_without_stripe_code_are_not_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "README.md": "We use `import stripe` in the examples.\n",
            "app.py": "import requests\n# stripe is a pattern on the page\n",
            "tests/test_app.py": "import stripe  # tests may mock it\n",
        },
    )
    assert run(tmp_path) == []


def test_not_reported_from_a_partial_hook_run(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": APP, "tests/test_pay.py": HAPPY_TEST})
    assert run(tmp_path, partial=True) == []
    assert len(run(tmp_path)) == 1


def test_extra_test_paths_option(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": APP, "qa/checkout_flows.py": "CARD = 'pm_card_visa_chargeDeclined'\n"})
    assert len(run(tmp_path)) == 1
    config = Config(rules={"decline-tests": {"test-paths": ["qa/*"]}})
    assert run(tmp_path, config=config) == []


def test_the_pre_commit_hook_never_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from golive_ci.hooks.stripe_golive import main

    write(tmp_path, {"app.py": APP, "tests/test_pay.py": HAPPY_TEST})
    monkeypatch.chdir(tmp_path)
    assert main(["--select", "decline-tests", "app.py", "tests/test_pay.py"]) == 0
    assert "decline-tests" not in capsys.readouterr().out
    assert len(run(tmp_path)) == 1  # the same files, scanned as a whole repository
