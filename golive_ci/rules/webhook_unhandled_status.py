"""webhook-unhandled-status: a webhook handler that fails the request for event types it does not handle."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.webhooks.bypass import one_line
from golive_ci.webhooks.dispatch import failing_unknown_type_paths
from golive_ci.webhooks.provider import stripe_event_handlers


class WebhookUnhandledStatusRule(Rule):
    slug = "webhook-unhandled-status"
    checklist = "webhooks"
    severity = Severity.WARNING
    summary = "A Stripe webhook handler throws or answers non-2xx for event types it does not handle."
    why = """
Stripe treats any answer other than 2xx as a failed delivery: it retries the event for up to three
days and, when an endpoint keeps failing, emails you and disables it — then the events you do
handle stop arriving too. An endpoint receives every type it is subscribed to, new types appear
when someone ticks a box in the Dashboard, and a "select all" subscription sends hundreds. So the
branch for a type the code does not know (`default:` of a switch, the final `else` of an if-chain on
the event type, Python's `case _:`, `if (event.type !== "…") return res.sendStatus(400)`) must
acknowledge the event, not throw, raise or answer 400/500.

Only handlers of Stripe events are judged (see `webhook-signature`). A throw that a surrounding try
turns into a 2xx answer is not reported.
"""
    example = """
```js
const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
switch (event.type) {
  case "checkout.session.completed":
    await fulfil(event.data.object);
    break;
  default:
    return res.status(400).send(`Unhandled event type ${event.type}`);
}
```

```python
event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], secret)
if event["type"] == "invoice.paid":
    grant_access(event["data"]["object"])
else:
    raise ValueError("Unhandled event type")
```
"""
    fix = """
Log unknown types and answer 2xx; subscribe the endpoint only to the types you handle:

```js
const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
switch (event.type) {
  case "checkout.session.completed":
    await fulfil(event.data.object);
    break;
  default:
    console.log(`Unhandled event type ${event.type}`);
}
res.json({ received: true });
```

```python
@app.post("/webhook")
def webhook():
    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], secret)
    if event["type"] == "invoice.paid":
        grant_access(event["data"]["object"])
    else:
        logger.info("ignored %s", event["type"])
    return "", 200
```
"""
    facts = (stripe_event_handlers,)
    skips_tests = True

    def check(self, source: SourceFile) -> Iterator[Finding]:
        handlers = stripe_event_handlers(source)
        paths = [(handler, path) for handler in handlers for path in failing_unknown_type_paths(source, handler)]
        for handler, path in paths:
            where = f"webhook handler `{handler.name}`" if handler.name else "this webhook handler"
            reason = one_line(path.reason, 70)
            arm = "`if type != …` branch" if path.kind == "if not" else f"`{path.kind}` branch"
            message = (
                f"{where} fails unknown event types in its {arm} (`{reason}`): Stripe retries them "
                "for days and may disable the endpoint; log them and answer 2xx"
            )
            yield self.finding(source, path.line, 1, message, identity=f"{handler.name}:{path.kind}:{reason}")
