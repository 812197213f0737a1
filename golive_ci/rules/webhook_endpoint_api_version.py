"""webhook-endpoint-api-version: a webhook endpoint created without ``api_version``."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.lang import profile
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.versions.facts import WEBHOOK_ENDPOINTS
from golive_ci.versions.rule_support import facts_for, include_tests
from golive_ci.versions.values import concrete_version


class WebhookEndpointApiVersionRule(Rule):
    slug = "webhook-endpoint-api-version"
    checklist = "webhooks"
    severity = Severity.ERROR
    facts = (WEBHOOK_ENDPOINTS,)
    summary = "Code creates a Stripe webhook endpoint without an api_version."
    why = """
Webhook events are rendered in the API version of the endpoint; an endpoint created without
`api_version` gets the account's default version, which is not the one your code pins and
which changes when someone upgrades the account. The endpoint's version cannot be changed
afterwards (upgrading means creating a new endpoint), and the typed SDKs refuse events of
another release train: stripe-go's `webhook.ConstructEvent` and stripe-dotnet's
`EventUtility.ConstructEvent` throw, stripe-java cannot deserialize the object.
"""
    example = """
```python
stripe.WebhookEndpoint.create(url=url, enabled_events=["invoice.paid"])   # error
```
```go
webhookendpoint.New(&stripe.WebhookEndpointParams{URL: stripe.String(url)})   // error
```
"""
    fix = """
Create the endpoint with the version your code (or typed SDK) uses, e.g. Python
`api_version="2026-10-28.endive"`, Go `APIVersion: stripe.String(stripe.APIVersion)`, .NET
`ApiVersion = StripeConfiguration.ApiVersion`, Java `Stripe.API_VERSION`. Parameters built
elsewhere (a dict passed in, `**params`) are not judged. Options
(`[tool.golive-ci.rules.webhook-endpoint-api-version]`): `include-tests = true`.
"""

    def check(self, source: SourceFile) -> Iterator[Finding]:
        facts = facts_for(self, source)
        if facts is None:
            return
        tests_too = include_tests(self)
        for creation in facts.webhook_endpoints:
            if creation.has_api_version or (creation.in_test and not tests_too):
                continue
            language = profile(creation.language)
            fix = concrete_version(language.webhook_endpoint_api_version if language is not None else "an api_version")
            yield self.finding(
                source, creation.line, creation.column,
                f"{creation.how} creates a webhook endpoint without api_version: its events will use the account's "
                f"default API version, not your code's; add {fix}",
            )  # fmt: skip
