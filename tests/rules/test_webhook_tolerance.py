"""webhook-tolerance: disabled or stretched replay windows per SDK, and defaults that stay quiet."""

from __future__ import annotations

import pytest

from golive_ci.config import Config
from golive_ci.findings import Finding
from golive_ci.rules.webhook_tolerance import WebhookToleranceRule
from tests import paths
from tests.rule_runner import check_text

FIXTURES = paths.FIXTURES / "webhooks"


def check(path: str, text: str, options: dict[str, object] | None = None) -> list[Finding]:
    return check_text(WebhookToleranceRule, path, text, Config(rules={"webhook-tolerance": options or {}}))


# fixture -> {line: "off" | words of the window}
EXPECTED = {
    "tolerance_cases.py": {10: "off", 14: "1 day", 18: "any age"},
    "tolerance_cases.js": {5: "off", 8: "1 hour"},
    "tolerance_cases.go": {11: "off", 15: "1 day", 23: "off"},
    "tolerance_cases.rb": {2: "off", 6: "7 days"},
    "tolerance_cases.php": {3: "off", 6: "1 day"},
    "ToleranceCases.java": {5: "off", 8: "any age"},
    "ToleranceCases.cs": {5: "1 hour"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name: str) -> None:
    findings = check(name, (FIXTURES / name).read_text())
    assert {f.line for f in findings} == set(EXPECTED[name])
    for finding in findings:
        words = EXPECTED[name][finding.line]
        assert ("switched off" if words == "off" else words) in finding.message
        assert finding.checklist == "webhooks"


def test_limit_is_configurable() -> None:
    text = "stripe.Webhook.construct_event(p, s, k, tolerance=900)\n"
    assert len(check("a.py", text)) == 1
    assert check("a.py", text, {"max-seconds": 1200}) == []


def test_go_bare_number_is_nanoseconds_not_a_long_window() -> None:
    text = "package h\nfunc f() { webhook.ConstructEventWithTolerance(b, s, k, 300) }\n"
    assert check("h.go", text) == []


def test_zero_in_ruby_rejects_everything_rather_than_disabling() -> None:
    assert check("a.rb", "Stripe::Webhook.construct_event(p, s, k, tolerance: 0)\n") == []


def test_unreadable_values_are_left_alone() -> None:
    text = "stripe.Webhook.construct_event(p, s, k, tolerance=int(os.environ['TOL']))\n"
    assert check("a.py", text) == []


def test_tolerance_outside_verification_is_ignored() -> None:
    assert check("a.py", "assert math.isclose(a, b, tolerance=0)\n") == []


def test_typescript_tolerance_and_default() -> None:
    off = "const event = stripe.webhooks.constructEvent(body, sig, secret, -1);\n"
    kept = "const event = await stripe.webhooks.constructEventAsync(body, sig, secret);\n"
    assert [f.line for f in check("route.ts", off)] == [1]
    assert check("route.ts", kept) == []
