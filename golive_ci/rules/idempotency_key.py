"""idempotency-key: a money-moving Stripe create call sent without an idempotency key."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.lang import profile
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.webhooks.payments import (
    KEY_CONSTANT,
    KEY_MISSING,
    KEY_RANDOM,
    idempotency_key,
    mentions_payment,
    payment_calls,
)


class IdempotencyKeyRule(Rule):
    slug = "idempotency-key"
    checklist = "edge-cases"
    severity = Severity.WARNING
    summary = "A money-moving Stripe create call (payment, charge, refund, transfer, …) without an idempotency key."
    why = """
Networks fail after the request has reached Stripe. When your code, a job queue or an impatient
customer retries a `PaymentIntent`, `Charge`, `Refund`, `Transfer`, `Payout` or `Subscription` create,
the money moves twice unless the retry carries the same idempotency key as the first attempt. The
SDKs add a key to their own automatic network retries, but not to retries of your code; a key
derived from your own record (order id, refund request id) makes every retry safe.

A PaymentIntent created without `confirm` and a Subscription created with
`payment_behavior="default_incomplete"` move no money: a retry leaves a duplicate object that is
never paid, and they are not reported. Nor is paying an `Invoice`: one invoice cannot be paid
twice (a repeated pay fails because it is already paid).

A key must be a real key: the word "idempotency" in a comment does not count. A fresh random key
made at the call (`uuid4()`, `randomUUID()`, `SecureRandom.uuid`, `Guid.NewGuid()`, …) is a warning:
it protects only the SDK's own network retries, not a retry of your code. One constant key for
every request is a warning too: Stripe replays the first request's result to all the others.

Not reported when a key derived from something else is visible in the call or the enclosing
function, or when the options are passed in a variable or a `**`/`...` spread that this check
cannot see into. Test files are skipped.
"""
    example = """
```python
stripe.Refund.create(payment_intent=order.payment_intent_id)
```

```js
await stripe.paymentIntents.create({ amount, currency: "eur", customer, confirm: true });
await stripe.refunds.create({ payment_intent: id }, { idempotencyKey: randomUUID() });  // random per attempt
```
"""
    fix = """
Pass a key that identifies the business operation, not a fresh random one per attempt:

```python
stripe.Refund.create(payment_intent=order.payment_intent_id, idempotency_key=f"refund-{order.id}")
```

```js
await stripe.paymentIntents.create(
  { amount, currency: "eur", customer, confirm: true },
  { idempotencyKey: `order-${order.id}` },
);
```
"""
    facts = (payment_calls,)
    skips_tests = True

    def check(self, source: SourceFile) -> Iterator[Finding]:
        if not mentions_payment(source):
            return
        found = payment_calls(source)
        language = profile(source.language)
        how = language.idempotency_option if language else "an idempotency key"
        for payment in found:
            if not payment.moves_money:
                continue
            key = idempotency_key(source, payment)
            twice = f"{'pay' if payment.action == 'pay' else 'create'} the {payment.resource} twice"
            if key == KEY_MISSING:
                message = f"`{payment.display}` moves money without an idempotency key: a retried request can {twice}"
            elif key == KEY_RANDOM:
                message = (
                    f"`{payment.display}` gets a fresh random idempotency key at the call: it protects only the "
                    f"SDK's own network retries; when your code, a job or the customer retries, the new key can {twice}"
                )
            elif key == KEY_CONSTANT:
                message = (
                    f"`{payment.display}` sends the same constant idempotency key for every request: Stripe answers "
                    "every later request with the first one's result (or an error), so only one ever goes through"
                )
            else:
                continue
            call = payment.call
            yield self.finding(
                source,
                call.line,
                call.column,
                f"{message} (pass {how})",
                identity=f"{payment.display}:{payment.function_text.count(chr(10))}"
                + ("" if key == KEY_MISSING else f":{key}"),
            )
