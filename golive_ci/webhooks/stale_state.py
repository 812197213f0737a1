"""Webhook code that trusts an event's object to be the latest state.

Stripe does not deliver events in order and retries failed ones for days, so a
``customer.subscription.updated`` can arrive after a newer one. Code that stores ``status`` or the
plan straight from ``event.data.object`` without re-fetching the object (``Subscription.retrieve``)
or comparing the event's ``created`` time can overwrite newer state with older.

A Checkout Session completes before the money arrives when the customer pays with a delayed
method (bank debits, vouchers): its ``payment_status`` is then ``unpaid`` and
``checkout.session.async_payment_succeeded`` follows later.
"""

from __future__ import annotations

import re

from golive_ci.parsing import lazy_pattern
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call, calls
from golive_ci.webhooks import tree
from golive_ci.webhooks.events import TypeBranch, type_branches
from golive_ci.webhooks.handlers import Handler, is_refetch

STATEFUL_PREFIXES = ("customer.subscription.", "invoice.", "payment_intent.")
CHECKOUT_COMPLETED = "checkout.session.completed"
_REFETCH_NAMES = frozenset({"retrieve", "Retrieve", "RetrieveAsync", "retrieveAsync"})
_GO_GETTERS = lazy_pattern(r"(?i)(?:^|\.)(?:subscription|invoice|paymentintent|sub|inv|pi)$|Service$|Subscriptions$")
# Names bound to the event's object: assigned from it, or typed as a Stripe object of these kinds.
# A name starts where a word does (a match from inside a word could only repeat its start's), or
# right after a match that ended inside one (getDataObjectDeserializer is the only such end).
_EVENT_OBJECT_BINDINGS = (
    lazy_pattern(
        r"(?:(?=[$@])|(?<!\w)|(?<=getDataObjectDeserializer))"
        r"(?P<name>[$@]?\w+)\s*(?::\s*[\w.<>| \[\]]+?)?\s*:?=\s*(?:\(\s*)?[^;\n]*?"
        r"(?:data\.object\b|data\[['\"]object['\"]\]|['\"]data['\"]\]\s*\[\s*['\"]object['\"]|data\[:object\]|->data->object\b|getDataObjectDeserializer"
        r"|Data\.Object\b|Data\.Raw\b)"
    ),
    lazy_pattern(r"(?<!\w)(?P<name>\w+)\s*\??:\s*(?:Stripe|stripe)\.(?:Subscription|Invoice|PaymentIntent)\b"),
    lazy_pattern(r"(?<!\w)(?P<name>\w+)\s+\*?stripe\.(?:Subscription|Invoice|PaymentIntent)\b"),
    lazy_pattern(r"\\?Stripe\\(?:Subscription|Invoice|PaymentIntent)\s+\$(?P<name>\w+)"),
    lazy_pattern(r"\b(?:Subscription|Invoice|PaymentIntent)\s+(?P<name>[a-z]\w*)\s*[=,);]"),
)
_DIRECT_OBJECT = (
    r"(?:\w+\.)?data\.object|\w+\[['\"]data['\"]\]\[['\"]object['\"]\]|\$\w+->data->object|\w+\.Data\.Object"
)
_STATE_KEYS = r"(?:status|plan|plan_?id|price_?id|subscription_?status|stripe_?status|subscription_?plan)"
_STATE_READ = r"(?:\.|\[['\"]|\[:|->|\.get\(['\"]|\.get)(?:status|Status|plan|Plan|items|Items|price|Price)\b"
# A key that receives a value: object/hash/struct fields, attribute or dict stores, setters, keywords.
_STORE_TARGET = (
    rf"(?:(?i:\b{_STATE_KEYS})['\"]?\s*(?::(?!:)|=>)"
    rf"|\.(?i:{_STATE_KEYS})\s*=(?!=)"
    rf"|\[['\"](?i:{_STATE_KEYS})['\"]\]\s*=(?!=)"
    rf"|(?<![\w.])(?i:{_STATE_KEYS})=(?!=)"
    rf"|\bset_?(?i:{_STATE_KEYS})\s*\("
    rf"|(?<![\w.])(?:Status|Plan|PlanId|PriceId|SubscriptionStatus)\s*=(?!=))"
)
_CREATED_READ = lazy_pattern(r"(?:\.|\[['\"]|\[:|->)(?:created|Created)\b|getCreated\(\)")
_COMPARISON = lazy_pattern(r"<|>|isBefore|isAfter|Before\(|After\(|compare|Compare|\bmax\(|\bmin\(")
# The file itself reads the event's object (not only hands the event on to a module it imports).
_OBJECT_READ = lazy_pattern(
    r"data\.object\b|data\[['\"]object['\"]\]|['\"]data['\"]\]\s*\[\s*['\"]object|\[:data\]\s*\[:object\]|data\[:object\]"
    r"|->data->object\b|getDataObjectDeserializer|Data\.Object\b|Data\.Raw\b|construct_from|constructFrom"
)
_PAYMENT_STATUS = lazy_pattern(r"payment_status|paymentStatus|PaymentStatus|async_payment")
_CARD_ONLY = lazy_pattern(
    r"(?i)payment_method_types\W{1,6}(?:\[\s*)?(?:['\"]?\w*['\"]?\s*=>\s*)?['\"]card['\"]\s*\]|PaymentMethodTypes\s*=\s*new"
    r"[^;]{0,40}\{\s*\"card\"\s*\}"
)


def is_stateful(event_type: str) -> bool:
    return event_type.startswith(STATEFUL_PREFIXES)


def handler_branches(source: SourceFile, handlers: list[Handler]) -> list[TypeBranch]:
    return [
        branch
        for branch in type_branches(source)
        if any(handler.holds(tree.span(source, branch.node)[0]) for handler in handlers)
    ]


def refetches_objects(source: SourceFile) -> bool:
    """Any re-read of an object or event from the API in the file (``Subscription.retrieve(id)``, …)."""
    return any(_refetch(call) for call in calls(source))


def _refetch(call: Call) -> bool:
    if is_refetch(call):
        return True
    if call.name in _REFETCH_NAMES:
        return bool(call.receiver)
    if call.name in ("Get", "GetAsync") and call.receiver:
        return _GO_GETTERS.search(call.receiver.replace("()", "")) is not None
    return False


def compares_created(source: SourceFile) -> bool:
    """A line that reads a ``created`` time and compares it (ordering by event time)."""
    lines = source.text.splitlines()
    return any(_CREATED_READ.search(line) and _COMPARISON.search(line) for line in lines)


def stale_stores(source: SourceFile) -> list[tuple[int, str]]:
    """(character offset, text) of each store of a status/plan field read from the event's object."""
    names = {
        match.group("name").lstrip("$@")
        for pattern in _EVENT_OBJECT_BINDINGS
        for match in pattern.finditer(source.text)
    }
    names -= {"event", "evt", "e", "data", "payload", "body", "json", "request", "req", "self", "this"}
    owners = [_DIRECT_OBJECT, *(rf"[$@]?(?:self\.|this\.)?{re.escape(name)}\b" for name in sorted(names))]
    owner = "(?:" + "|".join(owners) + ")"
    store = re.compile(rf"{_STORE_TARGET}\s*[^;\n]{{0,60}}?(?<![\w$])(?P<read>{owner}\s*{_STATE_READ})")
    found: list[tuple[int, str]] = []
    for match in store.finditer(source.text):
        offset = len(source.text[: match.start("read")].encode("utf-8"))
        if not tree.in_literal_or_comment(source, offset):
            found.append((match.start(), " ".join(match.group(0).split())))
    return found


def checkout_ignores_payment_status(source: SourceFile, branches: list[TypeBranch]) -> TypeBranch | None:
    """The ``checkout.session.completed`` branch, when nothing in the file looks at ``payment_status``
    and the file does not limit Checkout to cards."""
    branch = next((branch for branch in branches if branch.event_type == CHECKOUT_COMPLETED), None)
    if branch is None or _PAYMENT_STATUS.search(source.text) or _CARD_ONLY.search(source.text):
        return None
    if not _OBJECT_READ.search(source.text):
        return None  # the event goes to code elsewhere (`checkoutSessionCompleted(event)`), which may check
    return branch
