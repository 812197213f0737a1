"""Whether a file uses Stripe at all: the gate in front of the rules that judge Stripe code.

A file uses Stripe when it names Stripe in any case (an SDK import or client, ``Stripe-Signature``,
``api.stripe.com``, ``STRIPE_SECRET_KEY``) or names a Stripe event type (``invoice.paid``) or an SDK
event constant (``Events.InvoicePaid``). The webhook rules judge only handlers that receive Stripe
events, which they recognise by exactly these marks, so a file without any of them can hold no
finding of theirs; without the gate, every file that mentions "webhook" or "customer." is parsed.

The test is a plain case-insensitive substring search for :data:`GATE_NEEDLES`, so that
``git grep -i -F`` gives the same answer (golive_ci/candidates.py starts it with the scan).
"""

from __future__ import annotations

from golive_ci.webhooks.event_types import BY_CONSTANT_NAME, EVENT_TYPES

STRIPE = b"stripe"
_EVENT_TYPES: tuple[bytes, ...] = tuple(sorted(event_type.encode() for event_type in EVENT_TYPES))
# SDK constants are only read after `Events.` / `EventTypes.` (C#) or `stripe.EventType` (Go, which
# names Stripe anyway).
_CONSTANT_OWNERS = (b"events.", b"eventtypes.")
_CONSTANTS: tuple[bytes, ...] = tuple(
    owner + name.lower().encode() for owner in _CONSTANT_OWNERS for name in sorted(BY_CONSTANT_NAME)
)
# Lower-case byte strings, any of which makes a file a Stripe user.
GATE_NEEDLES: tuple[bytes, ...] = (STRIPE, *_EVENT_TYPES, *_CONSTANTS)
_TYPES_BY_PREFIX: dict[bytes, tuple[bytes, ...]] = {}
for _type in _EVENT_TYPES:
    _prefix = _type.split(b".", 1)[0] + b"."
    _TYPES_BY_PREFIX[_prefix] = (*_TYPES_BY_PREFIX.get(_prefix, ()), _type)


def uses_stripe(data: bytes) -> bool:
    """True when ``data`` holds one of :data:`GATE_NEEDLES`, ignoring ASCII case."""
    lowered = data.lower()
    if STRIPE in lowered:
        return True
    for prefix, event_types in _TYPES_BY_PREFIX.items():
        if prefix in lowered and any(event_type in lowered for event_type in event_types):
            return True
    if not any(owner in lowered for owner in _CONSTANT_OWNERS):
        return False
    return any(constant in lowered for constant in _CONSTANTS)
