"""What makes a logged value sensitive: the secret, payload or card data an access path names.

``sensitive-log`` asks these about every value a logging call prints; each answer is one of the kinds
below (a phrase for the finding's message), or None.
"""

from __future__ import annotations

import re

from golive_ci.lang import profile
from golive_ci.logging_calls.flow import (
    GENERATED_VALUE,
    Taint,
    body_parameters,
    field_of_converted,
    function_name,
    returned,
    scope_key,
)
from golive_ci.logging_calls.paths import AccessPath, Segment, access_paths
from golive_ci.parsing import lazy_pattern
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call, assignments, calls, declarations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

_WORDS = lazy_pattern(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")

STRIPE_KEY = "the Stripe secret key"
WEBHOOK_SECRET = "the webhook signing secret"
ENVIRONMENT = "every environment variable, the Stripe secret key included"
PAYLOAD = "the raw webhook payload"
REQUEST_BODY = "the raw request body"
EVENT = "the whole webhook event"
CARD = "card details"
CLIENT_SECRET = "a PaymentIntent or SetupIntent with its client_secret"
CARD_FIELD = "the card number or CVC"
GENERATED = "a value the code generated"

# Words that make a name describe a secret rather than hold it: STRIPE_SECRET_KEY_NAME, has_webhook_secret …
_METADATA_WORDS = frozenset(
    {
        "is", "has", "set", "configured", "present", "missing", "exists", "enabled", "name", "names", "env",
        "var", "path", "file", "url", "len", "length", "count", "prefix", "suffix", "hint", "masked", "mask",
        "last4", "hash", "hashed", "id", "mode", "type", "error", "err", "message", "msg", "header", "version",
        "valid", "invalid", "ok", "status", "label", "field", "publishable", "public", "pk", "redacted",
    }
)  # fmt: skip
_STRIPE_SECRET_FIELDS = frozenset({"apikey", "secret", "secretkey", "apisecret", "sk", "secretapikey"})
_WEBHOOK_WORDS = frozenset({"webhook", "endpoint", "signing", "hook", "wh", "whsec"})
# What follows a value when only a property of it is printed.
_NEUTRAL_SUFFIXES = frozenset(
    {
        "length", "len", "size", "count", "[:]", "slice", "substring", "substr", "startswith", "endswith",
        "isempty", "isnullorempty", "empty", "present", "nil", "blank", "hash", "hashcode", "type", "class",
        "gettype", "getclass", "keys", "last4", "prefix", "tail", "first", "last", "id", "brand", "expmonth",
        "expyear", "fingerprint", "country", "funding", "wallet", "network", "networks", "checks", "cvccheck",
        "displaybrand", "issuer", "description", "status", "object", "livemode",
    }
)  # fmt: skip
_CONVERSIONS = frozenset(
    {
        "read", "decode", "tostring", "string", "readall", "readtoend", "readtoendasync", "getbytes", "utf8",
        "tojson", "todict", "tos", "inspect", "serialize", "dump", "dumps", "stringify", "tojsonstring",
        "toh", "tohash", "copy",
    }
)  # fmt: skip
# Names of the incoming request: the body is the segment right after one of them (ctx.request.body,
# HttpContext.Request.Body); `ctx.body` in Koa is the response, `this.data` is anything.
_REQUEST_NAMES = frozenset({"request", "req", "httprequest", "servletrequest", "rawrequest"})
_BODY_NAMES = frozenset(
    {
        "body", "rawbody", "data", "getdata", "getcontent", "content", "rawpost", "rawpostdata", "payload",
        "getpayload", "input", "json", "getjson", "text", "stream", "inputstream", "getinputstream", "getreader",
        "bodyraw", "rawrequestbody", "readbody", "all",
    }
)  # fmt: skip
_CARD_FIELDS = frozenset(
    {
        "cvc", "cvv", "cvc2", "cvv2", "cvn", "cardcvc", "cardcvv", "cardnumber", "cardno", "cardnum", "ccnumber",
        "ccnum", "ccn", "creditcardnumber", "securitycode", "cardsecuritycode", "cardverificationvalue",
    }
)  # fmt: skip
_CARD_OBJECTS = frozenset(
    {
        "card", "creditcard", "carddetails", "carddata", "cardinfo", "cardparams", "rawcard", "paymentcard",
        "paymentmethoddetails", "cardholderdata",
    }
)  # fmt: skip
_CARD_OBJECT_FIELDS = frozenset({"number", "num", "cvc", "cvv", "cvc2", "pan", "cardnumber"})
_VERIFY_CALLS = frozenset(
    {
        "construct_event", "constructEvent", "constructEventAsync", "ConstructEvent", "ConstructEventWithOptions",
        "ConstructEventWithTolerance", "verify_header", "verifyHeader",
    }
)  # fmt: skip
# Calls whose result is an event built from the payload (verified or not). The names in this literal
# look like an unverified handler to webhook-signature's text pre-filter, hence the marker.
_EVENT_BUILDERS = _VERIFY_CALLS | {"construct_from", "constructFrom"}
# Calls that return the value they are given in another form (parsed, decoded, stringified): what
# they return is still the payload. Any other call (validate(event), json.Unmarshal(body, &e) whose
# result is an error) returns something else.
_PASS_THROUGH_CALLS = frozenset(
    {
        "loads", "parse", "str", "string", "decode", "tostring", "bytes", "from", "jsondecode", "stringify",
        "dumps", "tojson", "utf8", "text", "json", "read", "readall", "readtoend", "readtoendasync", "getbytes",
        "buffer", "await", "dict", "jsonify", "todict", "unescape", "trim", "strip", "jsonencode", "encode",
        "printr", "vardump", "varexport", "serialize", "inspect", "dump", "pp", "marshal", "marshalindent", "repr",
        "format", "sprintf", "sprint", "sprintln", "pformat", "pprint", "tojsonstring", "writevalueasstring",
        "serializeobject", "tos", "toh", "tohash", "asjson", "prettygenerate", "generate",
    }
)  # fmt: skip
_CALLEE_BEFORE = lazy_pattern(r"(?<![\w$])([\w$]++)\s*+\(\s*(?:[^()]*,\s*)?[&*]*\s*$")
_NAME_CHAR = re.compile(r"[\w$]")
_SPACE_CHAR = re.compile(r"\s")
# Stripe objects that carry a client_secret: the result of creating, retrieving or confirming one.
_CLIENT_SECRET_OBJECT = lazy_pattern(
    r"(?i)(?:payment_?intents?|setup_?intents?|ephemeral_?keys?)(?:service|\(\))?\s*(?:\.|->|::)\s*"
    r"(?:create|retrieve|confirm|update|get|new)\w*\s*\("
)
_SIMPLE_NAME = lazy_pattern(r"^[$@]?[A-Za-z_]\w*$")


def words(name: str) -> list[str]:
    return [w.lower() for w in _WORDS.findall(name)]


def joined(segment: Segment) -> str:
    """The segment's name in lower case without separators (``[:]`` for a slice)."""
    if segment.name == "[:]":
        return segment.name
    parts = words(segment.name)
    if len(parts) > 1 and parts[0] == "get":  # Java getters: getCardNumber() -> cardnumber
        parts = parts[1:]
    return "".join(parts)


# The whole environment: process.env, os.environ, ENV, $_ENV, System.getenv(), os.Environ() …
_ENVIRONMENT_DUMPS = frozenset(
    {
        ("process", "env"), ("os", "environ"), ("ENV",), ("_ENV",), ("System", "getenv"), ("os", "Environ"),
        ("Environment", "GetEnvironmentVariables"), ("getenv",),
    }
)  # fmt: skip


def secret_kind(segments: list[Segment], language: str | None) -> str | None:
    whole = list(segments)
    while len(whole) > 1 and joined(whole[-1]) in _CONVERSIONS:
        whole.pop()
    if tuple(s.name.lstrip("$") for s in whole) in _ENVIRONMENT_DUMPS:  # no argument: getenv("HOME") is one value
        return ENVIRONMENT
    names = [joined(segment) for segment in segments]
    # neutral_after[i]: a later segment only measures or masks the value (.length, [:7], .startswith(…))
    neutral_after = [False] * len(names)
    for index in range(len(names) - 2, -1, -1):
        neutral_after[index] = neutral_after[index + 1] or names[index + 1] in _NEUTRAL_SUFFIXES
    for index, segment in enumerate(segments):
        parts = set(words(segment.name))
        if not parts or parts & _METADATA_WORDS:
            continue
        if neutral_after[index]:
            return None
        name = "".join(words(segment.name))
        if "whsec" in name or ("secret" in parts and parts & _WEBHOOK_WORDS):
            return WEBHOOK_SECRET
        if "stripe" in parts and ("secret" in parts or {"api", "key"} <= parts or parts & {"sk", "restricted"}):
            return STRIPE_KEY
        if (name == "stripe" or parts == {"stripe", "configuration"}) and index + 1 < len(names):
            following = names[index + 1]
            if following in _STRIPE_SECRET_FIELDS or (language == "go" and following == "key"):
                return STRIPE_KEY
    return None


def _strip_conversions(segments: list[Segment]) -> list[Segment]:
    kept = [s for s in segments if not s.from_argument]
    while len(kept) > 1 and joined(kept[-1]) in _CONVERSIONS:
        kept.pop()
    return kept


def is_request_body(segments: list[Segment]) -> bool:
    kept = _strip_conversions(segments)
    if len(kept) < 2:
        return any("php://input" in s.name for s in segments)
    last, before = joined(kept[-1]), [joined(s) for s in kept[:-1]]
    if last not in _BODY_NAMES:
        return False
    return before[-1] in _REQUEST_NAMES or (last == "body" and before[-1] in ("event", "r"))


def card_kind(segments: list[Segment]) -> str | None:
    names = [joined(s) for s in segments if not s.from_argument]
    for index, name in enumerate(names):
        if name in _CARD_FIELDS:
            return None if any(n in _NEUTRAL_SUFFIXES for n in names[index + 1 :]) else CARD_FIELD
        if name in _CARD_OBJECTS:
            if index + 1 == len(names):
                return CARD
            following = names[index + 1]
            if following in _CARD_OBJECT_FIELDS:
                return None if any(n in _NEUTRAL_SUFFIXES for n in names[index + 2 :]) else CARD_FIELD
            if all(n in _CONVERSIONS for n in names[index + 1 :]):
                return CARD
            if following in _CARD_OBJECTS:
                continue  # payment_method_details.card
            return None
    return None


def event_helpers(source: SourceFile, found: list[Call]) -> set[str]:
    """Functions that return an event: ``def stripe_event; Stripe::Webhook.construct_event(…); end``."""
    names = set()
    for call in found:
        if call.name in _EVENT_BUILDERS and returned(source, call):
            name = function_name(call.function)
            if name:
                names.add(name)
    return names


def build_taint(source: SourceFile, read_in: Iterable[Any] | None = None) -> Taint:
    """What the file's names hold. With ``read_in`` (the functions whose taint will be asked), the
    assignments of other functions are passed over: a name's taint is read only in its own function
    and at the top level, which is always followed."""
    taint = Taint()
    scopes = None if read_in is None else {scope_key(function) for function in read_in} | {None}
    found = calls(source)
    for call in found:
        if call.name in _VERIFY_CALLS:
            first = call.positional(0)
            if first is not None and _SIMPLE_NAME.match(first.text):
                taint.add(call.function, first.text, PAYLOAD)
    for function, name in body_parameters(source):  # after: a verified payload keeps its name
        taint.add(function, name, REQUEST_BODY)
    helpers = event_helpers(source, found)
    helper_call = (
        re.compile(rf"(?:^|[.>:]|\bawait )(?:{'|'.join(map(re.escape, helpers))})\s*(?:\(|$)") if helpers else None
    )
    bindings = sorted([*assignments(source), *declarations(source)], key=lambda b: (b.line, b.column))
    for binding in bindings:
        if scopes is not None and scope_key(binding.function) not in scopes:
            continue
        if not _SIMPLE_NAME.match(binding.target):
            continue
        value = binding.value
        if any(name in value.text for name in _EVENT_BUILDERS) or (helper_call and helper_call.search(value.text)):
            taint.add(binding.function, binding.target, EVENT)
            continue
        if _CLIENT_SECRET_OBJECT.search(value.text):
            taint.add(binding.function, binding.target, CLIENT_SECRET)
            continue
        if GENERATED_VALUE.match(value.text.strip()):
            taint.add(binding.function, binding.target, GENERATED)
            continue
        for path in access_paths(value.node):
            if handed_to_other_call(value.text, path.text):
                continue  # validate(event), json.Unmarshal(payload, &e): the result is not the payload
            if field_of_converted(value.text, path.text):
                continue  # json.loads(request.body).get("priceId"): one field, not the payload
            if is_request_body(path.segments):
                taint.add(binding.function, binding.target, PAYLOAD)
                break
            kept = _strip_conversions(path.segments)
            if len(kept) == 1 and taint.kind(binding.function, kept[0].name) in (PAYLOAD, EVENT):
                taint.add(binding.function, binding.target, taint.kind(binding.function, kept[0].name) or PAYLOAD)
                break
    return taint


def handed_to_other_call(value: str, path: str) -> bool:
    """``path`` is an argument of a call that does not merely convert it (``validate(event)``)."""
    index = value.find(path)
    if index <= 0:
        return False
    callee = _callee_before(value[:index])
    return callee is not None and "".join(words(callee.group(1))) not in _PASS_THROUGH_CALLS


def _callee_before(prefix: str) -> re.Match[str] | None:
    """``_CALLEE_BEFORE.search(prefix)``, in time linear in ``prefix``: a match holds the last ``(``
    and no parenthesis after it, so only the name right before that ``(`` can start one."""
    paren = prefix.rfind("(")
    if paren < 0 or ")" in prefix[paren:]:
        return None
    start = paren
    while start > 0 and _SPACE_CHAR.match(prefix, start - 1):
        start -= 1
    name_end = start
    while start > 0 and _NAME_CHAR.match(prefix, start - 1):
        start -= 1
    if start == name_end:
        return None
    return _CALLEE_BEFORE.search(prefix[start:])


def _whole_request_bodies(language: str | None) -> frozenset[str]:
    """Whole-request values that are the body in the language's web frameworks (Rails params, PHP $_POST)."""
    found = profile(language)
    return found.whole_request_bodies if found is not None else frozenset()


def payload_kind(path: AccessPath, function: Any, taint: Taint, webhook_file: bool, language: str | None) -> str | None:
    kept = _strip_conversions(path.segments)
    if not kept:
        return None
    if webhook_file and (
        is_request_body(path.segments)
        or (len(kept) == 1 and kept[0].name.lstrip("$@") in _whole_request_bodies(language))
    ):
        return REQUEST_BODY
    kind = taint.kind(function, kept[0].name)
    if kind == PAYLOAD and len(kept) == 1:
        return PAYLOAD
    if kind == REQUEST_BODY and len(kept) == 1 and webhook_file:
        return REQUEST_BODY
    if kind == EVENT and [joined(s) for s in kept[1:]] in ([], ["data"], ["data", "object"]):
        return EVENT
    if kind == CLIENT_SECRET and (len(kept) == 1 or joined(kept[-1]) == "clientsecret"):
        return CLIENT_SECRET
    return None
