"""webhook-delivery: live events of the last 30 days that some endpoint has not yet accepted."""

from __future__ import annotations

from golive_ci.account.checks.base import AccountCheck, CheckContext, utc
from golive_ci.account.model import CheckResult
from golive_ci.findings import Severity


class WebhookDelivery(AccountCheck):
    slug = "webhook-delivery"
    checklist = "webhooks"
    severity = Severity.WARNING
    summary = "No live event of the last 30 days is still undelivered (pending or failed) to a webhook endpoint."
    why = """
Stripe retries a failed live delivery for up to three days, then gives up. Undelivered events
mean an endpoint that is down, slow (over the timeout), answering non-2xx, or rejecting
signatures (a wrong `whsec_` secret): orders that were paid are not fulfilled. Before launch the
count should be zero; afterwards, it is the first thing to watch.
"""
    example = """
```
webhook-delivery: 37 live event(s) of the last 30 days are not delivered to every endpoint:
  checkout.session.completed ×30, invoice.paid ×7
```
"""
    fix = """
Open each endpoint in the Dashboard (Developers → Webhooks) to read the failed attempts' responses;
fix the endpoint (2xx quickly, verify signatures with this endpoint's own secret, do slow work
asynchronously), then resend the events or process them from `GET /v1/events?delivery_success=false`.
"""

    def run(self, context: CheckContext) -> CheckResult:
        fact = context.facts.undelivered_events
        if not fact.ok:
            assert fact.failure is not None
            return self.unverified(fact.failure, "could not list undelivered live events")
        summary = fact.value or {}
        count = int(summary.get("count") or 0)
        if count == 0:
            return self.result("pass", "every live event of the last 30 days was delivered to every endpoint")
        by_type: dict[str, int] = summary.get("by_type") or {}
        ranked = sorted(by_type.items(), key=lambda item: (-item[1], item[0]))
        counted = ", ".join(f"{event} ×{n}" for event, n in ranked[:5])
        more = f" and {len(ranked) - 5} more type(s)" if len(ranked) > 5 else ""
        at_least = "at least " if summary.get("truncated") else ""
        evidence = [f"{event}: {n}" for event, n in ranked]
        if summary.get("oldest"):
            evidence.append(f"oldest undelivered: {utc(summary['oldest'])}; newest: {utc(summary.get('newest'))}")
        return self.result(
            "warning",
            f"{at_least}{count} live event(s) of the last 30 days are not delivered to every endpoint: {counted}{more}",
            evidence,
            "Read the failed attempts in the Dashboard, fix the endpoint, then resend or process the events.",
        )
