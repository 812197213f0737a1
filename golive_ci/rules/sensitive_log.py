"""sensitive-log: a log or print call that prints a Stripe secret, a raw webhook payload or card details."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.logging_calls import access_paths, log_calls, logged_arguments
from golive_ci.logging_calls.sensitive import (
    GENERATED,
    build_taint,
    card_kind,
    handed_to_other_call,
    payload_kind,
    secret_kind,
)
from golive_ci.parsing import lazy_pattern
from golive_ci.rules.base import Rule
from golive_ci.secrets import redact
from golive_ci.sourcefile import ParseError, SourceFile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_WEBHOOK_HINT = lazy_pattern(r"webhook|stripe[-_]signature|construct_?event|verify_?header", re.IGNORECASE)
_LONG_DIGITS = lazy_pattern(r"[0-9][0-9 -]{11,}[0-9]")


class SensitiveLogRule(Rule):
    slug = "sensitive-log"
    checklist = "logging"
    severity = Severity.WARNING
    facts = (log_calls,)
    needles = (b"stripe", b"Stripe", b"STRIPE", b"whsec")  # something of Stripe's to leak: narrower than the facts'
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
them (an error, a validation result, a reason code) is not the payload, and neither is one field
read from the parsed form (`json.loads(request.body).get("priceId")`). A name holding a value the
code generates itself (`generate_token(…)`, `secrets.token_urlsafe(…)`, a UUID) is not a Stripe
secret, whatever it is called. A whole PaymentIntent or
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
            found = log_calls(source)
            if not found:
                return
            taint = build_taint(source, [call.function for call in found])
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
            start, end = _span(call.node)
            if any(o_start <= start and end <= o_end for o_start, o_end in outer):
                continue  # error_log(print_r($x, true)): the outer call already covers it
            outer.append((start, end))
            reasons: dict[str, str] = {}
            texts = {id(argument.node): argument.text for argument in call.args}
            for argument in logged_arguments(call):
                for path in access_paths(argument):
                    if path.neutral or handed_to_other_call(texts.get(id(argument), ""), path.text):
                        continue
                    generated = taint.kind(call.function, path.segments[0].name) == GENERATED
                    kind = (
                        (None if generated else secret_kind(path.segments, source.language))
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
