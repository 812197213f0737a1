"""raw-card-data-api: server code that sends raw card numbers to Stripe."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.card_apis import (
    CARD_EXPIRY,
    CARD_NUMBER,
    FORM_ENCODED_NUMBER,
    call_text,
    function_text,
    stripe_calls,
)
from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call

# Resources whose create takes a card object; the card may be built earlier in the function.
_CARD_CREATES = frozenset({"Token", "PaymentMethod", "Source"})
_COMMENT_STARTS = ("//", "#", "*", "/*", "<!--")


class RawCardDataApiRule(Rule):
    slug = "raw-card-data-api"
    checklist = "logging"
    severity = Severity.ERROR
    summary = "Server code sends raw card numbers to Stripe (a token, PaymentMethod or Source made from card details)."
    why = """
Creating a token, PaymentMethod or Source from a card number on your server
(`Token.create(card={"number": …})`, `PaymentMethod.create(type="card", card={"number": …})`,
`payment_method_data[card][number]`, .NET `TokenCardOptions { Number = … }`, Java
`setNumber(…)`, Go `CardParams{Number: …}`) means card numbers pass through your systems. Live
accounts refuse these requests unless Stripe has enabled raw card data for the account, so an
integration that worked in test mode fails on the first live payment; and a server that sees card
numbers falls under PCI DSS SAQ D (hundreds of controls, an annual assessment) instead of SAQ A.

Reported when a Stripe create (Token, PaymentMethod, Source, or a Charge, Customer, PaymentIntent or
SetupIntent given card details) carries a card `number` together with an expiry month, or a
form-encoded `card[number]` is sent. Test files are not checked: tests talk to test mode, where
`tok_visa` / `pm_card_visa` are the better habit but a test card number puts nothing in scope.
"""
    example = """
```python
token = stripe.Token.create(card={"number": form.number, "exp_month": form.month, "exp_year": form.year})
```

```js
await stripe.paymentMethods.create({ type: "card", card: { number, exp_month, exp_year, cvc } });
```
"""
    fix = """
Collect card details in the browser or app with Stripe Elements / the Payment Element, Checkout, or
the mobile SDKs: the card goes straight to Stripe and your server receives a PaymentMethod id.

```python
intent = stripe.PaymentIntent.create(amount=1000, currency="eur", payment_method=payment_method_id, confirm=True)
```
"""
    facts = (stripe_calls,)
    needles = (b"xp_month", b"xpMonth", b"xpmonth")  # card details to send: narrower than the facts'
    skips_tests = True

    def check(self, source: SourceFile) -> Iterator[Finding]:
        if not source.contains(b"tripe", b"TRIPE"):
            return
        found = stripe_calls(source)
        lines: set[int] = set()
        for call, resource in found:
            if not _sends_card_number(source, call, resource):
                continue
            lines.add(call.line)
            yield self.finding(
                source,
                call.line,
                call.column,
                f"`{_short(call.callee)}` sends a raw card number to Stripe: live mode refuses it unless raw card "
                "data is enabled for the account, and your server falls under PCI DSS SAQ D; collect cards with "
                "Elements, Checkout or the mobile SDKs and pass the PaymentMethod id",
                identity=f"{call.callee}:{resource}",
            )
        yield from self._form_encoded(source, lines)

    def _form_encoded(self, source: SourceFile, reported: set[int]) -> Iterator[Finding]:
        """`card[number]` sent as a form field by hand (raw HTTP to the API)."""
        text = source.text
        for match in FORM_ENCODED_NUMBER.finditer(text):
            line, column = source.position(match.start())
            if line in reported or source.line_text(line).lstrip().startswith(_COMMENT_STARTS):
                continue
            reported.add(line)
            yield self.finding(
                source,
                line,
                column,
                "a form-encoded `card[number]` is sent to Stripe: live mode refuses raw card data unless it is "
                "enabled for the account, and your server falls under PCI DSS SAQ D; collect cards with Elements, "
                "Checkout or the mobile SDKs",
                identity=f"form:{match.group(0)}",
            )


def _sends_card_number(source: SourceFile, call: Call, resource: str) -> bool:
    own = call_text(source, call)
    if CARD_NUMBER.search(own):
        return bool(CARD_EXPIRY.search(own) or CARD_EXPIRY.search(function_text(source, call)))
    if resource not in _CARD_CREATES:
        return False
    around = function_text(source, call)
    return bool(CARD_NUMBER.search(around) and CARD_EXPIRY.search(around))


def _short(callee: str) -> str:
    return callee if len(callee) <= 60 else callee[:57] + "…"
