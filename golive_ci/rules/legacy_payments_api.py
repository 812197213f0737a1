"""legacy-payments-api: Charges with tokens or sources, the Sources API, and legacy Stripe.js methods."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.card_apis import (
    STRIPE_JS_LEGACY,
    TOKEN_SOURCE,
    call_text,
    function_text,
    is_stripe_js_receiver,
    stripe_calls,
    stripe_js_bindings,
)
from golive_ci.findings import Finding, Severity
from golive_ci.lang import profile
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call, calls, string_value

_CHARGE = (
    "the Charges API has no Strong Customer Authentication: cards that require 3D Secure (most of the EEA "
    "and UK) are declined; create and confirm a PaymentIntent (or a Checkout Session) with a PaymentMethod instead"
)
_SOURCES = (
    "the Sources API is deprecated and has no SCA: use PaymentMethods with PaymentIntents or SetupIntents "
    "(or Checkout Sessions)"
)


class LegacyPaymentsApiRule(Rule):
    slug = "legacy-payments-api"
    checklist = "error-handling"
    severity = Severity.INFO
    summary = (
        "A legacy payments API without SCA or already removed: Charges with tokens/sources, Sources, Stripe.js "
        "`createToken`/`createSource`/`redirectToCheckout`/`handleCardPayment`."
    )
    why = """
Charges created from a token or source (`Charge.create(source=tok)`), the Sources API
(`Source.create`, `customers.createSource`) and the Stripe.js methods built on them
(`stripe.createToken`, `stripe.createSource`) cannot run Strong Customer Authentication: in
the EEA, the UK and other regions that require it, banks decline such payments, and every
network-driven authentication change has to be handled by hand. `redirectToCheckout` and
`handleCardPayment` / `handleCardSetup` are deprecated Stripe.js methods (replaced by a Checkout
Session `url` and `confirmPayment` / `confirmSetup`); the newest Stripe.js versions no longer
have them.

Stripe.js calls count only on a Stripe.js instance (`stripe`, `this.stripe`, `props.stripe`, a
name bound to `Stripe(pk)` / `loadStripe(pk)` / `useStripe()`, Stripe.js v2's `Stripe.card`): a
`createToken` of another library is not reported, nor tokens that are not cards
(`createToken('account' | 'person' | 'pii' | 'bank_account', …)`: Connect onboarding and payout
accounts still use them). Test files are not checked. Info: the code may still work today, but it
is the first thing to move before going live in SCA regions.
"""
    example = """
```python
charge = stripe.Charge.create(amount=1000, currency="eur", source=request.form["stripeToken"])
```

```js
const { token } = await stripe.createToken(card);
```
"""
    fix = """
Move to PaymentIntents (server) and the Payment Element with `confirmPayment` (browser), or to
Checkout Sessions:

```python
intent = stripe.PaymentIntent.create(amount=1000, currency="eur", automatic_payment_methods={"enabled": True})
```

```js
const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url } });
```
"""
    facts = (stripe_calls, stripe_js_bindings)
    skips_tests = True

    def check(self, source: SourceFile) -> Iterator[Finding]:
        server = stripe_calls(source) if source.contains(b"harge", b"ource") else []
        language = profile(source.language)
        browser = self._stripe_js(source) if language is not None and language.browser_code else []
        for call, resource in server:
            message = _server_message(source, call, resource)
            if message is not None:
                yield self.finding(
                    source, call.line, call.column, f"`{_short(call.callee)}`: {message}", identity=call.callee
                )
        for call in browser:
            yield self.finding(
                source,
                call.line,
                call.column,
                f"Stripe.js `{call.name}`: {STRIPE_JS_LEGACY[call.name]}",
                identity=f"stripe.js:{call.name}",
            )

    def _stripe_js(self, source: SourceFile) -> list[Call]:
        if not any(name.encode() in source.data for name in STRIPE_JS_LEGACY):
            return []
        bound = stripe_js_bindings(source)
        return [
            c
            for c in calls(source)
            if c.name in STRIPE_JS_LEGACY and is_stripe_js_receiver(c.receiver, bound) and not _current_token(c)
        ]


def _server_message(source: SourceFile, call: Call, resource: str) -> str | None:
    if call.name in ("create_source", "createSource", "CreateSource"):
        return _SOURCES if resource == "Customer" else None
    if call.name in ("confirm", "Confirm", "ConfirmAsync"):
        return None
    if resource == "Source":
        return _SOURCES
    if resource != "Charge":
        return None
    if TOKEN_SOURCE.search(call_text(source, call)):
        return _CHARGE
    language = profile(source.language)
    typed = language is not None and language.typed_sdk  # params are built before the call
    built_before = typed or not any(_is_literal(a.name, a.text) for a in call.args)
    return _CHARGE if built_before and TOKEN_SOURCE.search(function_text(source, call)) else None


def _current_token(call: Call) -> bool:
    """``createToken('account' | 'person' | 'pii' | 'cvc_update' | 'bank_account', …)``: Connect onboarding,
    PII and payout bank accounts still use tokens; only card tokens are the legacy payment flow."""
    if call.name != "createToken":
        return False
    first = call.positional(0)
    kind = string_value(first.node) if first is not None else None
    return kind is not None and kind != "card"


def _is_literal(name: str | None, text: str) -> bool:
    """A keyword argument or a literal mapping: the params are written at the call, not in a variable."""
    return name is not None or text.lstrip().startswith(("{", "[", "array("))


def _short(callee: str) -> str:
    return callee if len(callee) <= 60 else callee[:57] + "…"
