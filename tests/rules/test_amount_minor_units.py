"""amount-minor-units: `* 100` amounts without rounding or for zero-decimal currencies, per language."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.amount_minor_units import AmountMinorUnitsRule
from tests.rule_runner import assert_docs_hold, check_files


def scan(files: dict[str, str], partial: bool = False) -> list[Finding]:
    return check_files(AmountMinorUnitsRule, files, partial=partial)


UNROUNDED = [
    (
        "pay.py",
        "import stripe\nstripe.PaymentIntent.create(amount=float(request.form['price']) * 100, currency='eur')\n",
    ),
    (
        "pay.py",
        "import stripe\ndef pay(order):\n    amount = float(order.total) * 100\n"
        "    return stripe.PaymentIntent.create(amount=amount, currency='eur')\n",
    ),
    (
        "pay.js",
        "const stripe = require('stripe')(k);\n"
        "stripe.paymentIntents.create({ amount: price * 100, currency: 'usd' });\n",
    ),
    (
        "pay.ts",
        "import Stripe from 'stripe';\nconst amount = parseInt(cart.total * 100);\n"
        "await stripe.paymentIntents.create({ amount, currency: 'usd' });\n",
    ),
    (
        "pay.rb",
        "Stripe::Checkout::Session.create(line_items: [{ price_data: { currency: 'usd',\n"
        "  unit_amount: (item.price.to_f * 100).to_i } }])\n",
    ),
    (
        "pay.php",
        "<?php\n\\Stripe\\PaymentIntent::create(['amount' => (int)($order->total * 100), 'currency' => 'eur']);\n",
    ),
    (
        "pay.go",
        'package pay\nimport "github.com/stripe/stripe-go/v76"\ntype Item struct { Price float64 }\n'
        "func P(i Item) { _ = &stripe.PaymentIntentParams{Amount: stripe.Int64(int64(i.Price * 100))} }\n",
    ),
    (
        "Pay.java",
        "import com.stripe.model.PaymentIntent;\nclass Pay { double price;\n"
        "  void f() { PaymentIntentCreateParams.builder().setAmount((long) (price * 100)).build(); } }\n",
    ),
    (
        "Pay.cs",
        "using Stripe;\nclass Pay { public double Price { get; set; }\n"
        '  void F() { var o = new PaymentIntentCreateOptions { Amount = (long)(Price * 100), Currency = "usd" }; } }\n',
    ),
]


@pytest.mark.parametrize(("path", "text"), UNROUNDED)
def test_unrounded_float_amounts_are_reported(path: str, text: str) -> None:
    findings = scan({path: text})
    assert len(findings) == 1, findings
    assert findings[0].severity is Severity.WARNING and findings[0].checklist == "edge-cases"
    assert "without rounding" in findings[0].message


QUIET = [
    ("pay.py", "import stripe\nstripe.PaymentIntent.create(amount=int(round(float(price) * 100)), currency='eur')\n"),
    # Django/Rails money is Decimal: int()/to_i of it times 100 is exact
    ("pay.py", "import stripe\nstripe.PaymentIntent.create(amount=int(order.total * 100), currency='eur')\n"),
    ("pay.py", "import stripe\nstripe.Price.create(unit_amount=plan.months * 100, currency='eur')\n"),
    # a Decimal or integer price (unknown type) is left alone in Python and Ruby
    (
        "pay.py",
        "import stripe\ndef pay(order):\n    amount = order.total * 100\n    stripe.Charge.create(amount=amount)\n",
    ),
    ("pay.rb", "def create_price(amount)\n  ::Stripe::Price.create(unit_amount: amount * 100, currency: 'usd')\nend\n"),
    # an amount for another API in a file that also uses Stripe
    ("sale.ts", "import { stripeId } from './ids';\nawait trackSale({ amount: Number(props.amount) * 100 });\n"),
    ("form.tsx", "// stripe coupon\nconst label = format({ amount: type === 'flat' ? amount * 100 : amount });\n"),
    (
        "sheet.tsx",
        "function Sheet() {\n  setUseStripeCoupon(true);\n"
        "  return save({ amount: type === 'flat' ? amount * 100 : amount });\n}\n",
    ),
    ("pay.py", "import stripe\nstripe.PaymentIntent.create(amount=5 * 100, currency='eur')\n"),
    ("pay.py", "import stripe\nprogress = done / total * 100\nstripe.Charge.list()\n"),
    (
        "pay.js",
        "const stripe = require('stripe')(k);\nstripe.paymentIntents.create({ amount: Math.round(price * 100) });\n",
    ),
    (
        "pay.js",
        "const stripe = require('stripe')(k);\nconst width = price * 100;\nstripe.paymentIntents.create({ amount });\n",
    ),
    ("pay.js", "// amount: price * 100\nconst stripe = require('stripe')(k);\n"),
    ("pay.js", "paypal.orders.create({ amount: price * 100 });\n"),  # no Stripe in the file
    ("pay.rb", "Stripe::PaymentIntent.create(amount: (order.total * 100).to_i, currency: 'usd')\n"),
    (
        "pay.php",
        "<?php\n\\Stripe\\PaymentIntent::create(['amount' => (int) round($total * 100), 'currency' => 'eur']);\n",
    ),
    (
        "pay.go",
        'package pay\nimport "github.com/stripe/stripe-go/v76"\ntype Item struct { Price int64 }\n'
        "func P(i Item) { _ = &stripe.PaymentIntentParams{Amount: stripe.Int64(int64(i.Price * 100))} }\n",
    ),
    (
        "Pay.java",
        "import com.stripe.model.PaymentIntent;\nclass Pay { double price;\n"
        "  void f() { PaymentIntentCreateParams.builder().setAmount(Math.round(price * 100)).build(); } }\n",
    ),
    (
        "Pay.cs",
        "using Stripe;\nclass Pay { public decimal Price { get; set; }\n"
        '  void F() { var o = new PaymentIntentCreateOptions { Amount = (long)(Price * 100), Currency = "usd" }; } }\n',
    ),
    ("tests/test_pay.py", "import stripe\nstripe.PaymentIntent.create(amount=float(p) * 100, currency='eur')\n"),
]


@pytest.mark.parametrize(("path", "text"), QUIET)
def test_rounded_integer_and_unrelated_multiplications_are_quiet(path: str, text: str) -> None:
    assert scan({path: text}) == []


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("pay.py", "import stripe\nstripe.PaymentIntent.create(amount=round(price * 100), currency='jpy')\n"),
        ("pay.js", "stripe.paymentIntents.create({\n  amount: Math.round(price * 100),\n  currency: 'JPY',\n});\n"),
        ("pay.rb", "Stripe::PaymentIntent.create(amount: (price * 100).round, currency: 'krw')\n"),
        ("pay.php", "<?php\n$stripe->paymentIntents->create(['amount' => round($p * 100), 'currency' => 'jpy']);\n"),
        (
            "pay.go",
            "package p\n// stripe\nvar p = stripe.PaymentIntentParams{Amount: stripe.Int64(n * 100),\n"
            '  Currency: stripe.String("jpy")}\n',
        ),
        ("P.java", '// stripe\nclass P { void f() { b.setAmount(n * 100).setCurrency("jpy"); } }\n'),
        (
            "P.cs",
            "// Stripe\nclass P { void F() {\n"
            '  var o = new PaymentIntentCreateOptions { Amount = n * 100, Currency = "jpy" }; } }\n',
        ),
    ],
)
def test_zero_decimal_currency_is_reported(path: str, text: str) -> None:
    findings = scan({path: text})
    assert len(findings) == 1, findings
    assert "zero-decimal" in findings[0].message


VARIABLE = "import stripe\nstripe.PaymentIntent.create(amount=round(price * 100), currency=order.currency)\n"


def test_variable_currency_needs_zero_decimal_handling_somewhere() -> None:
    assert len(scan({"pay.py": VARIABLE})) == 1
    assert scan({"pay.py": VARIABLE, "money.py": "ZERO_DECIMAL = {'jpy', 'krw'}\n"}) == []
    assert scan({"pay.py": VARIABLE}, partial=True) == []  # other files unseen: not assumed
    fixed = VARIABLE.replace("order.currency", "settings.STRIPE_CURRENCY")
    assert scan({"pay.py": fixed}) == []


def test_docs_example_fires_and_fix_is_quiet() -> None:
    assert_docs_hold(AmountMinorUnitsRule, lambda path, code: scan({path: code}))
