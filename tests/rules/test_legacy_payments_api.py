"""legacy-payments-api: Charges with tokens/sources, Sources and legacy Stripe.js calls, per language."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.legacy_payments_api import LegacyPaymentsApiRule
from tests.rule_runner import assert_docs_hold, check_text


def check(path: str, text: str) -> list[Finding]:
    return check_text(LegacyPaymentsApiRule, path, text)


LEGACY = [
    ("pay.py", "import stripe\nstripe.Charge.create(amount=100, currency='eur', source=token)\n", "Charges"),
    (
        "pay.py",
        "import stripe\ndef pay(tok):\n    params = {'amount': 1, 'currency': 'eur', 'source': tok}\n"
        "    return stripe.Charge.create(**params)\n",
        "Charges",
    ),
    ("pay.py", "import stripe\nstripe.Source.create(type='sofort', amount=1, currency='eur')\n", "Sources"),
    (
        "pay.js",
        "const stripe = require('stripe')(k);\nawait stripe.charges.create({ amount, currency, source });\n",
        "Charges",
    ),
    (
        "pay.js",
        "const stripe = require('stripe')(k);\nawait stripe.customers.createSource(id, { source: tok });\n",
        "Sources",
    ),
    (
        "checkout.js",
        "const stripe = Stripe(pk);\nconst { token } = await stripe.createToken(card);\n",
        "Payment Element",
    ),
    (
        "checkout.tsx",
        "const s = await loadStripe(pk);\nawait s!.redirectToCheckout({ sessionId });\n",
        "Checkout Session",
    ),
    ("pay.jsx", "this.props.stripe.handleCardPayment(secret, card);\n// stripe\n", "confirmPayment"),
    ("v2.js", "// stripe v2\nStripe.card.createToken($form, handler);\n", "Payment Element"),
    ("pay.ts", "const stripe = useStripe();\nawait stripe.createSource(card, { type: 'card' });\n", "Sources"),
    ("pay.rb", "Stripe::Charge.create(amount: 100, currency: 'eur', source: params[:stripeToken])\n", "Charges"),
    (
        "pay.php",
        "<?php\n\\Stripe\\Charge::create(['amount' => 100, 'currency' => 'eur', 'source' => $token]);\n",
        "Charges",
    ),
    (
        "pay.go",
        'package pay\nimport (\n\t"github.com/stripe/stripe-go/v72"\n\t"github.com/stripe/stripe-go/v72/charge"\n)\n'
        "func Pay(tok string) {\n\tparams := &stripe.ChargeParams{Amount: stripe.Int64(100)}\n"
        "\tparams.SetSource(tok)\n\tcharge.New(params)\n}\n",
        "Charges",
    ),
    (
        "Pay.java",
        "import com.stripe.model.Charge;\nclass Pay { void f(String tok) throws Exception {\n"
        "  ChargeCreateParams p = ChargeCreateParams.builder().setAmount(100L).setSource(tok).build();\n"
        "  Charge.create(p); } }\n",
        "Charges",
    ),
    (
        "Pay.cs",
        "using Stripe;\nclass Pay { void F(string tok) {\n"
        '  var options = new ChargeCreateOptions { Amount = 100, Currency = "eur", Source = tok };\n'
        "  new ChargeService().Create(options); } }\n",
        "Charges",
    ),
]


@pytest.mark.parametrize(("path", "text", "migration"), LEGACY)
def test_legacy_calls_are_reported_with_the_migration_path(path: str, text: str, migration: str) -> None:
    findings = check(path, text)
    assert len(findings) == 1, findings
    assert findings[0].severity is Severity.INFO and findings[0].checklist == "error-handling"
    assert migration in findings[0].message


QUIET = [
    # PaymentIntents and Checkout Sessions
    ("pay.py", "import stripe\nstripe.PaymentIntent.create(amount=1, currency='eur', payment_method=pm)\n"),
    # a Charge for a customer's default payment method carries no token or source in the call
    ("pay.py", "import stripe\nstripe.Charge.create(amount=1, currency='eur', customer=cus, description=src)\n"),
    ("pay.js", "const stripe = Stripe(pk);\nawait stripe.confirmPayment({ elements, confirmParams });\n"),
    # createToken of other libraries
    ("auth.js", "// stripe elsewhere\nconst t = await csrf.createToken(secret);\njwt.createToken(user);\n"),
    ("pay.ts", "import Stripe from 'stripe';\nconst t = await this.braintree.createToken({});\n"),
    ("pay.ts", "// stripe\nawait this.paymentService.createToken(card);\n"),
    # Connect account, person and PII tokens are current
    ("onboard.js", "const stripe = Stripe(pk);\nawait stripe.createToken('account', { business_type });\n"),
    ("onboard.ts", "const stripe = Stripe(pk);\nawait stripe.createToken('bank_account', { country });\n"),
    # an application's own wrapper around Stripe.js is not Stripe.js
    ("form.js", "var stripe = Stripe(key);\nwc_stripe_form.createSource();\nthis.stripeService.createToken(el);\n"),
    ("pay.rb", "Stripe::PaymentIntent.create(amount: 100, currency: 'eur', payment_method: pm)\n"),
    ("pay.php", "<?php\n\\Stripe\\PaymentIntent::create(['amount' => 100, 'source' => 'web']);\n"),
    (
        "pay.go",
        'package pay\nimport "github.com/stripe/stripe-go/v72/paymentintent"\n'
        "func Pay() { paymentintent.New(&stripe.PaymentIntentParams{}) }\n",
    ),
    ("Pay.java", "import com.stripe.model.Charge;\nclass P { void f() throws Exception { Charge.retrieve(id); } }\n"),
    ("Pay.cs", "using Stripe;\nclass P { void F() { new ChargeService().Get(id); } }\n"),
    # test files
    ("tests/test_pay.py", "import stripe\nstripe.Charge.create(amount=1, currency='eur', source='tok_visa')\n"),
    ("checkout.test.js", "const stripe = Stripe(pk);\nawait stripe.createToken(card);\n"),
]


@pytest.mark.parametrize(("path", "text"), QUIET)
def test_current_apis_and_other_libraries_are_quiet(path: str, text: str) -> None:
    assert check(path, text) == []


def test_docs_example_fires_and_fix_is_quiet() -> None:
    assert_docs_hold(LegacyPaymentsApiRule, check)
