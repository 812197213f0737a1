"""Issue 11, class 11 (must-find recall): a gem's .gemspec declares its Stripe dependency."""

from __future__ import annotations

from pathlib import Path

from tests.api_version_runner import findings_of, run_rules

SDK_RULES = ["unpinned-sdk", "outdated-sdk"]

GEMSPEC = """Gem::Specification.new do |spec|
  spec.name = 'shop_stripe'
  spec.add_dependency 'shop_core', ['>= 3.2', '< 5']
  spec.add_dependency 'stripe', '{version}'
  spec.add_development_dependency 'rubocop', '~> 1.0'
end
"""
GATEWAY = "module ShopStripe\n  class Gateway\n    def client = Stripe::StripeClient.new(api_key: key)\n  end\nend\n"


def test_an_old_stripe_in_a_gemspec_is_reported(tmp_path: Path) -> None:
    files = {"shop_stripe.gemspec": GEMSPEC.format(version="~> 8.0"), "app/models/gateway.rb": GATEWAY}
    [finding] = findings_of(run_rules(tmp_path, files, rules=SDK_RULES), "outdated-sdk")
    assert finding.path == "shop_stripe.gemspec" and finding.line == 4 and "stripe-ruby 8" in finding.message


def test_a_development_dependency_in_a_gemspec_is_at_most_info(tmp_path: Path) -> None:
    text = GEMSPEC.replace("spec.add_dependency 'stripe'", "spec.add_development_dependency 'stripe'")
    [finding] = findings_of(run_rules(tmp_path, {"x.gemspec": text.format(version="~> 8.0")}, rules=SDK_RULES))
    assert finding.severity.value == "info"


def test_a_gem_s_open_range_is_not_an_unpinned_sdk(tmp_path: Path) -> None:
    report = run_rules(tmp_path, {"x.gemspec": GEMSPEC.format(version=">= 20.0")}, rules=SDK_RULES)
    assert findings_of(report) == []
