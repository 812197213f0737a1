"""card-error-handling: error handling around a payment that treats card declines like any other error."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.lang import profile
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.webhooks.card_errors import blind_handler
from golive_ci.webhooks.payments import mentions_payment, payment_calls


class CardErrorHandlingRule(Rule):
    slug = "card-error-handling"
    checklist = "error-handling"
    severity = Severity.WARNING
    summary = "Error handling around a payment call that cannot tell a card error from other Stripe errors."
    why = """
A declined card is an everyday answer, not a failure: the customer should read "Your card was
declined" and try another card. An invalid request, an authentication problem or an outage is
your problem and deserves a log entry and a generic message. Handling that catches every Stripe
error (or every exception) alike around a call that can decline shows customers a server error for
a decline, or your API error for what was only a decline.

Calls that can decline: a PaymentIntent or SetupIntent `confirm`, or its create with `confirm`;
a Charge create; a Customer create with a card `source`; a PaymentMethod `attach`; an Invoice
`pay`; a Subscription create, unless its `payment_behavior` is `default_incomplete` (or
`allow_incomplete`, `pending_if_incomplete`), which answers with an incomplete subscription instead
of a card error. A PaymentIntent or SetupIntent created without `confirm` returns no card error
and is not judged.

Only handling that is there is judged: a call without a try/catch (or a Go error returned to the
caller) is left to the caller. A handler that only re-raises is not reported, nor one that hands
the error to a helper of the same file (class or module) that tests for the card error.
"""
    example = """
```python
try:
    intent = stripe.PaymentIntent.create(amount=amount, currency="eur", payment_method=pm, confirm=True)
except stripe.StripeError:
    return jsonify(error="Payment failed, please try again later"), 500
```
"""
    fix = """
Catch the card error first and show its message; handle the rest as your own failure:

```python
try:
    intent = stripe.PaymentIntent.create(amount=amount, currency="eur", payment_method=pm, confirm=True)
except stripe.CardError as e:
    return jsonify(error=e.user_message), 402
except stripe.StripeError:
    log.exception("Stripe request failed")
    return jsonify(error="Something went wrong on our side"), 500
```

Other SDKs: `err.type === 'StripeCardError'` (Node), `Stripe::CardError` (Ruby),
`\\Stripe\\Exception\\CardException` (PHP), `stripe.ErrorTypeCard` (Go), `CardException` (Java),
`e.StripeError.Type == "card_error"` (.NET).
"""
    facts = (payment_calls,)
    skips_tests = True

    def check(self, source: SourceFile) -> Iterator[Finding]:
        if not mentions_payment(source):
            return
        found = [payment for payment in payment_calls(source) if payment.charges_a_card]
        language = profile(source.language)
        card_error = language.card_error if language else "the card error"
        for payment in found:
            blind = blind_handler(source, payment)
            if blind is None:
                continue
            call = payment.call
            yield self.finding(
                source,
                call.line,
                call.column,
                f"`{payment.display}` can be declined, but the error handling at line {blind.line} "
                f"(`{blind.catches}`) treats a card error like any other error: handle {card_error} "
                "separately and show the decline to the customer",
                identity=f"{payment.display}:{blind.catches}",
            )
