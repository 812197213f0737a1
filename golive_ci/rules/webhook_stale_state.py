"""webhook-stale-state: webhook code that stores state from an event as if events came in order and on time."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.webhooks.bypass import one_line
from golive_ci.webhooks.provider import stripe_event_handlers
from golive_ci.webhooks.stale_state import (
    checkout_ignores_payment_status,
    compares_created,
    handler_branches,
    is_stateful,
    refetches_objects,
    stale_stores,
)


class WebhookStaleStateRule(Rule):
    slug = "webhook-stale-state"
    checklist = "webhooks"
    severity = Severity.INFO
    summary = (
        "Webhook code stores subscription, invoice or payment state straight from the event, ignoring order and delay."
    )
    why = """
Stripe does not guarantee the order of events, and retries undelivered ones for up to three days.
A `customer.subscription.updated` sent before a cancellation can arrive after the
`customer.subscription.deleted`; storing its `status` or plan as is brings a cancelled customer
back to `active`. The go-live checklist asks for handlers that tolerate late notifications and no
required order. Reported (info) when a file that handles `customer.subscription.*`, `invoice.*` or
`payment_intent.*` events stores a `status` / plan / price field read from the event's object
(`event.data.object`, or a variable or parameter holding it) and the file neither re-fetches the
object from the API (`stripe.Subscription.retrieve(id)`) nor compares the event's `created` time
with what it stored last.

Also reported: a `checkout.session.completed` branch in a file that never looks at the session's
`payment_status` (or `checkout.session.async_payment_succeeded`) and does not limit Checkout to
cards: with delayed payment methods (bank debits, vouchers, which the Dashboard can switch on
without a code change) the session completes before the money arrives.
"""
    example = """
```js
app.post("/webhook", express.raw({ type: "application/json" }), async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  if (event.type === "customer.subscription.updated") {
    const subscription = event.data.object;
    await db.user.update({ where: { customerId: subscription.customer },
                           data: { status: subscription.status } });
  }
  res.json({ received: true });
});
```
"""
    fix = """
Treat the event as a signal and read the current state from the API:

```js
app.post("/webhook", express.raw({ type: "application/json" }), async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  if (event.type === "customer.subscription.updated") {
    const subscription = await stripe.subscriptions.retrieve(event.data.object.id);
    await db.user.update({ where: { customerId: subscription.customer },
                           data: { status: subscription.status } });
  }
  res.json({ received: true });
});
```

Or store the event's `created` with the state and ignore events older than it. For Checkout,
fulfil when `payment_status` is `paid` and handle `checkout.session.async_payment_succeeded`.
"""
    facts = (stripe_event_handlers,)
    skips_tests = True

    def check(self, source: SourceFile) -> Iterator[Finding]:
        handlers = stripe_event_handlers(source)
        branches = handler_branches(source, handlers) if handlers else []
        if not branches:
            return
        refetches = refetches_objects(source)
        if any(is_stateful(branch.event_type) for branch in branches) and not (refetches or compares_created(source)):
            for offset, written in stale_stores(source):
                shown = one_line(written, 70)
                message = (
                    f"`{shown}` stores state read from the event's object, with no re-fetch and no `created` "
                    "comparison in this file: events arrive late and out of order, so an older event can overwrite "
                    "newer state; re-fetch the object or keep the newest event's time"
                )
                yield self.finding_at(source, offset, message, identity=f"store:{shown}")
        checkout = checkout_ignores_payment_status(source, branches)
        if checkout is not None:
            message = (
                "`checkout.session.completed` is handled but nothing in this file checks the session's "
                "`payment_status`: with a delayed payment method the session completes before the payment succeeds; "
                "fulfil when it is `paid` and handle `checkout.session.async_payment_succeeded`"
            )
            yield self.finding(source, checkout.line, 1, message, identity="checkout-payment-status")
