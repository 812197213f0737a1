"""What a Stripe webhook handler is, whether it verifies the signature, and how it may skip that.

A *handler* is a function (or a top-level script) that reads the request body and acts on it as a
Stripe event: it branches on an event-type literal or on the payload's ``type`` field, or builds an
Event object from the payload (``construct_from``). Everything here is per file: verification or a
re-fetch anywhere in the same file counts, because helpers are common and precision comes first.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from golive_ci.facts import Fact, fact, per_file
from golive_ci.lang import code_languages, profile
from golive_ci.parsing import lazy_pattern
from golive_ci.records import Record
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call, calls
from golive_ci.webhooks import tree
from golive_ci.webhooks.events import type_branches

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

VERIFY_NAMES = frozenset(
    {
        "construct_event", "constructEvent", "constructEventAsync", "ConstructEvent", "ConstructEventAsync",
        "ConstructEventWithOptions", "ConstructEventWithTolerance", "ConstructEventIgnoringTolerance",
        "verify_header", "verifyHeader", "verifyHeaderAsync", "VerifyHeader", "ValidatePayload",
        "ValidatePayloadWithTolerance", "ValidatePayloadIgnoringTolerance", "ValidateSignature",
        "parse_thin_event", "parseThinEvent", "ParseThinEvent", "parse_event_notification",
        "parseEventNotification", "ParseEventNotification", "parse_snapshot_event", "parseSnapshotEvent",
    }
)  # fmt: skip
_EVENT_COLLECTIONS = frozenset({"Event", "events", "Events", "event", "V1Events", "EventService", "eventService"})
_REFETCH_NAMES = frozenset({"retrieve", "Retrieve", "RetrieveAsync", "Get", "GetAsync"})

# Needles of the webhook rules: a file without any of these has no Stripe webhook handler.
WEBHOOK_NEEDLES: tuple[bytes, ...] = (
    b"onstruct_event", b"onstructEvent", b"construct_from", b"constructFrom", b"tripe-Signature",
    b"tripe-signature", b"STRIPE_SIGNATURE", b"_intent.", b"checkout.session", b"invoice.", b"customer.",
    b"charge.", b"EventType", b"Events.", b"stripe.Event", b"Stripe.Event", b"stripe.model.Event", b"EventUtility",
    b"ebhook",
)  # fmt: skip
_MATCHES = per_file("byte offsets of pattern matches, by name")
# Whether the request is read outside every function: worked out (one item) by the first question.
_TOP_LEVEL_READS: Fact[list[bool]] = Fact("request reads at the top level", lambda source: [])

# The payload's `type` read from something named like an event or a request body.
_TYPE_ACCESS = lazy_pattern(
    rb"""(?i)\b(?:\$?(?:stripe_?|webhook_?)?(?:event|evt)|\$?payload|\$?data|\$?body|\$?json|\$?notification|params)"""
    rb"""(?:\.type\b(?!\s*[:(])|\[\s*['"]type['"]\s*\]|\[\s*:type\s*\]|->type\b|\.get\(\s*['"]type['"]|\.getType\(\))"""
)
# Without event-type literals in the file, a `type` read counts only in a function that names Stripe
# and is labelled as a webhook (its name, decorators, annotations, route or class).
_LOOSE_TYPE_ACCESS = lazy_pattern(
    rb"""(?i)\b\$?(?=\w*?(?:event|evt|payload|body|json))\w++"""
    rb"""(?:\.type\b(?!\s*[:(])|\[\s*['"]type['"]\s*\]|\[\s*:type\s*\]|->type\b|\.get\(\s*['"]type['"]|\.getType\(\))"""
)
_WEBHOOK_LABEL = lazy_pattern(rb"(?i)web_?hook|\bhooks?\b|stripe_?event")
_EVENT_FROM_PAYLOAD = lazy_pattern(
    rb"construct_from|constructFrom|EventUtility\.ParseEvent|fromJson\([^)]{0,200}Event\.class|var\s+\w+\s+stripe\.Event\b"
)
# Turning the raw body into an event without verification: in a function that also verifies, these
# are the unverified path (``if secure: construct_event(...) else: json.loads(body)``).
PAYLOAD_PARSE = lazy_pattern(
    rb"json\.loads\(|JSON\.parse\(|json_decode\(|json\.Unmarshal\(|construct_from|constructFrom|ParseEvent\("
    rb"|JsonConvert\.DeserializeObject|JsonSerializer\.Deserialize|fromJson\(|\.get_json\("
)
_CUSTOM_VERIFICATION = lazy_pattern(rb"(?i)(?:verify|validate|check)_?\w{0,20}signature|VerifyWebhookSignature")
_HMAC = lazy_pattern(rb"(?i)hmac")
_SIGNATURE_VARIABLE = lazy_pattern(r"(?i)(?<![$\w])([$\w]++)\s*+(?::\s*+\w++\s*+)?:?=\s*+[^;\n=]*stripe[-_]signature")
_RETRIEVE_NAMES = frozenset({"retrieve", "Retrieve", "RetrieveAsync"})
# Calls that read or print the header rather than check it.
_NOT_VERIFIERS = frozenset(
    {
        "get", "Get", "header", "getHeader", "GetValues", "headers", "fetch", "fetch_header", "log", "info", "debug",
        "warn", "warning", "error", "print", "puts", "printf", "Printf", "Println", "Print", "error_log", "send",
        "json", "status", "sendStatus", "LogInformation", "LogWarning", "LogError", "WriteLine", "isset", "empty",
    }
)  # fmt: skip
_SIGNATURE_HEADER = lazy_pattern(rb"(?i)stripe[-_]signature")


_STRIPE = lazy_pattern(rb"(?i)stripe")


class Matches:
    """Where a pattern matches in a file, found once: "does it match inside this function" is then a
    lookup, not a search of the function's text (nested functions made that quadratic)."""

    __slots__ = ("ends", "starts")

    def __init__(self, pattern: re.Pattern[bytes], data: bytes) -> None:
        spans = [match.span() for match in pattern.finditer(data)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def within(self, start: int, end: int) -> list[int]:
        """Starts of the matches that lie inside ``[start, end)``."""
        first = bisect_left(self.starts, start)
        last = bisect_left(self.ends, end + 1, lo=first)
        return self.starts[first:last]

    def any_within(self, start: int, end: int) -> bool:
        first = bisect_left(self.starts, start)
        return first < len(self.ends) and self.ends[first] <= end


def _matches(source: SourceFile, name: str, pattern: re.Pattern[bytes]) -> Matches:
    by_name = _MATCHES.of(source)
    found = by_name.get(name)
    if found is None:
        found = by_name[name] = Matches(pattern, source.data)
    return found


class Handler(Record):
    __slots__ = ("anchors", "end", "function", "line", "name", "start", "verifications")
    function: Any  # function node, or the file's root for a top-level script
    line: int
    name: str
    start: int  # byte span of the function
    end: int
    anchors: list[int]  # byte offsets where the event is acted on
    verifications: list[Call]

    def __init__(
        self,
        function: Any,
        line: int,
        name: str,
        start: int,
        end: int,
        anchors: list[int] | None = None,
        verifications: list[Call] | None = None,
    ) -> None:
        self.function = function
        self.line = line
        self.name = name
        self.start = start
        self.end = end
        self.anchors = [] if anchors is None else anchors
        self.verifications = [] if verifications is None else verifications

    def holds(self, offset: int) -> bool:
        return self.start <= offset < self.end


def is_verification(call: Call) -> bool:
    return call.name in VERIFY_NAMES


def is_refetch(call: Call) -> bool:
    """``stripe.Event.retrieve(id)``, ``stripe.events.retrieve``, ``client.v1.events.retrieve``, …"""
    if call.name not in _REFETCH_NAMES:
        return False
    owner = call.receiver.replace("()", "").replace("::", ".").replace("->", ".").replace("\\", ".")
    last = owner.rsplit(".", 1)[-1]
    if call.name in ("Get", "GetAsync") and last == "event":
        return owner == "event"  # stripe-go's `event.Get(id, nil)`, not a map or dict lookup
    return last in _EVENT_COLLECTIONS or owner.endswith("EventService")


def delegates_verification(source: SourceFile, handler: Handler) -> bool:
    """The handler hands the Stripe-Signature header to a call (``webhookManager.parseWebhook(body, sig)``):
    verification happens in code this file does not show."""
    raw = source.data[handler.start : handler.end]
    if not _SIGNATURE_HEADER.search(raw):
        return False
    body = raw.decode("utf-8", "replace")
    names = [m.group(1) for m in _SIGNATURE_VARIABLE.finditer(body)]
    carries_header = re.compile("|".join([r"(?i)stripe[-_]signature", *(rf"\b{re.escape(n)}\b" for n in names)]))
    return any(
        call.name not in _NOT_VERIFIERS
        and handler.holds(tree.span(source, call.node)[0])
        and any(carries_header.search(argument.text) for argument in call.args)
        for call in calls(source)
    )


def retrieves_from_api(source: SourceFile, handler: Handler) -> bool:
    """The handler itself re-reads what it acts on from Stripe (``stripe.paymentIntents.retrieve(id)``)."""
    return any(
        call.name in _RETRIEVE_NAMES and call.receiver and handler.holds(tree.span(source, call.node)[0])
        for call in calls(source)
    )


def verified_elsewhere(source: SourceFile) -> bool:
    """A signature check this analysis cannot follow: a helper, a middleware, a hand-written HMAC."""
    data = source.data
    if _CUSTOM_VERIFICATION.search(data):
        return True
    return bool(_HMAC.search(data) and _SIGNATURE_HEADER.search(data))


@fact("webhook handlers", needles=WEBHOOK_NEEDLES, languages=code_languages())
def find_handlers(source: SourceFile) -> list[Handler]:
    """Webhook handlers of ``source`` with their anchors and verification calls. Raises ParseError."""
    language = profile(source.language)
    request_read = language.request_body_reads if language is not None else None
    handlers: dict[int, Handler] = {}
    pattern = _matches(source, "request_read", re.compile(request_read)) if request_read is not None else None
    if pattern is None or not pattern.starts:
        # Every handler reads the request (see _reads): without a read anywhere (or a way to tell one)
        # there is none, and the file is only parsed so that one that cannot be still says so.
        source.syntax()
    else:
        functions = _function_spans(source)
        for anchor in _anchors(source):
            handler_span = next((item for item in functions if _reads(pattern, source, item, functions, anchor)), None)
            if handler_span is None:
                continue
            start, end, node, top_level = handler_span
            handler = handlers.get(start)
            if handler is None:
                if top_level:
                    line = source.position(len(source.data[:anchor].decode("utf-8", "replace")))[0]
                    handler = Handler(node, line, "", start, end)
                else:
                    handler = Handler(node, tree.line_of(source, node), tree.function_name(source, node), start, end)
                handlers[start] = handler
            handler.anchors.append(anchor)
        for start, end, node, top_level in functions:
            if not top_level and start not in handlers:
                loose = _loose_anchors(source, pattern, start, end, node)
                if loose:
                    handlers[start] = Handler(
                        node, tree.line_of(source, node), tree.function_name(source, node), start, end, loose
                    )
        for call in calls(source):
            if is_verification(call):
                _attach_verification(source, call, pattern, functions, handlers)
    found = sorted(handlers.values(), key=lambda h: h.start)
    for handler in found:
        handler.anchors.sort()
    return found


def _loose_anchors(source: SourceFile, pattern: Matches, start: int, end: int, node: Any) -> list[int]:
    """`type` reads of a webhook-labelled function that reads the request and names Stripe."""
    loose = _matches(source, "loose_type_access", _LOOSE_TYPE_ACCESS).within(start, end)
    if not (loose and pattern.any_within(start, end)):
        return []
    if not _matches(source, "stripe", _STRIPE).any_within(start, end):
        return []
    if not _WEBHOOK_LABEL.search(tree.label(source, node).encode()):
        return []
    return loose


def _attach_verification(
    source: SourceFile,
    call: Call,
    pattern: Matches,
    functions: list[tuple[int, int, Any, bool]],
    handlers: dict[int, Handler],
) -> None:
    """Add ``call`` to the handlers holding it; a verifying function that reads the request and also
    parses the body unverified somewhere becomes a handler of its own (a payload getter)."""
    start, end = tree.span(source, call.node)
    holders = [handler for handler in handlers.values() if handler.holds(start)]
    if not holders:
        item = next((item for item in functions if _reads(pattern, source, item, functions, start)), None)
        if item is None:
            return
        f_start, f_end, node, top_level = item
        found = _matches(source, "payload_parse", PAYLOAD_PARSE).within(f_start, f_end)
        parses = [offset for offset in found if not start <= offset < end]
        if not parses:
            return
        name = "" if top_level else tree.function_name(source, node)
        line = tree.line_of(source, node) if not top_level else tree.line_of(source, call.node)
        holder = handlers[f_start] = Handler(node, line, name, f_start, f_end, sorted(parses))
        holders = [holder]
    for handler in holders:
        handler.verifications.append(call)


def _reads(
    pattern: Matches,
    source: SourceFile,
    item: tuple[int, int, Any, bool],
    functions: list[tuple[int, int, Any, bool]],
    anchor: int,
) -> bool:
    """Does this function (or, for the root, the top-level code) hold ``anchor`` and read the request?"""
    start, end, _, top_level = item
    if not start <= anchor < end:
        return False
    if not top_level:
        return pattern.any_within(start, end)
    inner = [(s, e) for s, e, _, t in functions if not t]
    if any(s <= anchor < e for s, e in inner):
        return False
    found = _TOP_LEVEL_READS.of(source)
    if not found:
        found.append(any(not any(s <= m < e for s, e in inner) for m in pattern.starts))
    return found[0]


def _function_spans(source: SourceFile) -> list[tuple[int, int, Any, bool]]:
    """(start, end, node, is the file root) of every function, innermost (smallest) first."""
    spans = [(*tree.span(source, node), node, False) for node in tree.functions(source)]
    spans.sort(key=lambda item: item[1] - item[0])
    root = tree.root(source)
    spans.append((0, len(source.data), root, True))
    return spans


def _anchors(source: SourceFile) -> list[int]:
    """Byte offsets where code acts on an event: type literals in branches, type fields, Event builders."""
    branches = type_branches(source)
    offsets = [tree.span(source, branch.node)[0] for branch in branches]
    textual = [match.start() for match in _EVENT_FROM_PAYLOAD.finditer(source.data)]
    if branches:
        textual += [match.start() for match in _TYPE_ACCESS.finditer(source.data)]
    offsets += [offset for offset in textual if not tree.in_literal_or_comment(source, offset)]
    return sorted(set(offsets))
