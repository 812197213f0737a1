"""sensitive-log: a log or print call that prints a Stripe secret, a raw webhook payload or card details."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.logging_calls import (
    AccessPath,
    Segment,
    Taint,
    access_paths,
    body_parameters,
    function_name,
    is_log_call,
    logged_arguments,
    returned,
)
from golive_ci.parsing import lazy_pattern
from golive_ci.rules.base import Rule
from golive_ci.secrets import redact
from golive_ci.sourcefile import ParseError, SourceFile
from golive_ci.syntax import Call, assignments, calls, declarations

TYPE_CHECKING = False
if TYPE_CHECKING:
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
# Whole-request values that are the body in a language's web frameworks: Rails params, PHP $_POST.
_LANGUAGE_BODIES = {"ruby": frozenset({"params"}), "php": frozenset({"_POST", "_REQUEST", "HTTP_RAW_POST_DATA"})}
_WEBHOOK_HINT = lazy_pattern(r"webhook|stripe[-_]signature|construct_?event|verify_?header", re.IGNORECASE)
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
_LONG_DIGITS = lazy_pattern(r"[0-9][0-9 -]{11,}[0-9]")
_SIMPLE_NAME = lazy_pattern(r"^[$@]?[A-Za-z_]\w*$")
LANGUAGES = frozenset({"python", "javascript", "typescript", "tsx", "ruby", "php", "go", "java", "csharp"})


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


def build_taint(source: SourceFile) -> Taint:
    taint = Taint()
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
        if not _SIMPLE_NAME.match(binding.target):
            continue
        value = binding.value
        if any(name in value.text for name in _EVENT_BUILDERS) or (helper_call and helper_call.search(value.text)):
            taint.add(binding.function, binding.target, EVENT)
            continue
        if _CLIENT_SECRET_OBJECT.search(value.text):
            taint.add(binding.function, binding.target, CLIENT_SECRET)
            continue
        for path in access_paths(value.node):
            if _handed_to_other_call(value.text, path.text):
                continue  # validate(event), json.Unmarshal(payload, &e): the result is not the payload
            if is_request_body(path.segments):
                taint.add(binding.function, binding.target, PAYLOAD)
                break
            kept = _strip_conversions(path.segments)
            if len(kept) == 1 and taint.kind(binding.function, kept[0].name) in (PAYLOAD, EVENT):
                taint.add(binding.function, binding.target, taint.kind(binding.function, kept[0].name) or PAYLOAD)
                break
    return taint


def _handed_to_other_call(value: str, path: str) -> bool:
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


def payload_kind(path: AccessPath, function: Any, taint: Taint, webhook_file: bool, language: str | None) -> str | None:
    kept = _strip_conversions(path.segments)
    if not kept:
        return None
    if webhook_file and (
        is_request_body(path.segments)
        or (len(kept) == 1 and kept[0].name.lstrip("$@") in _LANGUAGE_BODIES.get(language or "", ()))
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


class SensitiveLogRule(Rule):
    slug = "sensitive-log"
    checklist = "logging"
    severity = Severity.WARNING
    languages = LANGUAGES
    needles = (b"stripe", b"Stripe", b"STRIPE", b"whsec")
    summary = "A log or print call prints a Stripe secret, a raw webhook payload or card details."
    why = """
Logs are copied to log services, CI output, error trackers and support tickets, and are read by far
more people than the secret store. Stripe's go-live checklist asks you to make sure that sensitive
data does not end up in your logs. A logged secret key or webhook signing secret is a leaked
secret; a logged raw webhook payload or request body carries customer data (names, e-mails,
addresses) and, with the signature header, can be replayed; card numbers and CVCs must never be
stored anywhere, logs included (PCI DSS).
The rule looks at logging and print calls of every supported language (Python `logging`,
structlog and `print`; `console.*` and logger objects in JS/TS; `Rails.logger`, `logger`, `puts`,
`p`; `error_log`, `Log::`, PSR-3 loggers, `var_dump`; Go `log`, `slog`, `fmt.Print*`; SLF4J/Log4j
and `System.out`; `ILogger`, Serilog, `Console.Write*`) and at the values their arguments print:
names of the Stripe secret key and webhook secret (variables, settings, environment lookups),
the request body in files that handle webhooks and the names that hold it or the event built
from it, and card objects, card numbers and CVCs. Printing only a property (`event.type`,
`card.last4`, `len(secret)`, `secret is None`, a masked or hashed value) is fine. It only looks
at files that mention Stripe.

"The payload" is only the request body, the event, and names that hold them or a parsed or
decoded form of them (`JSON.parse(body)`, `json.loads(payload)`): what another call returns from
them (an error, a validation result, a reason code) is not the payload. A whole PaymentIntent or
SetupIntent (the result of a create, retrieve or confirm) carries its `client_secret`, which lets
anyone holding it confirm the payment, and is reported as that secret; its `id` or `status` is fine.
"""
    example = """
```python
event = stripe.Webhook.construct_event(payload, sig_header, endpoint_secret)
logger.info("webhook %s", payload)          # warning: logs the raw webhook payload
print("key:", settings.STRIPE_SECRET_KEY)   # warning: logs the Stripe secret key
logger.info("event %s (%s)", event.id, event.type)   # fine
intent = stripe.PaymentIntent.create(amount=1000, currency="eur")
logger.info("created %s", intent)           # warning: logs the client_secret with the intent
logger.info("invalid: %s", validate(event)) # fine: a result, not the payload
```
"""
    fix = """
Log identifiers and types, not values: `event.id`, `event.type`, the object's id, `card.last4`;
mask secrets (`sk_live_…Xk9Q`) if you must show which key is configured. Remove debugging
prints before going live and check that your logging configuration does not dump request bodies.
For a call that is fine (for example, the value was already redacted), add
`# golive-ci: ignore[sensitive-log]` on its line.
"""

    def check(self, source: SourceFile) -> Iterator[Finding]:
        try:
            found = calls(source)
            taint = build_taint(source)
        except ParseError as exc:
            self.context.notice(source.path, f"{exc}; not checked for sensitive logging")
            return
        except RecursionError:  # ast.parse on absurdly nested expressions
            self.context.notice(
                source.path, "expressions nested too deeply to parse; not checked for sensitive logging"
            )
            return
        webhook_file = bool(_WEBHOOK_HINT.search(source.path) or _WEBHOOK_HINT.search(source.text))
        outer: list[tuple[Any, Any]] = []
        for call in found:  # outer calls come before the calls nested in their arguments
            if not is_log_call(call, source.language):
                continue
            start, end = _span(call.node)
            if any(o_start <= start and end <= o_end for o_start, o_end in outer):
                continue  # error_log(print_r($x, true)): the outer call already covers it
            outer.append((start, end))
            reasons: dict[str, str] = {}
            texts = {id(argument.node): argument.text for argument in call.args}
            for argument in logged_arguments(call):
                for path in access_paths(argument):
                    if path.neutral or _handed_to_other_call(texts.get(id(argument), ""), path.text):
                        continue
                    kind = (
                        secret_kind(path.segments, source.language)
                        or payload_kind(path, call.function, taint, webhook_file, source.language)
                        or card_kind(path.segments)
                    )
                    if kind is not None:
                        reasons.setdefault(kind, _short(path.text))
            if reasons:
                what = " and ".join(f"{kind} (`{text}`)" for kind, text in reasons.items())
                yield self.finding(
                    source,
                    call.line,
                    call.column,
                    f"`{_short(call.callee)}` logs {what}: log ids and types instead, never secrets, "
                    "payloads or card data",
                    identity=f"{call.callee}:{','.join(reasons)}:{','.join(reasons.values())}",
                    details={"logged": sorted(reasons)},
                )


def _span(node: Any) -> tuple[Any, Any]:
    if isinstance(node, ast.AST):
        return (node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
    return node.start_byte, node.end_byte


def _short(text: str, limit: int = 60) -> str:
    """Code text for a message: one line, short, with any key or long digit run masked."""
    text = _LONG_DIGITS.sub("…", redact(" ".join(text.split())))
    return text if len(text) <= limit else text[: limit - 1] + "…"
