"""amount-minor-units: amounts made with `* 100` from a float without rounding, or for a zero-decimal currency."""

from __future__ import annotations

import re
from collections.abc import Iterator

from golive_ci.amounts import (
    FLOAT_EVIDENT,
    HANDLING_NEEDLES,
    INTEGER_NAME,
    MONEY_NAME,
    ROUNDED,
    TRUNCATED,
    ZERO_DECIMAL_HANDLING,
    ZERO_DECIMAL_LITERAL,
    AmountSite,
    amount_sites,
    currency_near,
    is_variable_currency,
)
from golive_ci.code_text import in_string_or_comment
from golive_ci.facts import fact
from golive_ci.findings import Finding, Severity
from golive_ci.lang import profile
from golive_ci.rules.base import Rule, RuleContext
from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.syntax import CALLS, calls
from golive_ci.webhooks import tree

TYPE_CHECKING = False
if TYPE_CHECKING:
    from golive_ci.lang import LanguageProfile

_MULTIPLY_NEEDLES = (b"* 100", b"*100", b"100 *", b"100*")
_INT_OPERAND = re.compile(
    r"(?:\bint|parseInt|intval|Integer|int64)\s*\(\s*[\w.$\[\]'\"]+\s*\)\s*$"
    r"|\(\s*(?:int|long)\s*\)\s*[\w.$\[\]'\"]+\s*$|\.to_i\s*$|(?<![\w.])\d+\s*$"
)
_STRIPE = (b"tripe", b"TRIPE")
# A call that talks to Stripe: the SDK or Stripe.js by name, or a client collection / resource class.
_STRIPE_OBJECTS = frozenset({"stripe", "stripeclient", "stripesdk", "stripeapi", "stripejs"})
_SEGMENT = re.compile(r"[\w$]+")
_STRIPE_RECEIVER = re.compile(
    r"(?i)(?:^|[.>:])(?:payment_?intents?|checkout|sessions?|prices?|coupons?|invoice_?items?|charges?|refunds?"
    r"|transfers?|subscriptions?|subscription_?items?|products?|payment_?links?|plans?|paymentRequest|payouts?"
    r"|quotes?|invoices?|credit_?notes?|setup_?intents?)$"
)


class AmountMinorUnitsRule(Rule):
    slug = "amount-minor-units"
    checklist = "edge-cases"
    severity = Severity.WARNING
    summary = (
        "An amount for Stripe made with `* 100` from a float without rounding, or for a zero-decimal or "
        "variable currency with no zero-decimal handling."
    )
    why = """
Stripe amounts are integers in the currency's smallest unit. `19.99 * 100` in binary floating point
is `1998.9999999999998`: sent as is, the API rejects it ("Invalid integer"); truncated with
`int()`, `parseInt`, `.to_i`, `(int)`, `(long)` or `int64()`, the customer is charged 1998 cents
instead of 1999. And zero-decimal currencies (JPY, KRW, VND, CLP, …) have no minor unit: ¥500 is
`amount=500`, so a fixed `* 100` charges a hundred times the price.

Reported for a `* 100` whose result is passed (inside a Stripe call, or in a function that makes
one; Go, Java and .NET through Stripe's params types) as `amount`, `unit_amount`, `amount_off`,
`application_fee_amount`, `amount_to_capture` or `flat_amount` (or their Go/Java/.NET spellings),
directly or through a variable, in a file that uses Stripe:

- when it is not rounded and the multiplied value is a float: converted with `float()`,
  `parseFloat`, `Number()`, `.to_f`, `floatval`, a float literal, a variable declared
  `double`/`float64`, or, in JS/TS (where every number is a float) and in PHP when it truncates, a
  name that holds a price in major units (`price`, `total`, `cost`, …). Python and Ruby need the
  float to be visible, since Django and Rails keep money in `Decimal`/`BigDecimal`, where `* 100` is
  exact; .NET `decimal` is exact too;
- when the currency written next to it is zero-decimal (`"jpy"`);
- in a full scan, when the currency next to it is a per-request value and no code of the
  repository mentions zero-decimal currencies (a `ZERO_DECIMAL` list, a `zero_decimal` helper).

Test files are not checked.
"""
    example = """
```python
stripe.PaymentIntent.create(amount=int(float(form["price"]) * 100), currency="eur")
```

```js
await stripe.paymentIntents.create({ amount: order.total * 100, currency: "usd" });
```
"""
    fix = """
Round to whole minor units, or keep prices as integer cents from the start; multiply only for
currencies that have a minor unit:

```python
stripe.PaymentIntent.create(amount=int(round(float(form["price"]) * 100)), currency="eur")
```

```js
await stripe.paymentIntents.create({ amount: Math.round(order.total * 100), currency: "usd" });
```
"""
    facts = (CALLS,)
    needles = (*_MULTIPLY_NEEDLES, *HANDLING_NEEDLES)  # wants() asks for one of them

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        self.handles_zero_decimal = False
        # Findings made in check() and kept only if no file handles zero-decimal currencies (Findings,
        # not SourceFiles: a pooled scan sends this state back).
        self.pending: list[Finding] = []

    def wants(self, source: SourceFile) -> bool:
        if source.language not in self.languages:
            return False
        return source.contains(*_MULTIPLY_NEEDLES) or source.contains(*HANDLING_NEEDLES)

    def check(self, source: SourceFile) -> Iterator[Finding]:
        if source.contains(*HANDLING_NEEDLES) and ZERO_DECIMAL_HANDLING.search(source.text):
            self.handles_zero_decimal = True
        if source.is_test or not source.contains(*_STRIPE) or not source.contains(*_MULTIPLY_NEEDLES):
            return
        lines = source.lines
        language = profile(source.language)
        if language is None:
            return
        for site in amount_sites(lines):
            if in_string_or_comment(source, site.offset) or not _reaches_stripe(source, site):
                continue
            currency = currency_near(lines, site.line)
            shown = _shown(site.expression)
            if currency is not None and ZERO_DECIMAL_LITERAL.search(currency):
                yield self._at(
                    source,
                    site,
                    f"`{shown}` multiplies by 100 for {currency.strip(chr(34) + chr(39)).upper()}, a zero-decimal "
                    "currency: Stripe takes its amounts in whole units, so this charges 100 times the price; pass "
                    "the amount unchanged for zero-decimal currencies",
                )
            elif _unrounded_float(site, language, source.text):
                yield self._at(
                    source,
                    site,
                    f"`{shown}` converts `{site.operand}` to minor units without rounding: a float times 100 is "
                    "rarely whole (19.99 * 100 = 1998.9999999999998), so Stripe rejects the amount or truncation "
                    f"charges a cent less; round it: {language.minor_units_rounding}",
                )
            elif currency is not None and is_variable_currency(currency):
                self.pending.append(
                    self._at(
                        source,
                        site,
                        f"`{_shown(site.expression)}` always multiplies by 100 but the currency comes from "
                        f"`{_shown(currency)}`: "
                        "for a zero-decimal currency (JPY, KRW, …) that charges 100 times the price, and no code "
                        "of this repository handles zero-decimal currencies; multiply only for currencies with a "
                        "minor unit",
                    )
                )

    def finish(self) -> Iterator[Finding]:
        if self.context.partial or self.handles_zero_decimal:
            return
        yield from self.pending

    def _at(self, source: SourceFile, site: AmountSite, message: str) -> Finding:
        line, column = source.position(site.offset)
        return self.finding(source, line, column, message, identity=f"{site.expression}")


def _unrounded_float(site: AmountSite, language: LanguageProfile, text: str) -> bool:
    value = site.expression
    if ROUNDED.search(value):
        return False
    name = re.sub(r"[^\w$]+$", "", site.operand).rsplit(".", 1)[-1].lstrip("$").strip("'\"[]")
    before = value.split("*", 1)[0] if "*" in value else value
    if not name or INTEGER_NAME.search(name) or _INT_OPERAND.search(before.rstrip()):
        return False
    if language.amount_floats_need_cast and TRUNCATED.search(value) is None:
        return False
    if FLOAT_EVIDENT.search(value) is not None:
        return True
    if language.typed_sdk:  # the declared type tells
        return _declared_float(text, name)
    # A price name holds a float unless money is kept in decimals (then only a visible float counts).
    return not language.prices_are_decimals and MONEY_NAME.search(name) is not None


def _declared_float(text: str, name: str) -> bool:
    escaped = re.escape(name)
    pattern = (
        rf"\b(?:float64|float32|double|Double|float|Float)\??\s+{escaped}\b|\b{escaped}\s+(?:\*?float64|\*?float32)\b"
        rf"|\b{escaped}\s*(?::=|=)\s*\d+\.\d"
    )
    return re.search(pattern, text) is not None


def _shown(text: str) -> str:
    one_line = " ".join(text.split()).rstrip(",;")
    return one_line if len(one_line) <= 60 else one_line[:57] + "…"


def _reaches_stripe(source: SourceFile, site: AmountSite) -> bool:
    """In JS/TS, Python, Ruby and PHP the amount must be handed over inside a Stripe call, or in a
    function that makes one (params built first); Go, Java and .NET name Stripe's params types."""
    language = profile(source.language)
    if language is None or language.typed_sdk:
        return True
    spans = _stripe_spans(source)
    text = source.text
    for use in site.uses:
        offset = len(text[:use].encode("utf-8", "surrogateescape"))
        if any(start <= offset < end for start, end in spans):
            return True
    return False


@fact("spans of Stripe calls and their functions")
def _stripe_spans(source: SourceFile) -> list[tuple[int, int]]:
    """Byte spans of the file's Stripe calls and of the functions that make them (empty if unparsable)."""
    spans: list[tuple[int, int]] = []
    try:
        found = calls(source)
    except ParseError:
        found = []
    for call in found:
        receiver = call.receiver.replace("?.", ".")
        names = {part.strip("$_").lower() for part in _SEGMENT.findall(receiver)}
        if names & _STRIPE_OBJECTS or _STRIPE_RECEIVER.search(receiver):
            spans.append(tree.span(source, call.node))
            if call.function is not None:
                spans.append(tree.span(source, call.function))
    return spans
