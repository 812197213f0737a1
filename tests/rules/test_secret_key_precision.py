"""Issue 11, classes 2 and 12: other providers' `whsec_` values and key-shaped placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.findings import Severity
from golive_ci.rules.base import RuleContext
from golive_ci.rules.secret_key import SecretKeyRule
from golive_ci.sourcefile import SourceFile
from tests.keys import body
from tests.rule_runner import findings_on, new_rule


def run_rule(text: str, path: str = "app.py"):
    return findings_on(new_rule(SecretKeyRule, root=Path("/nonexistent")), path, text, ask_wants=False)


def base64_body(length: int) -> str:
    """A base64-looking body with ``+``, ``/`` and padding, like Svix / Standard Webhooks secrets."""
    raw = body(length, 11)
    return raw[:5] + "+" + raw[6:12] + "/" + raw[13:] + "="


def test_stripe_shaped_webhook_secret_is_still_an_error() -> None:
    secret = "whsec_" + body(32, 4)
    [finding] = run_rule(f"import stripe\nendpoint_secret = '{secret}'\n")
    assert finding.severity is Severity.ERROR
    assert "webhook signing secret" in finding.message


def test_stripe_cli_secret_of_64_hex_digits_is_an_error() -> None:
    hex_body = "".join("0123456789abcdef"[ord(c) % 16] for c in body(64, 9))
    [finding] = run_rule(f"STRIPE_WEBHOOK_SECRET=whsec_{hex_body}\n")
    assert finding.severity is Severity.ERROR


def test_base64_whsec_of_another_length_is_info_saying_why() -> None:
    secret = "whsec_" + base64_body(43)
    [finding] = run_rule(f"const wh = new Webhook('{secret}');\n", path="hooks.ts")
    assert finding.severity is Severity.INFO
    assert "not a Stripe signing secret" in finding.message and "base64" in finding.message
    assert secret not in finding.message


def test_stripe_shaped_whsec_next_to_svix_is_info() -> None:
    secret = "whsec_" + body(32, 5)
    text = f"import {{ Webhook }} from 'svix';\nconst secret = '{secret}';\nnew Webhook(secret).verify(p, h);\n"
    [finding] = run_rule(text, path="verify.ts")
    assert finding.severity is Severity.INFO
    assert "svix" in finding.message


def test_standard_webhooks_headers_name_another_provider() -> None:
    secret = "whsec_" + body(32, 6)
    text = f"# webhook-signature: v1,...\nSECRET = '{secret}'\n"
    [finding] = run_rule(text)
    assert finding.severity is Severity.INFO


def test_other_provider_far_away_in_a_file_that_names_stripe_does_not_hide_a_stripe_secret() -> None:
    secret = "whsec_" + body(32, 8)
    text = "# clerk settings\n" + "x = 1\n" * 200 + f"stripe_webhook_secret = '{secret}'\n"
    [finding] = run_rule(text)
    assert finding.severity is Severity.ERROR


@pytest.mark.parametrize(
    "placeholder",
    ["sk_live_" + "a" * 32, "sk_test_" + "x" * 40, "rk_live_" + "abcdefghijklmnopqrstuvwxyz", "whsec_" + "0" * 32],
)
def test_key_shaped_placeholder_is_a_warning_not_silence(placeholder: str) -> None:
    [finding] = run_rule(f"STRIPE_KEY = '{placeholder}'\n")
    assert finding.severity is Severity.WARNING
    assert "looks like a placeholder" in finding.message
    assert placeholder not in finding.message


def test_short_stubs_are_still_not_reported() -> None:
    assert run_rule("key = 'sk_live_...'\nother = 'sk_test_123'\n") == []


def test_an_example_in_an_api_description_is_info() -> None:
    secret = "whsec_" + body(32, 12)
    text = f"components:\n  schemas:\n    Endpoint:\n      properties:\n        secret:\n          example: {secret}\n"
    [finding] = run_rule(text, path="openapi.yaml")
    assert finding.severity is Severity.INFO and "example value" in finding.message
    code = f'Field(description="signing secret", examples=["{secret}"])\n'
    [pydantic] = run_rule(code, path="schemas.py")
    assert pydantic.severity is Severity.INFO


def test_a_stripe_example_is_still_an_error() -> None:
    secret = "whsec_" + body(32, 13)
    [finding] = run_rule(f"# Stripe webhook signing secret\nexample: {secret}\n", path="config.yaml")
    assert finding.severity is Severity.ERROR


def test_a_key_its_line_calls_a_dummy_is_a_placeholder_warning() -> None:
    secret = "whsec_" + body(32, 14)
    [finding] = run_rule(f'const webhook = {{ secret: "{secret}", // dummy secret\n}};\n', path="hooks.ts")
    assert finding.severity is Severity.WARNING and "looks like a placeholder" in finding.message
    assert "dummy" in finding.message


def test_a_word_in_a_variable_name_is_not_a_label() -> None:
    live = "sk_live_" + body(40, 15)
    [finding] = run_rule(f'EXAMPLE_KEY = "{live}"\n')
    assert finding.severity is Severity.ERROR


def test_jsdoc_example_tag_marks_an_example_value() -> None:
    secret = "whsec_" + body(32, 21)
    text = f"/**\n * Signing secret for validation on the receiving end.\n * @example {secret}\n */\nsecret?: string\n"
    [finding] = run_rule(text, path="client/schemas.ts")
    assert finding.severity is Severity.INFO
    assert "example value" in finding.message


def test_jsdoc_example_tag_naming_stripe_stays_an_error() -> None:
    secret = "whsec_" + body(32, 22)
    text = f"/**\n * The Stripe endpoint's signing secret.\n * @example {secret}\n */\n"
    [finding] = run_rule(text, path="client/schemas.ts")
    assert finding.severity is Severity.ERROR


def cli_secret() -> str:
    return "whsec_" + "".join("0123456789abcdef"[ord(c) % 16] for c in body(64, 23))


def test_stripe_listen_secret_in_documentation_is_a_warning() -> None:
    secret = cli_secret()
    text = f"> Ready! Your webhook signing secret is {secret} (^C to quit)\n"
    for path in ("docs/dev-setup.md", "CONTRIBUTING.rst", "docs/setup.sql"):
        [finding] = run_rule(text, path=path)
        assert finding.severity is Severity.WARNING, path
        assert "stripe listen" in finding.message and secret not in finding.message


def test_stripe_listen_secret_in_code_stays_an_error() -> None:
    [finding] = run_rule(f"STRIPE_WEBHOOK_SECRET = '{cli_secret()}'\n", path="app/settings.py")
    assert finding.severity is Severity.ERROR


def test_dashboard_shaped_webhook_secret_in_docs_stays_an_error() -> None:
    [finding] = run_rule(f"endpoint secret: whsec_{body(32, 24)}\n", path="docs/deploy.md")
    assert finding.severity is Severity.ERROR


@pytest.mark.parametrize("path", ["docs/api/README.md", "tests/_bootstrap.php", "spec/payments_spec.rb", "test_pay.py"])
def test_test_key_in_docs_or_tests_is_a_warning_by_default(path: str) -> None:
    [finding] = run_rule(f"key = 'sk_{'test'}_{body(24, 25)}'\n", path=path)
    assert finding.severity is Severity.WARNING
    assert "documentation or tests" in finding.message


def test_test_key_in_code_stays_an_error_and_live_keys_in_docs_too() -> None:
    [finding] = run_rule(f"key = 'sk_{'test'}_{body(24, 26)}'\n", path="app/payments.py")
    assert finding.severity is Severity.ERROR
    [finding] = run_rule(f"key = 'sk_{'live'}_{body(24, 27)}'\n", path="docs/api/README.md")
    assert finding.severity is Severity.ERROR


def test_explicit_test_keys_option_applies_everywhere() -> None:
    from golive_ci.config import parse_config

    for value, expected in (("error", Severity.ERROR), ("warning", Severity.WARNING), ("info", Severity.INFO)):
        config = parse_config({"rules": {"secret-key": {"test-keys": value}}})
        rule = SecretKeyRule(RuleContext(root=Path("/nonexistent"), config=config))
        for path in ("tests/fixtures.php", "app/payments.py"):
            text = f"key = 'sk_{'test'}_{body(24, 28)}'\n"
            [finding] = rule.check(SourceFile.from_text(path, text))
            assert finding.severity is expected, (value, path)
