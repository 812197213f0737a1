"""Issue 11, classes 2 and 12: a test's stand-in webhook signing secret is info; real-looking keys stay loud."""

from __future__ import annotations

from golive_ci.findings import Severity
from tests.keys import body
from tests.rules.test_secret_key_precision import run_rule

DUMMY_LINE = 'const webhook = {{ secret: "{secret}", // dummy secret\n}};\n'


def test_a_whsec_a_test_calls_a_dummy_is_info_and_says_why() -> None:
    secret = "whsec_" + body(32, 31)
    [finding] = run_rule(DUMMY_LINE.format(secret=secret), path="tests/webhooks/index.test.ts")
    assert finding.severity is Severity.INFO
    assert "stand-in" in finding.message and "dummy" in finding.message
    assert secret not in finding.message


def test_a_whsec_called_a_dummy_outside_tests_and_docs_is_still_a_warning() -> None:
    secret = "whsec_" + body(32, 32)
    [finding] = run_rule(DUMMY_LINE.format(secret=secret), path="src/webhooks.ts")
    assert finding.severity is Severity.WARNING and "looks like a placeholder" in finding.message


def test_a_live_key_a_test_calls_a_dummy_is_still_a_warning() -> None:
    live = "sk_live_" + body(40, 33)
    [finding] = run_rule(f'stripe = new Stripe("{live}"); // dummy key\n', path="tests/pay.test.ts")
    assert finding.severity is Severity.WARNING


def test_an_unlabelled_stripe_shaped_whsec_in_a_test_is_not_info() -> None:
    secret = "whsec_" + body(32, 34)
    [finding] = run_rule(f'const endpointSecret = "{secret}";\n', path="tests/webhooks/index.test.ts")
    assert finding.severity is not Severity.INFO
