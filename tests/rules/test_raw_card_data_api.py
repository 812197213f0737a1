"""raw-card-data-api: raw card numbers sent to Stripe, per language, and the calls that must stay quiet."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.raw_card_data_api import RawCardDataApiRule
from tests.rule_runner import assert_docs_hold, check_text


def check(path: str, text: str) -> list[Finding]:
    return check_text(RawCardDataApiRule, path, text)


RAW = [
    (
        "pay.py",
        "import stripe\n"
        "def tok(form):\n"
        "    return stripe.Token.create(card={'number': form.number, 'exp_month': form.m, 'exp_year': form.y})\n",
    ),
    (
        "pay.py",
        "import stripe\n"
        "def pm(n, m, y):\n"
        "    card = {'number': n, 'exp_month': m, 'exp_year': y}\n"
        "    return stripe.PaymentMethod.create(type='card', card=card)\n",
    ),
    (
        "pay.py",
        "from stripe import StripeClient\nclient = StripeClient(key)\n"
        "client.v1.payment_intents.create(params={'amount': 100, 'currency': 'usd', 'confirm': True,\n"
        "    'payment_method_data': {'type': 'card', 'card': {'number': n, 'exp_month': m, 'exp_year': y}}})\n",
    ),
    (
        "pay.js",
        "const stripe = require('stripe')(key);\n"
        "await stripe.paymentMethods.create({ type: 'card', card: { number, exp_month, exp_year, cvc } });\n",
    ),
    (
        "pay.ts",
        "import Stripe from 'stripe';\nconst s = new Stripe(key);\n"
        "export const t = () => s.tokens.create({ card: { number: body.number, exp_month: body.expMonth } });\n",
    ),
    ("pay.rb", "Stripe::Token.create(card: { number: params[:number], exp_month: 12, exp_year: 2030 })\n"),
    (
        "pay.rb",
        "Stripe::Source.create(type: 'card', card: { :number => n, :exp_month => m, :exp_year => y })\n",
    ),
    (
        "pay.php",
        "<?php\n\\Stripe\\Token::create(['card' => ['number' => $n, 'exp_month' => $m, 'exp_year' => $y]]);\n",
    ),
    (
        "pay.php",
        "<?php\n$stripe = new \\Stripe\\StripeClient($key);\n"
        "$stripe->paymentMethods->create(['type' => 'card', 'card' => ['number' => $n, 'exp_month' => $m]]);\n",
    ),
    (
        "pay.go",
        'package pay\nimport (\n\t"github.com/stripe/stripe-go/v76"\n\t"github.com/stripe/stripe-go/v76/token"\n)\n'
        "func Tok(n, m string) {\n\tparams := &stripe.TokenParams{Card: &stripe.CardParams{Number: stripe.String(n),"
        " ExpMonth: stripe.String(m)}}\n\ttoken.New(params)\n}\n",
    ),
    (
        "Pay.java",
        "import com.stripe.model.Token;\nclass Pay { Token t(String n) throws Exception {\n"
        "  TokenCreateParams p = TokenCreateParams.builder().setCard(TokenCreateParams.Card.builder()"
        '.setNumber(n).setExpMonth("12").build()).build();\n  return Token.create(p); } }\n',
    ),
    (
        "Pay.cs",
        "using Stripe;\nclass Pay { Token T(string n) {\n"
        '  var options = new TokenCreateOptions { Card = new TokenCardOptions { Number = n, ExpMonth = "12" } };\n'
        "  var service = new TokenService();\n  return service.Create(options); } }\n",
    ),
    (
        "raw_http.py",
        "import requests\n# Stripe API by hand\n"
        "requests.post('https://api.stripe.com/v1/tokens', data={'card[number]': n, 'card[exp_month]': m})\n",
    ),
]


@pytest.mark.parametrize(("path", "text"), RAW)
def test_raw_card_numbers_are_reported(path: str, text: str) -> None:
    findings = check(path, text)
    assert len(findings) == 1, findings
    assert findings[0].severity is Severity.ERROR and findings[0].checklist == "logging"
    assert "PCI" in findings[0].message


QUIET = [
    # a PaymentMethod id or token from Elements: nothing raw
    ("pay.py", "import stripe\nstripe.PaymentIntent.create(amount=1, currency='usd', payment_method=pm_id)\n"),
    ("pay.py", "import stripe\nstripe.PaymentMethod.create(type='card', card={'token': tok}, exp_month=None)\n"),
    # bank account tokens carry an account_number, not a card number
    (
        "pay.js",
        "const stripe = require('stripe')(key);\n// exp_month unused\n"
        "stripe.tokens.create({ bank_account: { account_number: n, routing_number: r } });\n",
    ),
    # reading card details back from Stripe is not sending them
    ("pay.rb", "pm = Stripe::PaymentMethod.retrieve(id)\nputs pm.card.exp_month, pm.card.last4\n"),
    # another provider's token API with the same shape
    ("pay.rb", "# stripe-like\nOmise::Token.create(card: { number: n, exp_month: m })\n"),
    ("pay.php", "<?php\n// stripe\n$client->tokens->create(['card' => ['number' => $n, 'exp_month' => $m]]);\n"),
    (
        "pay.go",
        'package pay\nimport "github.com/stripe/stripe-go/v76/paymentmethod"\n'
        "func F(id string) { pm, _ := paymentmethod.Get(id, nil); _ = pm.Card.ExpMonth }\n",
    ),
    (
        "Pay.java",
        "import com.stripe.model.Token;\nclass P { void f() { Token.retrieve(id).getCard().getExpMonth(); } }\n",
    ),
    (
        "Pay.cs",
        "using Stripe;\nclass P { void F() { var pm = new PaymentMethodService().Get(id); _ = pm.Card.ExpMonth; } }\n",
    ),
    # test files may use test cards
    (
        "tests/test_pay.py",
        "import stripe\nstripe.Token.create(card={'number': n, 'exp_month': 1, 'exp_year': 2030})\n",
    ),
    ("pay.spec.ts", "await stripe.tokens.create({ card: { number, exp_month } });\n"),
    # a commented-out form field
    ("raw.py", "import stripe\n# data = {'card[number]': n, 'card[exp_month]': m}\n"),
]


@pytest.mark.parametrize(("path", "text"), QUIET)
def test_no_raw_card_number_no_finding(path: str, text: str) -> None:
    assert check(path, text) == []


def test_docs_example_fires_and_fix_is_quiet() -> None:
    assert_docs_hold(RawCardDataApiRule, check)


def test_findings_are_listed_under_the_logging_item_of_the_checklist_comment() -> None:
    from golive_ci.report.checklist import Status, build_checklist
    from golive_ci.report.checklist_markdown import render_checklist

    findings = check(*RAW[0])
    info = RawCardDataApiRule.info()
    checklist = build_checklist(findings, covered={info.checklist: [info.slug]}, account_note="not run")
    item = checklist.item("logging")
    assert item.status is Status.FAIL
    assert [(e.path, e.line) for e in item.evidence] == [("pay.py", 3)]
    body = render_checklist(checklist, link_for=lambda path, line, commit="": f"https://x/{path}#L{line}")
    logging_part = body[body.index(item.spec.title) :]
    assert "raw card number" in logging_part
