"""Stripe calls that send raw card data, and the legacy payment APIs, in every supported language.

Data tables and matching for the rules ``raw-card-data-api`` and ``legacy-payments-api``. A call is
a Stripe call when its receiver names Stripe (``stripe.Token.create``, ``Stripe::Charge.create``,
``$stripe->tokens->create``, ``this.stripe.createToken``), when the file imports the SDK's model
classes (Java ``com.stripe.model.Token``, PHP ``use Stripe\\Token``, Python ``from stripe import``),
or through a Stripe client variable, a stripe-go package or a .NET ``XService``.
"""

from __future__ import annotations

import re

from golive_ci.facts import fact
from golive_ci.lang import code_languages
from golive_ci.parsing import lazy_pattern
from golive_ci.sdk_calls import SdkResources, enclosing_function
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call, calls
from golive_ci.webhooks import tree

# Server resources whose creates can carry card details or a token/source.
SERVER_RESOURCES = ("Token", "PaymentMethod", "Source", "Charge", "Customer", "PaymentIntent", "SetupIntent")
_SERVER = SdkResources("card_apis", SERVER_RESOURCES)
_CREATES = frozenset({"create", "Create", "CreateAsync", "New", "confirm", "Confirm", "ConfirmAsync"})
_SOURCE_CREATES = frozenset({"create_source", "createSource", "CreateSource"})

# A card number given as data: a `number` key or field (not `account_number`), a typed setter, or a
# form-encoded `card[number]`; and, to tell a card from anything else with a number, an expiry month.
CARD_NUMBER = lazy_pattern(
    r"""(?:['"]number['"]\s*(?:=>|:|,)|(?<![\w.$])number\s*[:=](?!=)|:number\s*=>|\bNumber\s*[:=](?!=)"""
    r"""|\bsetNumber\(|card\]?\[number\]|[{,]\s*number\s*(?=[,}]))"""
)
CARD_EXPIRY = lazy_pattern(r"(?i)exp_?month|card\]?\[exp_month\]")
# A form field name on its own (a quoted key, or `&card[number]=` in a query string), not prose.
FORM_ENCODED_NUMBER = lazy_pattern(r"""['"&?](?:\w+\[)?card\]?\[number\](?=['"=])""")
# A token or source handed to a Charge: `source=`, `source:`, `'source' =>`, `SetSource(`, `Source =`.
TOKEN_SOURCE = lazy_pattern(
    r"""(?:['"]source['"]\s*(?:=>|:|,)|(?<![\w.$])source\s*[:=](?!=)|:source\s*=>|\bSource\s*[:=](?!=)"""
    r"""|\b[sS]etSource\(|[{,]\s*source\s*(?=[,}]))"""
)

# Stripe.js (browser) methods that are removed or have no SCA, with what replaces them.
STRIPE_JS_LEGACY: dict[str, str] = {
    "createToken": "Tokens carry no SCA: collect the card with the Payment Element and confirm a "
    "PaymentIntent (`stripe.confirmPayment`) or SetupIntent (`stripe.confirmSetup`)",
    "createSource": "the Sources API is deprecated: use the Payment Element with PaymentIntents "
    "(`stripe.confirmPayment`) or SetupIntents (`stripe.confirmSetup`)",
    "redirectToCheckout": "`redirectToCheckout` is deprecated and removed from current Stripe.js: create a "
    "Checkout Session on the server and redirect to its `url`",
    "handleCardPayment": "`handleCardPayment` was replaced by `stripe.confirmPayment` (or `confirmCardPayment`)",
    "handleCardSetup": "`handleCardSetup` was replaced by `stripe.confirmSetup` (or `confirmCardSetup`)",
}
# Names a Stripe.js instance is commonly bound to, and how it is made.
_STRIPE_JS_BINDING = lazy_pattern(
    r"(?<![$\w.])([$\w]+)\s*(?::\s*[\w<>|\s]+?)?=\s*(?:await\s+)?(?:window\.)?(?:Stripe|loadStripe|useStripe|getStripe)\s*\("
)


def is_stripe_js_receiver(receiver: str, bound: set[str]) -> bool:
    """``stripe``, ``this.stripe``, ``props.stripe``, ``this.$stripe``, ``Stripe.card``, or a name
    bound to ``Stripe(pk)``."""
    parts = [p.rstrip("!?") for p in re.split(r"\?\.|\.", receiver) if p]
    if not parts:
        return False
    last = parts[-1].strip("$_").lower()
    if last.endswith("stripe") or last in ("stripejs", "stripeinstance"):  # not `wc_stripe_form`, `stripeService`
        return True
    if len(parts) >= 2 and parts[-2] == "Stripe":  # Stripe.js v2: Stripe.card.createToken
        return True
    return parts[-1].lstrip("$") in bound


@fact("names bound to Stripe.js", needles=(b"tripe",), languages=code_languages())
def stripe_js_bindings(source: SourceFile) -> set[str]:
    return {m.group(1).lstrip("$") for m in _STRIPE_JS_BINDING.finditer(source.text)}


def server_resource(call: Call, source: SourceFile) -> str | None:
    """The Stripe server resource a create/confirm/create-source call is made on, else None."""
    if call.name not in _CREATES and call.name not in _SOURCE_CREATES:
        return None
    if call.name == "New" and source.language != "go":
        return None
    return _SERVER.resource(call, source)


def call_text(source: SourceFile, call: Call) -> str:
    return tree.text(source, call.node)


def function_text(source: SourceFile, call: Call) -> str:
    """The enclosing function's source (the file's at the top level), read once per function."""
    return enclosing_function(source, call)[1]


@fact("Stripe server create and confirm calls", needles=(b"tripe", b"TRIPE"), languages=code_languages())
def stripe_calls(source: SourceFile) -> list[tuple[Call, str]]:
    """(call, resource) of every Stripe server create/confirm call of the file. Raises ParseError."""
    found: list[tuple[Call, str]] = []
    for call in calls(source):
        resource = server_resource(call, source)
        if resource is not None:
            found.append((call, resource))
    return found
