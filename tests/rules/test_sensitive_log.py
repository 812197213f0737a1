"""sensitive-log: realistic integrations in every language, with the traps marked next to the positives.

Each fixture line ending in ``expect: <what>`` must be reported with ``<what>`` in the message;
every other line (the ``ok`` ones are the traps) must stay quiet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import RuleContext
from golive_ci.rules.sensitive_log import SensitiveLogRule
from golive_ci.sourcefile import SourceFile
from tests import paths
from tests.keys import key
from tests.rule_runner import findings_on, new_rule

FIXTURES = paths.FIXTURES / "logging"
EXPECT = re.compile(r"(?:#|//) expect: (.+?)\s*$")


def check(path: str, text: str) -> tuple[list[Finding], RuleContext]:
    rule = new_rule(SensitiveLogRule)
    return findings_on(rule, path, text), rule.context


def expectations(text: str) -> dict[int, str]:
    found = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            found[number] = match.group(1)
    return found


FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir())


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_findings_are_exactly_the_expected_lines(name: str) -> None:
    text = (FIXTURES / name).read_text()
    findings, context = check(name, text)
    expected = expectations(text)
    assert expected, "every fixture has positives"
    assert sorted(f.line for f in findings) == sorted(expected), [(f.line, f.message) for f in findings]
    for finding in findings:
        assert expected[finding.line] in finding.message
        assert finding.severity is Severity.WARNING
        assert finding.checklist == "logging"
    assert not context.notices


def test_every_language_has_a_fixture() -> None:
    languages = {SourceFile.from_text(name, "").language for name in FIXTURE_NAMES}
    assert languages >= {"python", "javascript", "typescript", "ruby", "php", "go", "java", "csharp"}


def test_message_names_the_expression_never_a_literal_secret() -> None:
    secret = key("sk_live")
    text = f'import stripe\nprint(stripe.api_key)\nprint(os.environ.get("STRIPE_SECRET_KEY", "{secret}"))\n'
    findings, _ = check("app.py", text)
    assert [f.line for f in findings] == [2, 3]
    assert "`stripe.api_key`" in findings[0].message
    assert all(secret not in f.message and secret[-20:] not in f.message for f in findings)
    assert "sk_live_…" in findings[1].message


def test_files_that_do_not_mention_stripe_are_not_checked() -> None:
    findings, _ = check("app.py", "import logging\nlogging.info('card %s', card)\n")
    assert findings == []


def test_unparseable_file_becomes_a_notice_not_a_crash() -> None:
    findings, context = check("broken.py", "import stripe\ndef f(:\n    print(stripe.api_key)\n")
    assert findings == []
    # one notice per file, whichever rule met it first (issue 11): it says the file was not checked
    assert len(context.notices) == 1 and context.notices[0].message.startswith("not checked: could not parse")


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("a.py", "import stripe\nlogger.info('event type %s', event.type)\n"),
        ("a.py", "import stripe\nprint('card brand', card.brand, card.last4, card.exp_month)\n"),
        ("a.py", "import stripe\nmath.log(stripe_secret_count)\n"),
        ("a.py", "import stripe\nlogger.info('order number %s', order.number)\n"),
        ("a.py", "import stripe\nlogger.info('payload keys %s', list(data.keys()))\n"),
        ("a.js", "const stripe = require('stripe');\nMath.log(card);\n"),
        ("webhook.js", "const stripe = require('stripe');\nconsole.log(ctx.body, this.data, context.data);\n"),
        ("a.js", "const stripe = require('stripe');\nconsole.log(elements.getElement('card'));\n"),
        ("a.js", "const stripe = require('stripe');\nconsole.log('secret?', typeof process.env.STRIPE_SECRET_KEY);\n"),
        ("a.rb", "require 'stripe'\nputs 'STRIPE_SECRET_KEY missing' if ENV['STRIPE_SECRET_KEY'].nil?\n"),
        ("a.go", 'import "github.com/stripe/stripe-go/v82"\nfunc f() { e := fmt.Errorf("%s", stripe.Key) }'),
    ],
)
def test_traps_stay_quiet(path: str, code: str) -> None:
    findings, _ = check(path, code)
    assert findings == [], [f.message for f in findings]


def test_one_finding_per_call_listing_every_sensitive_value() -> None:
    text = "import stripe\nprint(stripe.api_key, card.number, card.cvc)\n"
    findings, _ = check("a.py", text)
    assert len(findings) == 1
    assert "Stripe secret key" in findings[0].message and "card number or CVC" in findings[0].message
    assert findings[0].details["logged"] == ["the Stripe secret key", "the card number or CVC"]


def test_taint_stays_inside_its_function() -> None:
    text = (
        "import stripe\n"
        "def hook(request):\n"
        "    body = request.body\n"
        "    return body\n"
        "def email(body):\n"
        "    logger.info('mail %s', body)\n"
    )
    findings, _ = check("billing.py", text)
    assert findings == []


def test_request_body_outside_webhook_files_is_not_reported() -> None:
    findings, _ = check("checkout.js", "const stripe = require('stripe');\nconsole.log(req.body);\n")
    assert findings == []
    findings, _ = check("webhook.js", "const stripe = require('stripe');\nconsole.log(req.body);\n")
    assert len(findings) == 1 and "raw request body" in findings[0].message


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        (
            "events_controller.rb",
            "class StripeController < ApplicationController\n"
            "  def index\n"
            "    event = stripe_event\n"
            '    Rails.logger.info "event #{event.type} #{event.data.to_json}"\n'
            "  end\n"
            "  def stripe_event\n"
            "    Stripe::Event.construct_from(JSON.parse(request.body.read))\n"
            "  end\n"
            "end\n",
            4,
        ),
        (
            "hooks.py",
            "import stripe\n"
            "def verified(request):\n"
            "    return stripe.Webhook.construct_event(request.data, request.headers['Stripe-Signature'], KEY)\n"
            "def hook(request):\n"
            "    event = verified(request)\n"
            "    print(event)\n"
            "    other = handle(request)\n"
            "    print(other, event.type)\n",
            6,
        ),
        (
            "route.ts",
            "import Stripe from 'stripe';\n"
            "async function getEvent(req) { return stripe.webhooks.constructEvent(req.body, sig, secret); }\n"
            "export async function POST(req) {\n"
            "  const event = await getEvent(req);\n"
            "  console.log(event);\n"
            "  console.log(event.type);\n"
            "}\n",
            5,
        ),
    ],
)
def test_events_returned_by_a_helper_of_the_same_file_are_followed(path: str, text: str, line: int) -> None:
    findings, _ = check(path, text)
    assert [(f.line, "whole webhook event" in f.message) for f in findings] == [(line, True)]


def test_warnings_do_not_fail_the_pre_commit_hook_but_are_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from golive_ci.hooks.stripe_golive import main

    (tmp_path / "webhook.py").write_text("import stripe\nprint(stripe.api_key)\n")
    monkeypatch.chdir(tmp_path)
    assert main(["--select", "sensitive-log", "webhook.py"]) == 0
    assert "webhook.py:2:1: sensitive-log [warning]" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("webhook.js", "const s = require('stripe');\nconsole.log(" + " + ".join(["'a'"] * 20000) + ", req.body);\n"),
        ("webhook.js", "const s = require('stripe');\nconsole.log(a" + ".b" * 20000 + ", req.body);\n"),
        ("webhook.rb", "require 'stripe'\nputs(" + " + ".join(["'a'"] * 20000) + ", params)\n"),
        ("deep.py", "import stripe\nprint(" + " + ".join(["'a'"] * 3000) + ", stripe.api_key)\n"),
    ],
)
def test_deeply_nested_code_neither_crashes_nor_hides_the_finding(path: str, text: str) -> None:
    findings, context = check(path, text)
    if path.endswith(".py"):  # Python's own parser gives up: a notice, not a crash
        assert findings == [] and "nested too deeply" in context.notices[0].message
    else:
        assert [f.line for f in findings] == [2]
