"""idempotency-key: a money-moving Stripe create call sent without an idempotency key."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.webhooks.payments import PAYMENT_NEEDLES, has_idempotency_key, mentions_payment, payment_calls

_HOW = {
    "python": 'idempotency_key=f"order-{order.id}"',
    "javascript": "{ idempotencyKey: `order-${order.id}` } as the options argument",
    "ruby": 'idempotency_key: "order-#{order.id}" in the options hash',
    "php": "['idempotency_key' => \"order-{$order->id}\"] as the options array",
    "go": 'params.SetIdempotencyKey("order-" + orderID)',
    "java": 'RequestOptions.builder().setIdempotencyKey("order-" + orderId).build()',
    "csharp": 'new RequestOptions { IdempotencyKey = $"order-{orderId}" }',
}
_HOW["typescript"] = _HOW["tsx"] = _HOW["javascript"]


class IdempotencyKeyRule(Rule):
    slug = "idempotency-key"
    checklist = "edge-cases"
    severity = Severity.WARNING
    summary = "A money-moving Stripe create call (payment, charge, refund, transfer, …) without an idempotency key."
    why = """
Networks fail after the request has reached Stripe. When your code, a job queue or an impatient
customer retries a `PaymentIntent`, `Charge`, `Refund`, `Transfer`, `Payout` or `Subscription` create
(or an `Invoice` pay), the money moves twice unless the retry carries the same idempotency key as
the first attempt. The SDKs add a key to their own automatic network retries, but not to retries of
your code; a key derived from your own record (order id, refund request id) makes every retry safe.

Not reported when a key is visible in the call or the enclosing function, or when the options are
passed in a variable or a `**`/`...` spread that this check cannot see into. Test files are skipped.
"""
    example = """
```python
stripe.Refund.create(payment_intent=order.payment_intent_id)
```

```js
await stripe.paymentIntents.create({ amount, currency: "eur", customer });
```
"""
    fix = """
Pass a key that identifies the business operation, not a fresh random one per attempt:

```python
stripe.Refund.create(payment_intent=order.payment_intent_id, idempotency_key=f"refund-{order.id}")
```

```js
await stripe.paymentIntents.create({ amount, currency: "eur", customer }, { idempotencyKey: `order-${order.id}` });
```
"""
    needles = PAYMENT_NEEDLES
    languages = frozenset({"python", "javascript", "typescript", "tsx", "ruby", "php", "go", "java", "csharp"})

    def check(self, source: SourceFile) -> Iterator[Finding]:
        if source.is_test or not mentions_payment(source):
            return
        try:
            found = payment_calls(source)
        except ParseError as exc:
            self.context.notice(source.path, f"{self.slug}: {exc}; file not checked")
            return
        how = _HOW.get(source.language or "", "an idempotency key")
        for payment in found:
            if not payment.moves_money or has_idempotency_key(source, payment):
                continue
            call = payment.call
            yield self.finding(
                source,
                call.line,
                call.column,
                f"`{payment.display}` moves money without an idempotency key: a retried request can "
                f"{'pay' if payment.action == 'pay' else 'create'} the {payment.resource} twice (pass {how})",
                identity=f"{payment.display}:{payment.function_text.count(chr(10))}",
            )
