"""Whose webhooks a handler receives: the webhook rules judge only handlers of Stripe events."""

from __future__ import annotations

from golive_ci.facts import fact
from golive_ci.lang import code_languages
from golive_ci.parsing import lazy_pattern
from golive_ci.sourcefile import SourceFile
from golive_ci.webhooks import tree
from golive_ci.webhooks.event_types import EVENT_TYPES
from golive_ci.webhooks.events import type_branches
from golive_ci.webhooks.handlers import WEBHOOK_NEEDLES, Handler, find_handlers

_STRIPE = lazy_pattern(rb"(?i)stripe")
# Other webhook senders, their SDKs and signature headers. Several share Stripe-like event names
# (``customer.created``), so a handler that names one of them and never Stripe is theirs.
_OTHER_PROVIDER = lazy_pattern(
    rb"(?i)svix|standardwebhooks|standard[-_ ]webhooks|webhook-signature|x-hub-signature|paddle|lemon_?squeezy"
    rb"|\bclerk\b|shopify|paypal|braintree|adyen|mollie|razorpay|x-square|\bsquare\b|twilio|sendgrid|mailgun"
    rb"|\bslack\b|postmark|coinbase|chargebee|recurly|revenuecat|gocardless|\bplaid\b|cko-signature|github"
    rb"|gitlab|\bpolar\b|polar-sh|\bresend\b|docusign|hubspot|intercom|typeform|calendly|paystack|flutterwave"
    rb"|mercadopago|klarna|xendit|authorize\.?net|worldpay|checkout\.com|open_?ai|webhook\.verify"
)


def receives_stripe_events(source: SourceFile, handler: Handler) -> bool:
    """The handler names Stripe (SDK, ``Stripe-Signature``, a Stripe route or class), or branches on
    Stripe event types without naming another provider, or sits in a file that uses Stripe and
    names no other provider."""
    own = source.data[handler.start : handler.end]
    label = tree.label(source, handler.function).encode() if handler.name else b""
    if _STRIPE.search(own) or _STRIPE.search(label):
        return True
    if _OTHER_PROVIDER.search(own) or _OTHER_PROVIDER.search(label):
        return False
    types = [
        branch.event_type
        for branch in type_branches(source)
        if branch.event_type in EVENT_TYPES and handler.holds(tree.span(source, branch.node)[0])
    ]
    if any(_only_stripe_s(event_type) for event_type in types):
        return True
    other_in_file = _OTHER_PROVIDER.search(_URL.sub(b"", source.data)) is not None  # not a link in a comment
    if types and not other_in_file:
        return True
    return _STRIPE.search(source.data) is not None and not other_in_file


# Two-part event names other services use too (customer.created, invoice.paid, order.updated):
# on their own they do not make a handler Stripe's when the file names another provider.
_SHARED_OBJECTS = frozenset(
    {"customer", "invoice", "product", "price", "plan", "coupon", "order", "subscription", "transfer", "refund",
     "file", "payout", "review", "person", "quote"}
)  # fmt: skip
_URL = lazy_pattern(rb"https?://\S+")


def _only_stripe_s(event_type: str) -> bool:
    parts = event_type.split(".")
    return len(parts) > 2 or parts[0] not in _SHARED_OBJECTS


@fact("webhook handlers receiving Stripe events", needles=WEBHOOK_NEEDLES, languages=code_languages())
def stripe_event_handlers(source: SourceFile) -> list[Handler]:
    """The file's webhook handlers that receive Stripe events, worked out once per file for every
    rule that asks. Raises ParseError."""
    return [handler for handler in find_handlers(source) if receives_stripe_events(source, handler)]
