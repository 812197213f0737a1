"""webhook-signature: a webhook handler that acts on Stripe events without verifying their signature."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import calls
from golive_ci.webhooks.bypass import CAUGHT, CONFIG, REQUEST, Bypass, bypasses
from golive_ci.webhooks.handlers import (
    delegates_verification,
    is_refetch,
    is_verification,
    retrieves_from_api,
    verified_elsewhere,
)
from golive_ci.webhooks.provider import stripe_event_handlers


class WebhookSignatureRule(Rule):
    slug = "webhook-signature"
    checklist = "webhooks"
    severity = Severity.ERROR
    summary = "A webhook handler acts on Stripe events without verifying the Stripe-Signature header."
    why = """
Your webhook endpoint is a public URL. Without checking the `Stripe-Signature` header against your
endpoint's signing secret, anyone who finds the URL can post a made-up `checkout.session.completed`
and get goods for free. Verification that runs only when the header is present is no verification:
an attacker simply leaves the header out (error). Verification that is skipped when the signing
secret is not configured fails open: one missing environment variable in production and every
forged event is accepted (warning, naming the branch). A failed verification that is caught and
ignored is the same as none (error).

Only handlers that receive Stripe events are judged: the handler names Stripe (the SDK, the
`Stripe-Signature` header, a Stripe webhook route or class), or branches on Stripe event types
without naming another provider. A handler of another service's webhooks (Svix / Standard
Webhooks, Paddle, GitHub, Shopify, …) is not this rule's business, even when some of its event
names look like Stripe's (`customer.created`).

A handler that does not trust the payload at all but re-fetches the event from the API by id
(`stripe.Event.retrieve(id)`, `stripe.events.retrieve(id)`, `client.v1.events.retrieve(id)`) is safe
and is not reported.
"""
    example = """
```python
@app.post("/webhook")
def webhook():
    event = json.loads(request.data)          # trusted as is
    if event["type"] == "checkout.session.completed":
        fulfil(event["data"]["object"])
```

```js
let event = req.body;
if (req.headers["stripe-signature"]) {     // skipped when the header is missing
  event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
}
switch (event.type) { case "invoice.paid": grantAccess(event.data.object); }
```
"""
    fix = """
Verify every request with your SDK and answer 400 when it fails; fail closed when the secret is
missing:

```python
secret = os.environ["STRIPE_WEBHOOK_SECRET"]   # KeyError at start-up, not a silent skip

@app.post("/webhook")
def webhook():
    try:
        event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], secret)
    except (ValueError, stripe.SignatureVerificationError):
        return "", 400
    if event["type"] == "checkout.session.completed":
        fulfil(event["data"]["object"])
```

Equivalents: `stripe.webhooks.constructEvent`/`constructEventAsync` (Node), `Stripe::Webhook.construct_event`
(Ruby), `\\Stripe\\Webhook::constructEvent` (PHP), `webhook.ConstructEvent` (Go), `Webhook.constructEvent`
(Java), `EventUtility.ConstructEvent` (.NET). Pass the raw body, not a re-serialised JSON object.
"""
    facts = (stripe_event_handlers,)
    stripe_only = True
    skips_tests = True

    def check(self, source: SourceFile) -> Iterator[Finding]:
        handlers = stripe_event_handlers(source)
        if not handlers:
            return
        all_calls = calls(source)
        refetches = any(is_refetch(call) for call in all_calls)
        verifies_in_file = any(is_verification(call) for call in all_calls) or verified_elsewhere(source)
        for handler in handlers:
            where = f"webhook handler `{handler.name}`" if handler.name else "this webhook handler"
            if not handler.verifications:
                if (
                    refetches
                    or verifies_in_file
                    or delegates_verification(source, handler)
                    or retrieves_from_api(source, handler)
                ):
                    continue
                yield self.finding(
                    source,
                    handler.line,
                    1,
                    f"{where} acts on Stripe events without verifying the Stripe-Signature header: anyone can "
                    "post a forged event to it (verify with your SDK's construct_event / constructEvent, or "
                    "re-fetch the event by id)",
                    identity=f"unverified:{handler.name}:{handler.anchors[0] if handler.anchors else 0}",
                )
                continue
            if refetches:
                continue
            for bypass in bypasses(source, handler):
                yield self._bypass_finding(source, where, bypass)

    def _bypass_finding(self, source: SourceFile, where: str, bypass: Bypass) -> Finding:
        kind, line, condition = bypass.kind, bypass.line, bypass.condition
        if kind == REQUEST:
            message = (
                f"{where} verifies the signature only when `{condition}` (line {line}): the request decides, so a "
                "forged event without the Stripe-Signature header skips verification; verify every request and "
                "answer 400 when the header is missing or wrong"
            )
            severity = Severity.ERROR
        elif kind == CONFIG:
            message = (
                f"{where} skips signature verification unless `{condition}` (branch at line {line}): if the secret "
                "is not configured it accepts unsigned events (fail-open); fail at start-up instead"
            )
            severity = Severity.WARNING
        elif kind == CAUGHT:
            message = (
                f"{where} catches a failed signature verification ({condition}, line {line}) and carries on: "
                "answer 400 and stop instead"
            )
            severity = Severity.ERROR
        else:  # IGNORED
            message = (
                f"{where} discards the error of the signature verification (`{condition}`), so forged events "
                "are processed: check the error and answer 400"
            )
            severity = Severity.ERROR
        return self.finding(source, line, 1, message, severity=severity, identity=f"{kind}:{condition}")
