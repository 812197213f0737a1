"""unpinned/unknown-api-version on Ruby and PHP: global settings, StripeClient, traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.findings import Severity
from tests.api_version_runner import findings_of, lines_of, run_rules

UNPINNED = "unpinned-api-version"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Stripe.api_key = ENV['STRIPE_SECRET_KEY']\n", [("a.rb", 1)]),
        ("::Stripe.api_key = ENV['K']\n", [("a.rb", 1)]),
        ("Stripe.api_key = ENV['K']\nStripe.api_version = '2026-10-28.endive'\n", []),
        ("Stripe.api_key = ENV['K']\nStripe.api_version = Rails.configuration.stripe[:api_version]\n", []),
        ("Stripe.api_key = ENV['K']\nStripe.api_version = ENV.fetch('V', '2026-10-28.endive')\n", []),
        ("client = Stripe::StripeClient.new(ENV['K'])\n", [("a.rb", 1)]),
        ("client = ::Stripe::StripeClient.new(ENV['K'])\n", [("a.rb", 1)]),
        ("client = Stripe::StripeClient.new(ENV['K'], stripe_version: '2026-10-28.endive')\n", []),
        ("client = Stripe::StripeClient.new(ENV['K'], :stripe_version => VERSION)\n", []),
        ("client = Stripe::StripeClient.new(ENV['K'], stripe_version: nil)\n", [("a.rb", 1)]),
        ("client = Stripe::StripeClient.new(ENV['K'], **options)\n", []),
        ("client = Stripe::StripeClient.new(ENV['K'], { stripe_version: '2026-10-28.endive' })\n", []),
    ],
)
def test_ruby_styles(tmp_path: Path, source: str, expected: list[tuple[str, int]]) -> None:
    assert lines_of(run_rules(tmp_path, {"a.rb": source}), UNPINNED) == expected


def test_ruby_environment_version_is_a_warning(tmp_path: Path) -> None:
    source = "c = Stripe::StripeClient.new(ENV['K'], stripe_version: ENV.fetch('STRIPE_API_VERSION'))\n"
    [finding] = findings_of(run_rules(tmp_path, {"a.rb": source}), UNPINNED)
    assert finding.severity is Severity.WARNING


def test_ruby_global_set_in_an_initializer_pins_the_app(tmp_path: Path) -> None:
    files = {
        "app/services/pay.rb": "Stripe.api_key = Rails.application.credentials.stripe_key\n",
        "config/initializers/stripe.rb": "Stripe.api_version = '2026-10-28.endive'\n",
    }
    assert findings_of(run_rules(tmp_path, files)) == []


@pytest.mark.parametrize(
    "source",
    [
        "module Payments\n  Stripe = Struct.new(:key)\nend\nPayments::Stripe.new('k')\n",
        "# Stripe.api_key = ENV['K']\n",
        "MyApp::Stripe.api_key = 'k'\n",
        "puts 'Stripe::StripeClient.new(key)'\n",
    ],
)
def test_ruby_traps(tmp_path: Path, source: str) -> None:
    assert findings_of(run_rules(tmp_path, {"a.rb": source})) == []


def test_ruby_wrong_release_name(tmp_path: Path) -> None:
    report = run_rules(tmp_path, {"a.rb": "Stripe.api_version = '2026-03-25.clover'\n"})
    [finding] = findings_of(report, "unknown-api-version")
    assert "2026-03-25.dahlia" in finding.message


PHP_HEAD = "<?php\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("\\Stripe\\Stripe::setApiKey(getenv('K'));\n", [2]),
        ("use Stripe\\Stripe;\nStripe::setApiKey(getenv('K'));\n", [3]),
        ("\\Stripe\\Stripe::setApiKey(getenv('K'));\n\\Stripe\\Stripe::setApiVersion('2026-10-28.endive');\n", []),
        ("\\Stripe\\Stripe::setApiKey($k);\n\\Stripe\\Stripe::setApiVersion(config('services.stripe.version'));\n", []),
        ("$s = new \\Stripe\\StripeClient(getenv('STRIPE_SECRET_KEY'));\n", [2]),
        ("$s = new \\Stripe\\StripeClient($secretKey);\n", [2]),
        ("$s = new \\Stripe\\StripeClient(['api_key' => $k]);\n", [2]),
        ("$s = new \\Stripe\\StripeClient(['api_key' => $k, 'stripe_version' => null]);\n", [2]),
        ("$s = new \\Stripe\\StripeClient(['api_key' => $k, 'stripe_version' => '2026-10-28.endive']);\n", []),
        ("$s = new \\Stripe\\StripeClient(['api_key' => $k, 'stripe_version' => self::VERSION]);\n", []),
        ("use Stripe\\StripeClient;\n$c = ['api_key' => $k];\n$s = new StripeClient($c);\n", [4]),
        (
            "use Stripe\\StripeClient;\n$c = ['stripe_version' => '2026-10-28.endive'];\n$s = new StripeClient($c);\n",
            [],
        ),
        ("use Stripe\\StripeClient as Client;\n$s = new Client($secretKey);\n", [3]),  # an alias is followed
        ("$s = new \\Stripe\\StripeClient($k);\n", [2]),  # not an array: the key, so no version (issue 11)
        ("$s = new \\Stripe\\StripeClient($options);\n", []),  # named as options: may hold stripe_version
        ("$s = new \\Stripe\\StripeClient($this->stripeConfig());\n", []),
    ],
)
def test_php_styles(tmp_path: Path, body: str, expected: list[int]) -> None:
    report = run_rules(tmp_path, {"a.php": PHP_HEAD + body})
    assert [line for _, line in lines_of(report, UNPINNED)] == expected


def test_php_environment_version_is_a_warning(tmp_path: Path) -> None:
    body = "$s = new \\Stripe\\StripeClient(['api_key' => $k, 'stripe_version' => getenv('STRIPE_API_VERSION')]);\n"
    [finding] = findings_of(run_rules(tmp_path, {"a.php": PHP_HEAD + body}), UNPINNED)
    assert finding.severity is Severity.WARNING


def test_php_env_with_default_is_pinned(tmp_path: Path) -> None:
    body = "$s = new \\Stripe\\StripeClient(['api_key' => $k, 'stripe_version' => env('V', '2026-10-28.endive')]);\n"
    assert findings_of(run_rules(tmp_path, {"a.php": PHP_HEAD + body})) == []


@pytest.mark.parametrize(
    "body",
    [
        "namespace App;\nuse Other\\Payments\\Stripe;\nStripe::setApiKey('k');\n",  # another library's Stripe
        "use Acme\\StripeClient;\n$s = new StripeClient($key);\n",
        "// \\Stripe\\Stripe::setApiKey(getenv('K'));\n",
        "$doc = '\\Stripe\\Stripe::setApiKey($k)';\n",
    ],
)
def test_php_traps(tmp_path: Path, body: str) -> None:
    assert findings_of(run_rules(tmp_path, {"a.php": PHP_HEAD + body})) == []


def test_php_version_constant_is_checked(tmp_path: Path) -> None:
    body = "const STRIPE_API_VERSION = '2024-06-21';\n\\Stripe\\Stripe::setApiVersion(STRIPE_API_VERSION);\n"
    report = run_rules(tmp_path, {"a.php": PHP_HEAD + body})
    assert lines_of(report, "unknown-api-version") == [("a.php", 2)]
    assert findings_of(report, UNPINNED) == []
