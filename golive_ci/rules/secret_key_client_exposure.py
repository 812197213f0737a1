"""secret-key-client-exposure: a Stripe secret key shipped to browsers or mobile apps."""

from __future__ import annotations

from collections.abc import Iterator

from golive_ci.client_exposure import (
    ALWAYS_CLIENT_PREFIXES,
    BROWSER_PREFIXES,
    BROWSER_VARIABLE_RE,
    ENV_FILE_RE,
    NEEDLES,
    NEXT_CONFIG_BLOCK_RE,
    NUXT_PUBLIC_BLOCK_RE,
    NUXT_PUBLIC_READ_RE,
    OBJECT_KEY_RE,
    SECRET_VALUE_RE,
    SERVER_SDK_CONSTRUCTION_RE,
    SERVER_SDK_IMPORT_RE,
    is_client_code,
    is_env_file,
    object_block,
    quoted_name,
    secret_stripe_name,
)
from golive_ci.findings import Finding, Severity
from golive_ci.posix_paths import posix_path
from golive_ci.rules.base import Rule
from golive_ci.sourcefile import SourceFile
from golive_ci.test_mode import is_prose

_CODE_SUFFIXES = frozenset({".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".vue", ".svelte", ".astro"})
_ROLL = "roll the key in the Dashboard if it was ever deployed"


class SecretKeyClientExposureRule(Rule):
    slug = "secret-key-client-exposure"
    checklist = "key-rotation"
    severity = Severity.ERROR
    needles = NEEDLES
    skips_tests = True
    summary = "A Stripe secret or restricted key is read through a browser-exposed variable or used in client code."
    why = """
Frontend frameworks copy some environment variables into the JavaScript they send to every
visitor: `NEXT_PUBLIC_` (Next.js), `VITE_` / `import.meta.env.VITE_` (Vite), `REACT_APP_` (Create
React App), `EXPO_PUBLIC_` (Expo), `NUXT_PUBLIC_` / `runtimeConfig.public` (Nuxt), `GATSBY_`, `PUBLIC_`
(SvelteKit, Astro) and `STORYBOOK_`, and Next.js does the same for `next.config.*` `env` and
`publicRuntimeConfig`. A secret or restricted key given such a name is readable by anyone who
opens the browser's developer tools or unpacks the app: they can refund, pay out and read every
customer. The same happens when the server SDK (package `stripe`) is constructed in a
`'use client'` module or a React Native / Expo app, since it needs the secret key there.

Error in client code ('use client' modules, React Native / Expo modules, `.vue`/`.svelte`
components outside server folders, `import.meta.env.VITE_*`, prefixes that exist only in client
bundles (`REACT_APP_`, `EXPO_PUBLIC_`, `NUXT_PUBLIC_`, `STORYBOOK_`), Nuxt's public runtime
configuration, `next.config.*` `env`); warning where the variable is only declared (`.env` files)
or read by code that may run on a server (a React server component, an API route: the name still
ships the value to any client module that reads it). A name in a plain string (a list of
forbidden names in a guard script) is not a read. Only
secret and restricted keys count: names with SECRET, SK or RESTRICTED next to STRIPE, or values
that start with `sk_`/`rk_`. Publishable keys (`NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY`, `pk_…`) are
meant for browsers and are never reported.
"""
    example = """
```tsx
"use client";
import Stripe from "stripe";
const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY!);
```
"""
    fix = """
Keep the secret key on the server under a name without a browser prefix, and give the client
only the publishable key; call Stripe from a route handler or server action:

```tsx
"use client";
import { loadStripe } from "@stripe/stripe-js";
const stripePromise = loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!);
```

Then roll the exposed key in the Dashboard (Developers → API keys): it was in every visitor's bundle.
"""

    def check(self, source: SourceFile) -> Iterator[Finding]:
        if is_prose(source.path):
            return
        path = posix_path(source.path)
        name = path.name.lower()
        if is_env_file(source.path):
            yield from self._env_declarations(source)
            return
        if path.suffix.lower() not in _CODE_SUFFIXES:
            return
        text = source.text
        client = is_client_code(source.path, text)
        if name.startswith("next.config."):
            yield from self._config_blocks(source, NEXT_CONFIG_BLOCK_RE, "next.config")
        elif name.startswith("nuxt.config."):
            yield from self._config_blocks(source, NUXT_PUBLIC_BLOCK_RE, "nuxt.config")
        yield from self._variable_reads(source, client)
        if "public." in text and "untimeConfig" in text:
            for match in NUXT_PUBLIC_READ_RE.finditer(text):
                if secret_stripe_name(match.group("name")):
                    yield self.finding_at(
                        source,
                        match.start(),
                        f"`public.{match.group('name')}` is Nuxt's public runtime configuration: it is sent to every "
                        f"browser in the page payload; move the key to the private `runtimeConfig` and {_ROLL}",
                    )
        if client is not None:
            sdk = SERVER_SDK_IMPORT_RE.search(text)
            if sdk is not None and SERVER_SDK_CONSTRUCTION_RE.search(text):
                yield self.finding_at(
                    source,
                    sdk.start() + len(sdk.group(0)) - len(sdk.group(0).lstrip()),
                    f"the server Stripe SDK (package `stripe`) is constructed in {client}: it needs a secret key "
                    "there, and anything in client code reaches every user; call Stripe from your server and use "
                    "@stripe/stripe-js or @stripe/stripe-react-native with the publishable key in the client",
                )

    def _env_declarations(self, source: SourceFile) -> Iterator[Finding]:
        for match in ENV_FILE_RE.finditer(source.text):
            variable = BROWSER_VARIABLE_RE.fullmatch(match.group("name"))
            if variable is None:
                continue
            secret_value = SECRET_VALUE_RE.match(match.group("value").strip()) is not None
            if not (secret_value or secret_stripe_name(variable.group("rest"))):
                continue
            framework = BROWSER_PREFIXES[variable.group("prefix")]
            what = "holds a Stripe secret or restricted key" if secret_value else "names a Stripe secret key"
            yield self.finding_at(
                source,
                match.start("name"),
                f"`{match.group('name')}` {what} under {framework}'s browser prefix `{variable.group('prefix')}`: "
                f"any client code that reads it ships the key to every user; drop the prefix, read it on the "
                f"server only, and {_ROLL}",
                severity=Severity.WARNING,
                identity=match.group("name"),
            )

    def _variable_reads(self, source: SourceFile, client: str | None) -> Iterator[Finding]:
        text = source.text
        for match in BROWSER_VARIABLE_RE.finditer(text):
            if not secret_stripe_name(match.group("rest")) or quoted_name(text, match.start(), match.end()):
                continue
            prefix = match.group("prefix")
            before = text[max(0, match.start() - 16) : match.start()]
            where = client
            if where is None and prefix in ALWAYS_CLIENT_PREFIXES:
                where = f"code built by {BROWSER_PREFIXES[prefix]}, which inlines `{prefix}` variables into the client"
            if where is None and prefix == "VITE_" and "import.meta.env" in before:
                where = "code built by Vite (`import.meta.env.VITE_*` is inlined into the client bundle)"
            variable = match.group(0)
            if where is not None:
                message = (
                    f"`{variable}` (a Stripe secret key by its name) is read in {where}: it ships to every user; "
                    f"keep the secret key on the server under a name without `{prefix}` and {_ROLL}"
                )
            else:
                message = (
                    f"`{variable}` names a Stripe secret key with {BROWSER_PREFIXES[prefix]}'s browser prefix "
                    f"`{prefix}`: any client module that reads it ships it to every user; drop the prefix and {_ROLL}"
                )
            yield self.finding_at(
                source,
                match.start(),
                message,
                severity=Severity.ERROR if where is not None else Severity.WARNING,
                identity=variable,
            )

    def _config_blocks(self, source: SourceFile, block_re: object, config: str) -> Iterator[Finding]:
        text = source.text
        for block in block_re.finditer(text):  # type: ignore[attr-defined]
            body = object_block(text, block.end())
            for key in OBJECT_KEY_RE.finditer(body):
                key_name = key.group("name")
                if BROWSER_VARIABLE_RE.fullmatch(key_name) or not secret_stripe_name(key_name):
                    continue  # prefixed names are reported where they are read
                section = block.groupdict().get("block") or "runtimeConfig.public"
                yield self.finding_at(
                    source,
                    block.end() + key.start("name"),
                    f"`{key_name}` (a Stripe secret key by its name) is in {config} `{section}`, which is sent to "
                    f"every browser; read it with process.env on the server instead and {_ROLL}",
                    identity=f"{section}:{key_name}",
                )
