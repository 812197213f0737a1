"""live-return-urls: Checkout, portal and Account Link return URLs that lead to http:// or localhost."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.lang import code_languages
from golive_ci.return_urls import (
    ACCOUNT_LINK_RE,
    ACCOUNT_LINK_WINDOW,
    KEY_RE,
    LOCAL_URL_RE,
    NEEDLES,
    STRIPE_NEAR_RE,
    STRIPE_NEEDLES,
    STRIPE_WINDOW_AFTER,
    STRIPE_WINDOW_BEFORE,
    local_base,
    may_hold_local_url,
    non_production_path,
    value_segment,
)
from golive_ci.rules.base import Rule
from golive_ci.secrets import redact
from golive_ci.sourcefile import SourceFile

_ACCOUNT_LINK_KEYS = frozenset({"return_url", "refresh_url"})
_SHOWN = 60
_LOCAL = "http://" + "localhost"


def _shown(literal: str) -> str:
    literal = redact(literal)
    return literal if len(literal) <= _SHOWN else literal[: _SHOWN - 1] + "…"


class LiveReturnUrlsRule(Rule):
    slug = "live-return-urls"
    checklist = "test-objects"
    severity = Severity.WARNING
    needles = NEEDLES
    languages = code_languages()
    skips_tests = True
    summary = "A success, cancel, return or refresh URL given to Stripe is built from http:// or localhost."
    why = """
After paying, cancelling or finishing onboarding, Stripe sends the customer to the URL your code
gave it. Built from `http://localhost:3000` (a leftover of development, or the fallback of an
unset `APP_URL`), it sends every live customer to their own machine: the payment went through,
but they see an error page and your success page never runs. Connect Account Links are stricter:
live mode refuses a `return_url` or `refresh_url` that is not HTTPS, so onboarding fails outright
(error). Elsewhere (Checkout `success_url` / `cancel_url`, billing portal and PaymentIntent
`return_url`) it is a warning.

Reported: the value is an `http://` or localhost literal, or is built from a name whose value in
the same file is one, or falls back to one (`process.env.APP_URL || "http://localhost:3000"`,
`?? `, `os.getenv("DOMAIN", "http://localhost:8000")`, `os.environ.get(…)`, `ENV.fetch(…, …)`,
`env('APP_URL', …)`, Spring `@Value("${app.url:http://localhost}")`). Not reported: tests, e2e
and storybook folders, values gated on the environment on purpose (`isDev ? … : …`), keys with no
Stripe call or parameter class near them (other processors and APIs take success URLs too).
Works in Python, JavaScript/TypeScript, Ruby, PHP, Go, Java and C#.
"""
    example = """
```python
DOMAIN = os.getenv("DOMAIN", "{LOCAL}:4242")
session = stripe.checkout.Session.create(
    mode="payment", line_items=items, success_url=f"{DOMAIN}/success", cancel_url=f"{DOMAIN}/cancel"
)
```

```js
const link = await stripe.accountLinks.create({
  account: id, type: "account_onboarding",
  refresh_url: "{LOCAL}:3000/reauth", return_url: "{LOCAL}:3000/done",
});
```
""".replace("{LOCAL}", _LOCAL)  # assembled so that this module does not report itself
    fix = """
Read the public HTTPS origin from configuration that must be set, and fail at start-up when it is not:

```python
DOMAIN = os.environ["DOMAIN"]  # https://shop.example.com in production
session = stripe.checkout.Session.create(
    mode="payment", line_items=items, success_url=f"{DOMAIN}/success", cancel_url=f"{DOMAIN}/cancel"
)
```

A development-only value behind an explicit environment check is not reported; a leftover that is
on purpose can be kept with `golive-ci: ignore[live-return-urls]` on the line or the line above.
"""

    def check(self, source: SourceFile) -> Iterator[Finding]:
        if non_production_path(source.path) or not source.contains(*STRIPE_NEEDLES):
            return
        if not may_hold_local_url(source.data):
            return
        text = source.text
        if LOCAL_URL_RE.search(text) is None:
            return  # no http:// or localhost anywhere: nothing can be built from one
        known: dict[str, list[str]] = {}  # definitions by name, looked up once per file
        for match in KEY_RE.finditer(text):
            around = text[max(0, match.start() - STRIPE_WINDOW_BEFORE) : match.end() + STRIPE_WINDOW_AFTER]
            if not STRIPE_NEAR_RE.search(around):
                continue
            key = match.group("snake") or match.group("pascal") or match.group("setter")
            snake = key.lower().replace("url", "_url").replace("__", "_")
            value = value_segment(text, match.end())
            found = local_base(text, value, known=known)
            if found is None:
                continue
            literal, how = found
            window = text[max(0, match.start() - ACCOUNT_LINK_WINDOW) : match.start()]
            account_link = snake in _ACCOUNT_LINK_KEYS and ACCOUNT_LINK_RE.search(window) is not None
            if how == "literal":
                built = f"is built from `{_shown(literal)}`"
            elif how == "fallback":
                built = f"falls back to `{_shown(literal)}` when the setting is missing"
            else:
                name, _, kind = how.partition(":")
                verb = "falls back to" if kind == "fallback" else "is"
                built = f"uses `{name}`, which {verb} `{_shown(literal)}`"
            if account_link:
                message = (
                    f"Account Link `{snake}` {built}: live mode refuses non-HTTPS URLs, so onboarding fails; "
                    "use your public https:// origin"
                )
            else:
                message = (
                    f"`{snake}` {built}: live customers would be sent to a URL they cannot reach; "
                    "use your public https:// origin and make it required in production"
                )
            yield self.finding_at(
                source,
                match.start(),
                message,
                severity=Severity.ERROR if account_link else Severity.WARNING,
                identity=f"{snake}:{literal}",
            )
