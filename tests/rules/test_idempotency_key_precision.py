"""Issue 11, class 8: idempotency-key says what really happens, and only a real key hides it."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding
from golive_ci.rules.idempotency_key import IdempotencyKeyRule
from golive_ci.sourcefile import SourceFile
from tests.rule_runner import check_text


def check(path: str, text: str) -> list[Finding]:
    return check_text(IdempotencyKeyRule, path, text)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.py", "import stripe\nstripe.PaymentIntent.create(amount=1, currency='eur', customer=c)\n"),
        (
            "a.py",
            "import stripe\nstripe.Subscription.create(customer=c, items=[{'price': p}],"
            " payment_behavior='default_incomplete')\n",
        ),
        ("a.ts", "const stripe = new Stripe(k);\nawait stripe.paymentIntents.create({ amount, currency });\n"),
    ],
)
def test_nothing_moves_so_no_money_moving_finding(path: str, text: str) -> None:
    assert check(path, text) == []


def test_confirmed_payment_intent_still_needs_a_key() -> None:
    [finding] = check("a.py", "import stripe\nstripe.PaymentIntent.create(amount=1, currency='eur', confirm=True)\n")
    assert "moves money without an idempotency key" in finding.message


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.py", "import stripe\n# TODO: idempotency\nstripe.Refund.create(payment_intent=pi)\n"),
        (
            "a.js",
            "const stripe = require('stripe')(k);\n// idempotency handled later\nstripe.refunds.create({ charge });\n",
        ),
        ("a.rb", "# see idempotency notes\nStripe::Refund.create(charge: c)\n"),
    ],
)
def test_a_comment_mentioning_idempotency_does_not_hide_the_finding(path: str, text: str) -> None:
    [finding] = check(path, text)
    assert "without an idempotency key" in finding.message


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.py", "import stripe, uuid\nstripe.Refund.create(payment_intent=pi, idempotency_key=str(uuid.uuid4()))\n"),
        (
            "a.py",
            "import stripe\nfrom uuid import uuid4\ndef f(pi):\n    key = str(uuid4())\n"
            "    stripe.Refund.create(payment_intent=pi, idempotency_key=key)\n",
        ),
        (
            "a.ts",
            "import { randomUUID } from 'crypto';\nconst stripe = new Stripe(k);\n"
            "await stripe.refunds.create({ charge }, { idempotencyKey: randomUUID() });\n",
        ),
        ("a.rb", "Stripe::Refund.create({ charge: c }, { idempotency_key: SecureRandom.uuid })\n"),
    ],
)
def test_a_fresh_random_key_is_a_warning_about_retries_of_your_code(path: str, text: str) -> None:
    [finding] = check(path, text)
    assert finding.severity.value == "warning"
    assert "fresh random idempotency key" in finding.message and "SDK's own network retries" in finding.message


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.py", "import stripe\nstripe.Refund.create(payment_intent=pi, idempotency_key='refund')\n"),
        (
            "a.js",
            "const stripe = require('stripe')(k);\nstripe.charges.create({ amount }, { idempotencyKey: 'charge' });\n",
        ),
    ],
)
def test_a_constant_key_is_a_warning(path: str, text: str) -> None:
    [finding] = check(path, text)
    assert finding.severity.value == "warning" and "same constant idempotency key" in finding.message


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.py", "import stripe\nstripe.Refund.create(payment_intent=pi, idempotency_key=f'refund-{order.id}')\n"),
        (
            "a.js",
            "const stripe = require('stripe')(k);\nstripe.refunds.create({ charge }, { idempotencyKey: `r-${id}` });\n",
        ),
        ("a.php", "<?php\n\\Stripe\\Refund::create(['charge' => $c], ['idempotency_key' => 'refund-' . $id]);\n"),
    ],
)
def test_a_key_derived_from_the_operation_is_fine(path: str, text: str) -> None:
    assert check(path, text) == []


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.py", "import stripe\nstripe.Invoice.pay('in_123')\n"),
        ("a.js", "const stripe = require('stripe')(k);\nawait stripe.invoices.pay(invoiceId);\n"),
        ("a.rb", "transaction = ::Stripe::Invoice.pay(invoice[:id]) if paid\n"),
        ("A.cs", "using Stripe;\nclass A { async Task F() { await _invoiceService.PayAsync(id, options); } }"),
    ],
)
def test_paying_an_invoice_cannot_pay_it_twice(path: str, text: str) -> None:
    assert check(path, text) == []


def test_card_error_handling_still_treats_invoice_pay_as_a_charge() -> None:
    from golive_ci.webhooks.payments import payment_calls

    [payment] = payment_calls(SourceFile.from_text("a.py", "import stripe\nstripe.Invoice.pay('in_123')\n"))
    assert payment.charges_a_card and not payment.moves_money
