"""live-webhook-endpoints: at least one enabled live webhook endpoint."""

from __future__ import annotations

from golive_ci.account.checks.base import AccountCheck, CheckContext, plural
from golive_ci.account.checks.endpoints import (
    describe,
    destination_name,
    enabled,
    idle_destinations,
    live_destinations,
)
from golive_ci.account.facts import Failure
from golive_ci.account.model import CheckResult


class LiveWebhookEndpoints(AccountCheck):
    slug = "live-webhook-endpoints"
    checklist = "webhooks"
    summary = (
        "Live mode has at least one enabled webhook endpoint or event destination (EventBridge, Azure Event Grid, "
        "thin events); disabled endpoints are named."
    )
    why = """
Webhook endpoints are per mode: the endpoint you tested with lives in test mode only. Without a
live endpoint, payments succeed but fulfilment, subscription updates and failed-payment handling
never run. Stripe disables an endpoint that keeps failing; a disabled endpoint receives nothing.
Live event destinations (the v2 API: Amazon EventBridge, Azure Event Grid, webhook endpoints with
thin or snapshot events) count as a live endpoint when enabled and set up on the provider's side.
"""
    example = """
```
live-webhook-endpoints: no enabled live webhook endpoint or event destination (1 disabled endpoint)
  disabled: we_1… https://example.com/stripe/webhook
```
"""
    fix = """
In live mode (Dashboard → Developers → Webhooks, or `stripe webhook_endpoints create --live`),
create an endpoint for your production URL with the events your handlers process, store its own
`whsec_` signing secret in production, and re-enable disabled endpoints once they answer 2xx.
"""

    def run(self, context: CheckContext) -> CheckResult:
        fact = context.facts.live_endpoints
        destinations = live_destinations(context.facts, enabled(fact.value or []) if fact.ok else [])
        evidence = [f"enabled event destination: {destination_name(d)}" for d in destinations]
        evidence += [f"idle event destination: {_idle(d)}" for d in idle_destinations(context.facts)]
        unread = context.facts.live_event_destinations.failure
        if unread is not None:
            evidence.append(f"could not verify event destinations: {unread.reason}")
        if not fact.ok:
            assert fact.failure is not None
            if destinations:  # a live destination exists: the question is answered all the same
                evidence.append(f"could not list the live webhook endpoints: {fact.failure.reason}")
                return self.result("pass", f"{plural(len(destinations), 'enabled live event destination')}", evidence)
            return self.unverified(fact.failure, "could not list the live webhook endpoints", evidence)
        endpoints = fact.value or []
        active = enabled(endpoints)
        disabled = [e for e in endpoints if e not in active]
        evidence = (
            [f"enabled: {describe(e)}" for e in active] + [f"disabled: {describe(e)}" for e in disabled] + evidence
        )
        counted = [plural(len(active), "enabled live webhook endpoint")] if active else []
        if destinations:
            counted.append(plural(len(destinations), "enabled live event destination"))
        if not active and not destinations:
            extra = f" ({plural(len(disabled), 'disabled endpoint')})" if disabled else ""
            if unread is not None and not _no_destinations(unread):
                return self.unverified(
                    unread,
                    f"no enabled live webhook endpoint{extra}, and could not verify event destinations",
                    evidence,
                )
            return self.result(
                "fail",
                f"no enabled live webhook endpoint or event destination{extra}",
                evidence,
                "Create a live webhook endpoint for your production URL (Dashboard → Developers → Webhooks).",
            )
        if disabled:
            return self.result(
                "warning",
                f"{', '.join(counted)}; disabled: " + ", ".join(str(e.get("url")) for e in disabled),
                evidence,
                "Delete the disabled endpoints you do not need, or fix and re-enable them.",
            )
        return self.result("pass", ", ".join(counted), evidence)


# The v2 API answered 404 (not available to the account, so it has no destinations) or an old
# snapshot did not record destinations: "no live endpoint" stays a failure.
def _no_destinations(failure: Failure) -> bool:
    return failure.kind in ("not-found", "not-recorded", "not-configured") or failure.http_status == 404


def _idle(destination: dict[str, object]) -> str:
    why = destination.get("disabled_reason") or destination.get("provider_status") or destination.get("status")
    return f"{destination_name(destination)} ({why})"
