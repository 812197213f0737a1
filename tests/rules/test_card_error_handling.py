"""card-error-handling: blind handlers around card-charging calls, per language, and the handled cases."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding
from golive_ci.rules.card_error_handling import CardErrorHandlingRule
from tests import paths
from tests.rule_runner import check_text

FIXTURES = paths.FIXTURES / "payments"


def check(path: str, text: str) -> list[Finding]:
    return check_text(CardErrorHandlingRule, path, text)


# fixture -> {line of the payment call: line of the blind handler}
EXPECTED = {
    "flask_checkout.py": {14: 20},
    "express_checkout.js": {9: 13, 49: 52},
    "rails_payments_controller.rb": {3: 8},
    "laravel_payment_controller.php": {17: 23},
    "go_payments.go": {21: 22},
    "PaymentService.java": {17: 18},
    "CheckoutController.cs": {24: 27},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name: str) -> None:
    findings = check(name, (FIXTURES / name).read_text())
    assert {f.line: int(f.message.split("at line ")[1].split()[0]) for f in findings} == EXPECTED[name]
    assert all(f.checklist == "error-handling" for f in findings)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # no handling here: the caller decides
        ("a.py", "import stripe\ndef f():\n    return stripe.Charge.create(amount=1, currency='usd', source=t)\n"),
        # only a specific non-card error is caught: card errors propagate
        (
            "a.py",
            "import stripe\ndef f():\n    try:\n        stripe.Charge.create(amount=1)\n"
            "    except stripe.RateLimitError:\n        retry()\n",
        ),
        # the card case is handled through the error's code
        (
            "a.rb",
            "begin\n  Stripe::Charge.create(amount: 1)\nrescue Stripe::StripeError => e\n"
            "  e.code == 'card_declined' ? decline(e) : fail_hard(e)\nend\n",
        ),
        # a PaymentIntent create without confirm cannot be declined
        ("a.js", "try { await stripe.paymentIntents.create({ amount }); } catch (e) { res.status(500).end(); }"),
        # Go error handed to the caller
        (
            "a.go",
            'package a\nimport "github.com/stripe/stripe-go/v82/charge"\n'
            "func f() error { _, err := charge.New(p)\nif err != nil { return err }\nreturn nil }\n",
        ),
        ("tests/test_pay.py", "try:\n    stripe.Charge.create(amount=1)\nexcept Exception:\n    pass\n"),
    ],
)
def test_quiet_cases(path: str, text: str) -> None:
    assert check(path, text) == []


def test_swallowed_subscription_create_in_python() -> None:
    text = (
        "import stripe\ndef f(c):\n    try:\n        stripe.Subscription.create(customer=c, items=[])\n"
        "    except Exception as e:\n        return {'error': str(e)}\n"
    )
    findings = check("a.py", text)
    assert [f.line for f in findings] == [4]
    assert "stripe.CardError" in findings[0].message


def test_typescript_route_handler() -> None:
    blind = """
import Stripe from "stripe";
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(req: Request) {
  const { intentId } = await req.json();
  try {
    const intent = await stripe.paymentIntents.confirm(intentId);
    return Response.json({ status: intent.status });
  } catch (e) {
    return Response.json({ error: "Server error" }, { status: 500 });
  }
}
"""
    findings = check("app/api/pay/route.ts", blind)
    assert [f.line for f in findings] == [7]
    assert "StripeCardError" in findings[0].message
    handled = blind.replace(
        '    return Response.json({ error: "Server error" }',
        "    if (e instanceof Stripe.errors.StripeCardError)\n"
        "      return Response.json({ error: e.message }, { status: 402 });\n"
        '    return Response.json({ error: "Server error" }',
    )
    assert check("app/api/pay/route.ts", handled) == []


def test_rethrowing_handler_is_left_to_the_caller() -> None:
    text = """
const stripe = require('stripe')(key);
async function pay(id) {
  try {
    return await stripe.paymentIntents.confirm(id);
  } catch (err) {
    logger.error(err);
    throw err;
  }
}
"""
    assert check("pay.js", text) == []
