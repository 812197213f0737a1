"""Issue 11, classes 10 and 11: API-version gaps and manifests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api_version_runner import findings_of, lines_of, run_rules


@pytest.mark.parametrize(
    "argument", ["$key", "$this->stripeSecret", "env('STRIPE_SECRET')", "config('services.stripe.secret')"]
)
def test_php_client_built_from_a_key_is_unpinned(tmp_path: Path, argument: str) -> None:
    files = {"pay.php": f"<?php\n$stripe = new \\Stripe\\StripeClient({argument});\n"}
    assert lines_of(run_rules(tmp_path, files), "unpinned-api-version") == [("pay.php", 2)]


def test_php_client_built_from_options_is_not_guessed(tmp_path: Path) -> None:
    files = {"pay.php": "<?php\n$stripe = new \\Stripe\\StripeClient($this->stripeOptions);\n"}
    assert findings_of(run_rules(tmp_path, files), "unpinned-api-version") == []


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("billing/settings.py", "STRIPE = {\n    'secret_key': env('K'),\n    'api_version': '2020-08-27',\n}\n", 3),
        ("config.py", "PAYMENTS = {'stripe': {'api_version': '2019-12-03'}}\n", 1),
        (
            "stripe_setup.py",
            "import stripe\nconfiguration = {}\nconfiguration['api_version'] = '2020-08-27'\n"
            "stripe.api_version = configuration['api_version']\n",
            3,
        ),
        ("config/services.php", "<?php\nreturn [\n  'stripe' => [\n    'api_version' => '2020-08-27',\n  ],\n];\n", 4),
    ],
)
def test_a_version_in_settings_is_judged_like_any_pin(tmp_path: Path, name: str, text: str, line: int) -> None:
    assert lines_of(run_rules(tmp_path, {name: text}), "outdated-api-version") == [(name, line)]


def test_a_settings_version_keeps_its_beta_suffix_and_is_judged(tmp_path: Path) -> None:
    files = {"settings.py": "STRIPE = {'api_version': '2020-08-27; checkout_beta=v1'}\n"}
    report = run_rules(tmp_path, files)
    [finding] = findings_of(report, "outdated-api-version")
    assert "2020-08-27" in finding.message


def test_other_services_versions_in_settings_are_not_stripe_s(tmp_path: Path) -> None:
    files = {"settings.py": "STRIPE_KEY = env('K')\nPLAID = {'api_version': '2020-09-14'}\n"}
    assert findings_of(run_rules(tmp_path, files), "outdated-api-version") == []


def test_one_program_with_two_set_api_key_calls_is_one_finding(tmp_path: Path) -> None:
    files = {
        "src/Checkout.php": "<?php\n\\Stripe\\Stripe::setApiKey(getenv('STRIPE_SECRET'));\n",
        "src/Refunds.php": "<?php\n\\Stripe\\Stripe::setApiKey(getenv('STRIPE_SECRET'));\n",
    }
    [finding] = findings_of(run_rules(tmp_path, files), "unpinned-api-version")
    assert "also set at" in finding.message


RAW_ONLY_CLIENT = """\
import stripe

stripe.api_version = "2026-01-28.clover"
RISK_API_VERSION = "2026-03-25.preview"
risk_client = stripe.StripeClient(KEY)


async def signals(account_id):
    return await risk_client.raw_request_async("get", "/v1/x", stripe_version=RISK_API_VERSION)


def event(event_id):
    return risk_client.raw_request("get", "/v1/y", stripe_version=RISK_API_VERSION)
"""


def test_client_used_only_for_versioned_raw_requests_is_pinned(tmp_path: Path) -> None:
    report = run_rules(tmp_path, {"service.py": RAW_ONLY_CLIENT})
    assert findings_of(report, "unpinned-api-version") == []


@pytest.mark.parametrize(
    "extra",
    [
        "\n\ndef other():\n    return risk_client.raw_request('get', '/v1/z')\n",  # one raw request without a version
        "\n\ndef other():\n    return risk_client.customers.list()\n",  # a typed call on the SDK's pin
        "\n\nhelpers.register(risk_client)\n",  # handed on: its uses are not all seen here
    ],
)
def test_client_with_any_other_use_is_still_unpinned(tmp_path: Path, extra: str) -> None:
    report = run_rules(tmp_path, {"service.py": RAW_ONLY_CLIENT + extra})
    assert [f.line for f in findings_of(report, "unpinned-api-version")] == [5]
