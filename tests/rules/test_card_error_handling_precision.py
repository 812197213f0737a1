"""Issue 11, class 4: card-error-handling judges the calls that can decline, and helpers count."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding
from golive_ci.rules.card_error_handling import CardErrorHandlingRule
from tests.rule_runner import check_text


def check(path: str, text: str) -> list[Finding]:
    return check_text(CardErrorHandlingRule, path, text)


def wrapped(call: str) -> str:
    """``call`` inside a Python handler that turns every Stripe error into a 500."""
    return (
        "import stripe\n\n\ndef pay(c, pm, token):\n    try:\n"
        f"        result = {call}\n"
        "    except stripe.StripeError as e:\n        return {'error': 'server error'}, 500\n    return result\n"
    )


@pytest.mark.parametrize(
    "call",
    [
        "stripe.Subscription.create(customer=c, items=[], payment_behavior='default_incomplete')",
        "stripe.PaymentIntent.create(amount=1, currency='eur', customer=c)",
        "stripe.SetupIntent.create(customer=c, payment_method_types=['card'])",
        "stripe.Customer.create(email='a@example.invalid')",
    ],
)
def test_calls_that_cannot_decline_are_not_reported(call: str) -> None:
    assert check("billing.py", wrapped(call)) == []


@pytest.mark.parametrize(
    "call",
    [
        "stripe.PaymentIntent.create(amount=1, currency='eur', payment_method=pm, confirm=True)",
        "stripe.PaymentIntent.confirm('pi_1', payment_method=pm)",
        "stripe.SetupIntent.confirm('seti_1', payment_method=pm)",
        "stripe.Charge.create(amount=1, currency='eur', source=token)",
        "stripe.Customer.create(email='a@example.invalid', source=token)",
        "stripe.PaymentMethod.attach(pm, customer=c)",
        "stripe.Invoice.pay('in_1')",
    ],
)
def test_calls_that_can_decline_are_reported(call: str) -> None:
    [finding] = check("billing.py", wrapped(call))
    assert finding.line == 6 and "line 7" in finding.message


def test_node_attach_and_invoice_pay_are_reported() -> None:
    text = """
const stripe = require("stripe")(process.env.STRIPE_SECRET_KEY);
async function save(pm, customer) {
  try {
    await stripe.paymentMethods.attach(pm, { customer });
  } catch (err) {
    res.status(500).send("error");
  }
}
"""
    [finding] = check("save.js", text)
    assert "paymentMethods.attach" in finding.message


HELPER = """
import stripe


class Checkout:
    def pay(self, pm):
        try:
            return stripe.PaymentIntent.create(amount=1, currency="eur", payment_method=pm, confirm=True)
        except stripe.StripeError as e:
            return self._stripe_failure(e)

    def _stripe_failure(self, error):
        if isinstance(error, stripe.CardError):
            return {"error": error.user_message}, 402
        return {"error": "server error"}, 500
"""


def test_handing_the_error_to_a_helper_that_tests_the_card_error_counts_as_handled() -> None:
    assert check("checkout.py", HELPER) == []


def test_a_helper_that_does_not_test_the_card_error_does_not_count() -> None:
    text = HELPER.replace("isinstance(error, stripe.CardError)", "error.http_status == 429")
    [finding] = check("checkout.py", text)
    assert "treats a card error like any other error" in finding.message


def test_catching_only_invalid_request_errors_lets_card_errors_through() -> None:
    text = (
        "class SubscribeController\n  def create\n    ::Stripe::Invoice.pay(invoice_id)\n"
        "  rescue ::Stripe::InvalidRequestError => e\n    render_json_error e.message\n  end\nend\n"
    )
    assert check("subscribe_controller.rb", text) == []
