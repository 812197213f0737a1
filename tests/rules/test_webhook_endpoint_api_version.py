"""webhook-endpoint-api-version in every SDK and call style."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.findings import Severity
from tests.api_version_runner import findings_of, lines_of, run_rules

RULE = "webhook-endpoint-api-version"

MISSING = [
    ("a.py", "import stripe\nstripe.WebhookEndpoint.create(url=u, enabled_events=['*'])\n"),
    ("a.py", "client.webhook_endpoints.create(params={'url': u, 'enabled_events': ['*']})\n"),
    ("a.py", "client.v1.webhook_endpoints.create({'url': u})\n"),
    ("a.py", "params = {'url': u}\nclient.v1.webhook_endpoints.create(params)\n"),
    ("a.js", "await stripe.webhookEndpoints.create({ url, enabled_events: ['*'] });\n"),
    ("a.ts", "const p = { url };\nawait stripe.webhookEndpoints.create(p);\n"),
    ("a.rb", "Stripe::WebhookEndpoint.create(url: u, enabled_events: ['*'])\n"),
    ("a.rb", "Stripe::WebhookEndpoint.create({ url: u })\n"),
    ("a.rb", "client.v1.webhook_endpoints.create({ url: u })\n"),
    ("a.php", "<?php\n\\Stripe\\WebhookEndpoint::create(['url' => $u]);\n"),
    ("a.php", "<?php\n$stripe->webhookEndpoints->create(['url' => $u]);\n"),
    ("a.go", "package m\nfunc f() {\n\twebhookendpoint.New(&stripe.WebhookEndpointParams{URL: stripe.String(u)})\n}\n"),
    ("a.go", "package m\nfunc f() {\n\tsc.V1WebhookEndpoints.Create(ctx, &stripe.WebhookEndpointCreateParams{})\n}\n"),
    ("A.java", "class A { void f() { WebhookEndpoint.create(params); } }\n"),
    ("A.java", "class A { void f() { client.v1().webhookEndpoints().create(params); } }\n"),
    ("A.cs", "class A { void F() { var o = new WebhookEndpointCreateOptions { Url = u }; } }\n"),
]


@pytest.mark.parametrize(("name", "source"), MISSING)
def test_endpoint_without_api_version_is_an_error(tmp_path: Path, name: str, source: str) -> None:
    [finding] = findings_of(run_rules(tmp_path, {name: source}), RULE)
    assert finding.severity is Severity.ERROR and finding.checklist == "webhooks"
    assert "api_version" in finding.message.lower() or "ApiVersion" in finding.message


PRESENT = [
    ("a.py", "import stripe\nstripe.WebhookEndpoint.create(url=u, api_version='2026-10-28.endive')\n"),
    ("a.py", "client.webhook_endpoints.create(params={'url': u, 'api_version': stripe.api_version})\n"),
    ("a.py", "p = {'url': u, 'api_version': V}\nclient.v1.webhook_endpoints.create(p)\n"),
    ("a.js", "await stripe.webhookEndpoints.create({ url, api_version: Stripe.API_VERSION });\n"),
    ("a.rb", "Stripe::WebhookEndpoint.create(url: u, api_version: Stripe.api_version)\n"),
    ("a.php", "<?php\n$stripe->webhookEndpoints->create(['url' => $u, 'api_version' => '2026-10-28.endive']);\n"),
    (
        "a.go",
        "package m\nfunc f() {\n\tp := &stripe.WebhookEndpointParams{URL: stripe.String(u)}\n"
        "\tp.APIVersion = stripe.String(stripe.APIVersion)\n\twebhookendpoint.New(p)\n}\n",
    ),
    ("A.java", "class A { void f() { WebhookEndpoint.create(b.setApiVersion(V).build()); } }\n"),
    ("A.cs", "class A { void F() { var o = new WebhookEndpointCreateOptions { ApiVersion = V }; } }\n"),
]


@pytest.mark.parametrize(("name", "source"), PRESENT)
def test_endpoint_with_api_version_passes(tmp_path: Path, name: str, source: str) -> None:
    assert findings_of(run_rules(tmp_path, {name: source}), RULE) == []


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("a.py", "client.webhook_endpoints.create(**params)\n"),  # built elsewhere: not judged
        ("a.py", "client.webhook_endpoints.create(params=build_params())\n"),
        ("a.js", "await stripe.webhookEndpoints.create(buildParams());\n"),
        ("a.js", "await stripe.webhookEndpoints.update(id, { url });\n"),  # update cannot set it
        ("a.py", "stripe.WebhookEndpoint.modify(id, url=u)\n"),
        ("a.go", "package m\nfunc f() {\n\twebhookendpoint.Update(id, &stripe.WebhookEndpointParams{})\n}\n"),
        ("a.py", "# stripe.WebhookEndpoint.create(url=u)\n"),
        ("tests/test_hooks.py", "stripe.WebhookEndpoint.create(url=u)\n"),  # test code
    ],
)
def test_not_judged(tmp_path: Path, name: str, source: str) -> None:
    assert findings_of(run_rules(tmp_path, {name: source}), RULE) == []


def test_finding_is_at_the_call(tmp_path: Path) -> None:
    source = "import stripe\n\n\ndef setup():\n    return stripe.WebhookEndpoint.create(\n        url=u,\n    )\n"
    assert lines_of(run_rules(tmp_path, {"a.py": source}), RULE) == [("a.py", 5)]


def test_endpoint_version_literal_is_a_pin(tmp_path: Path) -> None:
    files = {
        "a.py": "import stripe\nstripe.api_version = '2026-10-28.endive'\n"
        "stripe.WebhookEndpoint.create(url=u, api_version='2025-03-31.clover')\n",
        "b.js": "await stripe.webhookEndpoints.create({ url, api_version: '2026-03-25.dahlia' });\n",
    }
    report = run_rules(tmp_path, files)
    assert lines_of(report, "unknown-api-version") == [("a.py", 3)]
    # one finding per file (issue 12): a.py pins two versions, at lines 2 and 3
    assert lines_of(report, "inconsistent-api-version") == [("a.py", 2), ("b.js", 1)]
    first = findings_of(report, "inconsistent-api-version")[0]
    assert first.details["lines"] == [2, 3] and "(this file: 2 pins)" in first.message
    assert findings_of(report, RULE) == []
