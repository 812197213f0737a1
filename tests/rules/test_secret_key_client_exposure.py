"""secret-key-client-exposure: secret keys under browser prefixes, in public config, or the server SDK in clients."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.secret_key_client_exposure import SecretKeyClientExposureRule
from tests.keys import key
from tests.rule_docs import runnable_blocks
from tests.rule_runner import check_text, lines


def check(path: str, text: str) -> list[Finding]:
    return check_text(SecretKeyClientExposureRule, path, text)


E, W = Severity.ERROR, Severity.WARNING

TRUE_CASES = [
    # Next.js: a 'use client' module reading a NEXT_PUBLIC_ secret, and constructing the server SDK.
    (
        "app/checkout/page.tsx",
        '"use client";\n'
        'import Stripe from "stripe";\n'
        "const s = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY!);\n",
        [(2, E), (3, E)],
    ),
    # Vite: import.meta.env.VITE_* is inlined into the client bundle.
    ("src/lib/pay.ts", "const k = import.meta.env.VITE_STRIPE_SECRET_KEY;\n", [(1, E)]),
    # Create React App, Expo, Storybook: client-only prefixes.
    ("src/pay.js", "fetch(u, { headers: { Authorization: process.env.REACT_APP_STRIPE_SK } });\n", [(1, E)]),
    (
        "App.tsx",
        'import { View } from "react-native";\nimport Stripe from "stripe";\n'
        "const stripe = new Stripe(process.env.EXPO_PUBLIC_STRIPE_RESTRICTED_KEY);\n",
        [(2, E), (3, E)],
    ),
    # Nuxt: public runtime configuration, in nuxt.config and where components read it.
    (
        "nuxt.config.ts",
        "export default defineNuxtConfig({\n"
        "  runtimeConfig: { stripeSecretKey: '', public: { stripeSecretKey: '' } },\n})\n",
        [(2, E)],
    ),
    (
        "pages/pay.vue",
        "<script setup>\nconst config = useRuntimeConfig()\nconst k = config.public.stripeSecretKey\n</script>\n",
        [(3, E)],
    ),
    # next.config.* env is inlined into every bundle.
    (
        "next.config.mjs",
        "export default {\n  env: {\n    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,\n  },\n};\n",
        [(3, E)],
    ),
    (
        "next.config.js",
        "module.exports = { publicRuntimeConfig: { stripeSecret: process.env.STRIPE_SECRET } }\n",
        [(1, E)],
    ),
    # SvelteKit: $env/static/public in a component.
    (
        "src/routes/pay/+page.svelte",
        "<script>\nimport { PUBLIC_STRIPE_SECRET_KEY } from '$env/static/public';\n</script>\n",
        [(2, E)],
    ),
    # Server code reading a browser-named secret: the name is the mistake (warning).
    (
        "lib/stripe.ts",
        'import Stripe from "stripe";\nexport const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY!);\n',
        [(2, W)],
    ),
]


@pytest.mark.parametrize(("path", "code", "expected"), TRUE_CASES, ids=[c[0] for c in TRUE_CASES])
def test_exposed_secret_keys_are_reported(path: str, code: str, expected: list[tuple[int, Severity]]) -> None:
    findings = check(path, code)
    assert lines(findings) == expected
    assert all(f.checklist == "key-rotation" for f in findings)


def test_env_files_name_the_variable_never_the_value() -> None:
    secret = key("sk_test", 40, seed=3)
    text = (
        "NEXT_PUBLIC_STRIPE_SECRET_KEY=abc\n"
        "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk\n"
        f"VITE_STRIPE_KEY={secret}\n"
        f"STRIPE_SECRET_KEY={secret}\n"
        "GATSBY_STRIPE_SECRET=x\n"
    )
    findings = check(".env.local", text)
    assert lines(findings) == [(1, W), (3, W), (5, W)]
    assert all(secret[8:] not in f.message for f in findings)
    assert "holds a Stripe secret" in findings[1].message


FALSE_CASES = [
    # Publishable keys are meant for browsers.
    ("app/page.tsx", '"use client";\nconst s = loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!);\n'),
    ("src/main.ts", "const k = import.meta.env.VITE_STRIPE_PUBLIC_KEY;\nconst p = import.meta.env.VITE_STRIPE_PK;\n"),
    (".env.production", "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk\nEXPO_PUBLIC_STRIPE_KEY=pk\n"),
    # Server-side secret under a server-only name.
    ("pages/api/pay.ts", 'import Stripe from "stripe";\nconst s = new Stripe(process.env.STRIPE_SECRET_KEY!);\n'),
    # A secret under a browser prefix that is not Stripe's.
    ("app/page.tsx", '"use client";\nconst s = process.env.NEXT_PUBLIC_CLERK_SECRET;\n'),
    # Types only, in a client module.
    ("app/x.tsx", '"use client";\nimport type Stripe from "stripe";\nlet c: Stripe.Customer;\n'),
    # The browser SDK in a client module.
    ("app/y.tsx", '"use client";\nimport { loadStripe } from "@stripe/stripe-js";\nloadStripe(pk);\n'),
    # A guard script listing forbidden names is not a read.
    ("scripts/check-env.mjs", 'const forbidden = ["NEXT_PUBLIC_STRIPE_SECRET_KEY", "NEXT_PUBLIC_OPENAI_API_KEY"];\n'),
    # Nuxt private runtime configuration.
    (
        "nuxt.config.ts",
        "export default defineNuxtConfig({ runtimeConfig: { stripeSecretKey: '', public: { stripeKey: '' } } })\n",
    ),
    # Tests and documentation.
    ("app/page.test.tsx", '"use client";\nconst k = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;\n'),
    ("README.md", "Set NEXT_PUBLIC_STRIPE_SECRET_KEY=... (don't!)\n"),
]


@pytest.mark.parametrize(("path", "code"), FALSE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(FALSE_CASES)])
def test_publishable_keys_and_server_names_are_not_reported(path: str, code: str) -> None:
    assert check(path, code) == []


def test_docs_example_reports_and_fix_does_not() -> None:
    example = [code for _, code in runnable_blocks(SecretKeyClientExposureRule.example)]
    fix = [code for _, code in runnable_blocks(SecretKeyClientExposureRule.fix)]
    assert example and fix
    assert all(any(f.severity == Severity.ERROR for f in check("app/page.tsx", code)) for code in example)
    assert not any(check("app/page.tsx", code) for code in fix)
