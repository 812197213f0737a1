"""live-webhook-endpoints: at least one enabled live webhook endpoint."""

from __future__ import annotations

from golive_ci.account.checks.base import AccountCheck, CheckContext, plural
from golive_ci.account.checks.endpoints import describe, enabled
from golive_ci.account.model import CheckResult


class LiveWebhookEndpoints(AccountCheck):
    slug = "live-webhook-endpoints"
    checklist = "webhooks"
    summary = "Live mode has at least one enabled webhook endpoint; disabled endpoints are named."
    why = """
Webhook endpoints are per mode: the endpoint you tested with lives in test mode only. Without a
live endpoint, payments succeed but fulfilment, subscription updates and failed-payment handling
never run. Stripe disables an endpoint that keeps failing; a disabled endpoint receives nothing.
"""
    example = """
```
live-webhook-endpoints: no enabled live webhook endpoint (1 disabled: we_1… https://example.com/stripe/webhook)
```
"""
    fix = """
In live mode (Dashboard → Developers → Webhooks, or `stripe webhook_endpoints create --live`),
create an endpoint for your production URL with the events your handlers process, store its own
`whsec_` signing secret in production, and re-enable disabled endpoints once they answer 2xx.
"""

    def run(self, context: CheckContext) -> CheckResult:
        fact = context.facts.live_endpoints
        if not fact.ok:
            assert fact.failure is not None
            return self.unverified(fact.failure, "could not list the live webhook endpoints")
        endpoints = fact.value or []
        active = enabled(endpoints)
        disabled = [e for e in endpoints if e not in active]
        evidence = [f"enabled: {describe(e)}" for e in active] + [f"disabled: {describe(e)}" for e in disabled]
        if not active:
            extra = f" ({plural(len(disabled), 'disabled endpoint')})" if disabled else ""
            return self.result(
                "fail",
                f"no enabled live webhook endpoint{extra}",
                evidence,
                "Create a live webhook endpoint for your production URL (Dashboard → Developers → Webhooks).",
            )
        if disabled:
            return self.result(
                "warning",
                f"{plural(len(active), 'enabled live endpoint')}; disabled: "
                + ", ".join(str(e.get("url")) for e in disabled),
                evidence,
                "Delete the disabled endpoints you do not need, or fix and re-enable them.",
            )
        return self.result("pass", f"{plural(len(active), 'enabled live webhook endpoint')}", evidence)
