"""test-mode-artifacts: test-mode keys, links and elements where production reads them."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.findings import Finding, Severity
from golive_ci.posix_paths import posix_path
from golive_ci.rules.base import Rule
from golive_ci.rules.secret_key import is_placeholder
from golive_ci.secrets import hex_digest, mask, redact
from golive_ci.sourcefile import SourceFile
from golive_ci.test_mode import (
    ELEMENT_RE,
    ELEMENT_TAG_LIMIT,
    LINK_KINDS,
    NEEDLES,
    TEST_KEY_RE,
    TEST_LINK_RE,
    is_prose,
    json_production_spans,
    netlify_production_spans,
    production_config,
    seed_data,
)

_KEY_NAMES = {"pk": "publishable key", "sk": "secret key", "rk": "restricted key"}


def _key_name(key: str) -> str:
    return f"test-mode {_KEY_NAMES[key[:2]]}"


def _masked_key(key: str) -> str:
    """Publishable keys are public but still shown masked: a finding never quotes a whole key."""
    return f"pk_test_…{key[-4:]}" if key.startswith("pk_") else mask(key)


def _masked_link(link: str) -> str:
    """The link up to its test marker, the rest elided: links carry ids and session secrets."""
    marker = link.find("test_")
    return link[: marker + len("test_")] + "…"


class TestModeArtifactsRule(Rule):
    __test__ = False  # not a pytest test class, whatever its name
    slug = "test-mode-artifacts"
    checklist = "test-objects"
    severity = Severity.ERROR
    needles = NEEDLES
    skips_tests = True
    summary = "A test-mode key, Payment Link, portal link or Checkout link where production reads it."
    why = """
Production that runs on test-mode objects takes no money: a `pk_test_` key in `.env.production`
makes every live checkout a test checkout, a `buy.stripe.com/test_…` Payment Link in the site opens
a test-mode page that accepts only test cards, and a pricing table or buy button given a `pk_test_`
key sells nothing. Nothing fails loudly: orders look fine until the payouts never arrive. Stripe's
go-live checklist asks you to replace every test object with its live counterpart.

Reported (error): `pk_test_`, `sk_test_` and `rk_test_` keys in production-named configuration:
`.env.production`, `*.prod.*` / `*-production.*` files, a `production`/`prod` folder, a Kustomize
`overlays/prod*`, Helm `values-prod*.yaml`, the production/release/store profiles of `eas.json` and
`app.json`, the `[context.production]` tables of `netlify.toml`. Warnings: test keys in seed data and
data migrations (they become every installation's default); test-mode links
(`buy.stripe.com/test_`, `billing.stripe.com/p/login/test_`, `checkout.stripe.com/c/pay/cs_test_`)
and `<stripe-pricing-table>` / `<stripe-buy-button>` elements with a `pk_test_` key anywhere outside
tests and documentation. Templates (`.env.production.example`) and placeholder keys are not reported.

How this differs from `secret-key`: that rule says a *secret* was committed and must be rolled (a
`pk_test_` key is public and never reported there). This one says *production is in test mode*,
whatever the key's kind: an `sk_test_` in `.env.production` gets both findings, because rolling the
key does not fix the mode and fixing the mode does not un-commit the secret. Keys are masked.
"""
    example = """
```sh
# .env.production
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_test_51H…
```

```html
<a href="https://buy.stripe.com/test_6oE9AN2rb…">Buy now</a>
<stripe-pricing-table pricing-table-id="prctbl_…" publishable-key="pk_test_51H…"></stripe-pricing-table>
```
"""
    fix = """
Set the live values in production (`pk_live_…` from the live Dashboard, in the host's environment
or secret store), and recreate Payment Links, portal links and pricing tables in live mode:

```sh
# .env.production
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=${STRIPE_PUBLISHABLE_KEY}
```

```html
<a href="https://buy.stripe.com/6oE9AN2rb…">Buy now</a>
```

A test artifact that is on purpose (a demo deployment) can be kept with
`golive-ci: ignore[test-mode-artifacts]` on the line or the line above.
"""

    def check(self, source: SourceFile) -> Iterator[Finding]:
        if is_prose(source.path):
            return
        text = source.text
        reported: set[int] = set()
        for start, key, where in self._production_keys(source):
            reported.add(start)
            severity = Severity.WARNING if "seed data" in where else Severity.ERROR
            yield self._finding(
                source,
                start,
                len(key),
                f"Stripe {_key_name(key)} {_masked_key(key)} {where}: production would run "
                "in test mode and take no real payments; set the live key there",
                severity,
                hex_digest(key),
            )
        for match in TEST_LINK_RE.finditer(text):
            link = match.group(0)
            host = link.split("//")[-1].split("/")[0]
            kind = LINK_KINDS.get(host, "link")
            yield self._finding(
                source,
                match.start(),
                len(link),
                f"test-mode {kind} {_masked_link(link)}: customers who follow it reach a test-mode page that "
                "takes only test cards; use the live-mode link",
                Severity.WARNING,
                hex_digest(link),
            )
        for match in ELEMENT_RE.finditer(text):
            tag_end = text.find(">", match.end(), match.end() + ELEMENT_TAG_LIMIT)
            tag = text[match.end() : tag_end if tag_end != -1 else match.end() + ELEMENT_TAG_LIMIT]
            key_match = TEST_KEY_RE.search(tag)
            if key_match is None or not key_match.group(0).startswith("pk_"):
                continue
            offset = match.end() + key_match.start()
            if offset in reported:
                continue
            key = key_match.group(0)
            element = f"<stripe-{match.group(1)}>"
            yield self._finding(
                source,
                offset,
                len(key),
                f"{element} with test-mode publishable key {_masked_key(key)}: it shows test-mode prices and "
                "sells nothing; use the live publishable key and the live table or button id",
                Severity.WARNING,
                hex_digest(key),
            )

    def _production_keys(self, source: SourceFile) -> Iterator[tuple[int, str, str]]:
        """(offset, key, why the place is production) of real-looking test keys in production config."""
        text = source.text
        name = posix_path(source.path).name.lower()
        whole = production_config(source.path)
        if whole is not None:
            spans = [(0, len(text), whole)]
        elif name in ("eas.json", "app.json", "app.config.json"):
            spans = [(s, e, f"the `{section}` section of {name}") for s, e, section in json_production_spans(text)]
        elif name == "netlify.toml":
            spans = [(s, e, f"netlify.toml `[{table}]`") for s, e, table in netlify_production_spans(text)]
        elif seed_data(source.path):
            spans = [(0, len(text), "in seed data, which becomes every installation's default")]
        else:
            return
        for start, end, where in spans:
            for match in TEST_KEY_RE.finditer(text, start, end):
                key = match.group(0)
                if not is_placeholder(key[len("pk_test_") :]):
                    yield (
                        match.start(),
                        key,
                        where if "seed data" in where else f"in production configuration ({where})",
                    )

    def _finding(
        self, source: SourceFile, offset: int, length: int, message: str, severity: Severity, identity: str
    ) -> Finding:
        line, column = source.position(offset)
        return self.finding(
            source,
            line,
            column,
            redact(message),
            severity=severity,
            end_line=line,
            end_column=column + length,
            identity=identity,
        )
