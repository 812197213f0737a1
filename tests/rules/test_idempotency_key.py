"""idempotency-key: money-moving creates per SDK style and language, and the calls that must stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.config import Config
from golive_ci.findings import Finding
from golive_ci.rules.base import RuleContext
from golive_ci.rules.idempotency_key import IdempotencyKeyRule
from golive_ci.sourcefile import SourceFile
from tests import paths
from tests.rule_runner import check_text

FIXTURES = paths.FIXTURES / "payments"


def check(path: str, text: str) -> list[Finding]:
    return check_text(IdempotencyKeyRule, path, text)


# fixture -> lines of the calls sent without a key (every other create in the file has one or may have one)
EXPECTED = {
    "flask_checkout.py": {14, 45, 68},
    "express_checkout.js": {31},
    "rails_payments_controller.rb": {13},
    "laravel_payment_controller.php": {43},
    "go_payments.go": {47},
    "PaymentService.java": {34},
    "CheckoutController.cs": {51},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name: str) -> None:
    findings = check(name, (FIXTURES / name).read_text())
    assert {f.line for f in findings} == EXPECTED[name]
    assert all(f.checklist == "edge-cases" and "idempotency" in f.message for f in findings)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.py", "import stripe\nstripe.Transfer.create(amount=1, currency='usd', destination=acct)\n"),
        ("a.py", "import stripe\nstripe.Payout.create(amount=1, currency='usd')\n"),
        ("a.ts", "const client = new Stripe(k);\nawait client.subscriptions.create({ customer });\n"),
        ("a.rb", "client = Stripe::StripeClient.new(k)\nclient.v1.refunds.create({ charge: id })\n"),
        ("a.php", "<?php\n\\Stripe\\Transfer::create(['amount' => 1, 'currency' => 'usd']);\n"),
        ("a.go", 'package a\nimport "github.com/stripe/stripe-go/v82/payout"\nfunc f() { p := &P{}; payout.New(p) }\n'),
        ("A.cs", "using Stripe;\nclass A { void F() { var s = new TransferService(); s.Create(o); } }"),
        # Ruby keyword arguments are the params hash, not the options (seen in real controllers)
        ("a.rb", "Stripe::Charge.create(:amount => 500, :currency => 'eur', :description => 'x')\n"),
        # stripe-go imported without a major version suffix (old code)
        (
            "a.go",
            'package a\nimport "github.com/stripe/stripe-go/paymentintent"\n'
            "func f() { p.Confirm = stripe.Bool(true); paymentintent.New(p) }\n",
        ),
    ],
)
def test_missing_key_in_each_sdk_style(path: str, text: str) -> None:
    assert len(check(path, text)) == 1


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.py", "Order.objects.create(total=1)\nstripe.Customer.create(email=e)\n"),  # not money-moving
        ("a.py", "import stripe\nstripe.PaymentIntent.create(amount=1, idempotency_key=key)\n"),
        ("a.js", "db.charges.create({ amount: 1 });\nthis.subscriptions.create({ plan });\n"),  # not Stripe
        ("a.js", "const opts = { idempotencyKey: k };\nstripe.charges.create({ amount: 1 }, opts);\n"),
        ("a.rb", "Charge.create(amount: 1)\nSubscription.create(user: u)\n"),  # ActiveRecord models
        ("a.php", "<?php\n$this->payouts->create(['amount' => 1]);\n"),  # an app repository, not the client
        ("a.go", "package a\nfunc f() { charge.New(p) }\n"),  # no stripe-go import
        ("a.py", "import stripe\nstripe.PaymentIntent.confirm('pi_1')\n"),  # confirm is not a create
        ("A.cs", "using Stripe;\nclass A { void F() { new RefundService().Create(o, requestOptions: ro); } }"),
        ("a.rb", "Stripe::Refund.create({ charge: id }, opts)\n"),
        ("tests/test_pay.py", "import stripe\nstripe.Refund.create(charge='ch_1')\n"),  # test files skipped
        ("A.cs", "class A { void F() { var s = new TransferService(); s.Create(o); } }"),  # never names Stripe
    ],
)
def test_quiet_cases(path: str, text: str) -> None:
    assert check(path, text) == []


def test_parse_error_is_a_notice() -> None:
    from golive_ci import engine
    from golive_ci.findings import Report

    rule = IdempotencyKeyRule(RuleContext(root=Path("."), config=Config()))
    report = Report()
    engine.run_rules(SourceFile.from_text("x.py", "stripe.Refund.create(\n"), [rule], rule.context, report)
    assert report.findings == []
    [notice] = rule.context.notices
    assert notice.path == "x.py" and notice.message.startswith("not checked: could not parse Python source")
