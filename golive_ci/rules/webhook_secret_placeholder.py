"""webhook-secret-placeholder: signature verification against a placeholder or possibly empty signing secret."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.lang import profile
from golive_ci.parsing import lazy_pattern
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.syntax import Call
from golive_ci.webhooks.arguments import (
    SECRET,
    names_in_chain,
    origins,
    verification_argument,
    verification_calls,
)
from golive_ci.webhooks.bypass import one_line
from golive_ci.webhooks.signing_secret import DEFAULT, PLACEHOLDER, classify, presence_checked

# The handler compares the event's API version itself (and can refuse it): nothing is accepted silently.
_VERSION_COMPARED = lazy_pattern(r"\.ApiVersion\s*[!=]=|[!=]=\s*\w+(?:\.\w+)*\.ApiVersion\b")


class WebhookSecretPlaceholderRule(Rule):
    slug = "webhook-secret-placeholder"
    checklist = "webhooks"
    severity = Severity.ERROR
    summary = "Webhook signatures are verified against a placeholder or possibly empty signing secret."
    why = """
Verification only proves an event came from Stripe if the secret is secret. A placeholder from a
tutorial (`"whsec_..."`, `"SET-ME-PLEASE"`, `"changeme"`) or an empty string is public: anyone can
compute a valid `Stripe-Signature` with it and post forged events that your handler accepts.
Severity:

- error: the secret given to `construct_event` / `constructEvent` / `ConstructEvent` is such a
  literal, or falls back to one when the variable is unset (`process.env.STRIPE_WEBHOOK_SECRET || ''`,
  `os.getenv("…", "")`, `ENV.fetch("…", "")`, `env('…', '')`, Spring `${stripe.webhook-secret:}`,
  `?? string.Empty`) and nothing in the file checks it is set;
- warning: the secret is read in a way that is empty when unset and the SDK accepts an empty key,
  with no presence check in the file: Go's `os.Getenv` (gives `""`), PHP's `getenv()`, `env()`,
  `config()`, `$_ENV[…]` (`false`/`null`, which `hash_hmac` treats as `""`). Python, Node, Ruby,
  Java and .NET reject a missing key, so their plain reads are not reported;
- warning: .NET `EventUtility.ConstructEvent(…, throwOnApiVersionMismatch: false)` accepts events of
  another API version silently, so fields your code reads can be missing or renamed.

A presence check is any line of the same file that tests the secret's variable or its environment
variable (`if not secret`, `if secret == ""`, `?? throw`, `assert`, `empty()`, a `required` schema).
"""
    example = """
```js
const endpointSecret = process.env.STRIPE_WEBHOOK_SECRET || "";
const event = stripe.webhooks.constructEvent(req.body, sig, endpointSecret);
```

```python
event = stripe.Webhook.construct_event(request.data, sig_header, "whsec_...")
```
"""
    fix = """
Read the secret of this endpoint from the environment and stop when it is missing:

```js
const endpointSecret = process.env.STRIPE_WEBHOOK_SECRET;
if (!endpointSecret) throw new Error("STRIPE_WEBHOOK_SECRET is not set");
const event = stripe.webhooks.constructEvent(req.body, sig, endpointSecret);
```

```python
event = stripe.Webhook.construct_event(request.data, sig_header, os.environ["STRIPE_WEBHOOK_SECRET"])
```

Each endpoint has its own secret (Dashboard → Webhooks → the endpoint → Signing secret); the live
one differs from the test one and from the Stripe CLI's. In .NET keep `throwOnApiVersionMismatch`
at its default and pin the endpoint's API version to the SDK's instead.
"""
    facts = (verification_calls,)
    skips_tests = True

    def check(self, source: SourceFile) -> Iterator[Finding]:
        found = verification_calls(source)
        language = profile(source.language)
        mismatch_flag = language.webhook_version_mismatch_flag if language is not None else None
        for call in found:
            finding = self._secret_finding(source, call)
            if finding is not None:
                yield finding
            if mismatch_flag is not None:
                yield from self._version_check(source, call, mismatch_flag)

    def _secret_finding(self, source: SourceFile, call: Call) -> Finding | None:
        argument = verification_argument(call, SECRET)
        if argument is None:
            return None
        texts = origins(source, call, argument)
        names = names_in_chain(source, call, argument)
        secret = classify(source, texts, names)
        if secret is None:
            return None
        if secret.kind != PLACEHOLDER and presence_checked(source, texts, names, call.line):
            return None
        shown = one_line(secret.shown, 70)
        if secret.kind == PLACEHOLDER:
            message = (
                f"`{call.name}` verifies against the placeholder secret `{shown}`: anyone can sign a forged "
                "event with it; use the endpoint's signing secret from the environment"
            )
            severity = Severity.ERROR
        elif secret.kind == DEFAULT:
            message = (
                f"the signing secret given to `{call.name}` falls back to a public value (`{shown}`) and nothing "
                "checks it is set: one missing variable and forged events verify; fail at start-up instead"
            )
            severity = Severity.ERROR
        else:
            message = (
                f"the signing secret given to `{call.name}` comes from `{shown}`, which is empty when unset, and "
                "this SDK signs with an empty key: check it is set before verifying"
            )
            severity = Severity.WARNING
        return self.finding(
            source, call.line, call.column, message, severity=severity, identity=f"{secret.kind}:{shown}"
        )

    def _version_check(self, source: SourceFile, call: Call, flag: str) -> Iterator[Finding]:
        named = next((call.kwarg(name) for name in (flag, f"{flag}:") if call.kwarg(name) is not None), None)
        positional = call.positional(4) if call.name == "ConstructEvent" else None
        argument = named or positional
        if argument is None or argument.text.strip() != "false" or _VERSION_COMPARED.search(source.text):
            return
        message = (
            f"`{call.name}` is called with `{flag}: false`: events of another API version are "
            "accepted silently and fields this code reads may be missing; pin the endpoint to the SDK's version"
        )
        yield self.finding(
            source, call.line, call.column, message, severity=Severity.WARNING, identity="version-mismatch"
        )
