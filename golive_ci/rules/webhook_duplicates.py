"""webhook-duplicates: a verified webhook handler with side effects and no sign of de-duplication."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import calls
from golive_ci.webhooks.duplicates import first_effect
from golive_ci.webhooks.handlers import find_handlers, is_refetch
from golive_ci.webhooks.provider import receives_stripe_events


class WebhookDuplicatesRule(Rule):
    slug = "webhook-duplicates"
    checklist = "webhooks"
    severity = Severity.INFO
    summary = "A webhook handler with side effects that never looks at the event id or an idempotency record."
    why = """
Stripe delivers each event at least once: a slow answer, a network error or a redeploy means the
same `checkout.session.completed` can arrive twice, minutes or hours apart, and events of one
object can arrive out of order. A handler that creates an order, sends an email, grants credit or
moves money every time it runs will do so twice. The checklist asks for handlers that tolerate
duplicate, late and out-of-order events.

This is a static hint, not a proof: it reports a verified handler (or a function it calls in the
same file) that creates records, sends mail, queues jobs, increments counters or calls a Stripe
create, when the file never mentions the event id, an idempotency key or record, or an upsert
(`get_or_create`, `firstOrCreate`, `ON CONFLICT`, …). Effects that are idempotent by design (setting
a status, an upsert on a unique key elsewhere) make it a false positive: silence it with
`golive-ci: ignore[webhook-duplicates]` or switch it off. Info by default.
"""
    example = """
```python
@app.post("/webhook")
def webhook():
    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], secret)
    if event.type == "checkout.session.completed":
        Order.objects.create(session_id=event.data.object.id)   # twice on a redelivery
        send_mail("Thanks for your order", ...)
```
"""
    fix = """
Record the event id before acting and skip events already seen (a table with a unique key on the
id, inserted in the same transaction as the effect), or make the effect an upsert on a natural
key (`Order.objects.get_or_create(session_id=...)`). For ordering, re-read the object from the API
or compare its `created`/status instead of trusting the event order.
"""
    facts = (find_handlers,)
    stripe_only = True
    skips_tests = True

    def check(self, source: SourceFile) -> Iterator[Finding]:
        handlers = find_handlers(source)
        refetches = any(is_refetch(call) for call in calls(source)) if handlers else False
        for handler in handlers:
            if not receives_stripe_events(source, handler):
                continue  # another provider's webhooks
            if not handler.verifications and not refetches:
                continue  # unverified handlers are webhook-signature's business
            effect = first_effect(source, handler)
            if effect is None:
                continue
            where = f"webhook handler `{handler.name}`" if handler.name else "this webhook handler"
            yield self.finding(
                source,
                handler.line,
                1,
                f"{where} has side effects (`{effect}`) but never looks at the event id or an idempotency "
                "record: a redelivered event would repeat them (a candidate, not a proof: ignore it if the "
                "effect is idempotent)",
                identity=f"{handler.name}:{effect}",
            )
