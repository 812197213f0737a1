"""webhook-tolerance: signature verification with the replay window switched off or stretched."""

from __future__ import annotations

import math
from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import CALLS, calls
from golive_ci.webhooks.bypass import one_line
from golive_ci.webhooks.handlers import is_verification
from golive_ci.webhooks.tolerance import describe, tolerance_of

DEFAULT_MAX_SECONDS = 600


class WebhookToleranceRule(Rule):
    slug = "webhook-tolerance"
    checklist = "webhooks"
    severity = Severity.WARNING
    summary = "Webhook signature verification with the timestamp tolerance disabled or longer than a few minutes."
    why = """
The signed `Stripe-Signature` header carries a timestamp, and the SDKs reject events signed more than
five minutes ago. That window is the replay protection: someone who captures one genuine delivery
(a proxy log, a leaked request dump) cannot post it again later. A tolerance of 0 or `None`/`null`
(Python, Node, PHP, Java), Go's `IgnoreTolerance` / `…IgnoringTolerance`, or a window of hours or days
lets a captured event be replayed — a `checkout.session.completed` fulfilled twice.
Reported when the tolerance is off or above `max-seconds` (default 600).
"""
    example = """
```python
event = stripe.Webhook.construct_event(payload, sig_header, secret, tolerance=None)
```

```go
event, err := webhook.ConstructEventWithOptions(body, sig, secret,
    webhook.ConstructEventOptions{IgnoreTolerance: true})
```
"""
    fix = """
Drop the argument to keep the SDK default of 300 seconds, or pass a few minutes at most. If
deliveries are rejected as too old, fix the server clock (NTP) instead of widening the window.
Allow a longer window with `[tool.golive-ci.rules.webhook-tolerance] max-seconds = 900`.
"""
    # The verification calls (a tolerance may be passed positionally, without the word).
    needles = (
        b"onstruct_event", b"onstructEvent", b"erify_header", b"erifyHeader", b"alidatePayload", b"alidateSignature",
    )  # fmt: skip
    stripe_only = True
    facts = (CALLS,)

    def check(self, source: SourceFile) -> Iterator[Finding]:
        found = [call for call in calls(source) if is_verification(call)]
        limit = float(self.options.get("max-seconds", DEFAULT_MAX_SECONDS))
        for call in found:
            tolerance = tolerance_of(source, call)
            if tolerance is None:
                continue
            written = one_line(tolerance.text, 60)
            if tolerance.seconds is None:
                message = (
                    f"`{call.name}` is called with the timestamp check switched off (`{written}`): a captured "
                    "event can be replayed at any time; keep the default tolerance of 5 minutes"
                )
            elif tolerance.seconds > limit:
                age = (
                    "of any age" if math.isinf(tolerance.seconds) else f"signed up to {describe(tolerance.seconds)} ago"
                )
                message = (
                    f"`{call.name}` accepts events {age} (`{written}`): a captured event can be replayed for that "
                    "long; keep the default of 5 minutes"
                )
            else:
                continue
            yield self.finding(source, call.line, call.column, message, identity=f"{call.name}:{written}")
