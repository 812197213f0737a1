"""unpinned/unknown-api-version on JavaScript and TypeScript: every stripe-node initialisation style."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.findings import Severity
from tests.api_version_runner import findings_of, lines_of, run_rules

UNPINNED = "unpinned-api-version"


@pytest.mark.parametrize(
    ("name", "source", "line"),
    [
        ("a.js", "const Stripe = require('stripe');\nconst stripe = new Stripe(process.env.KEY);\n", 2),
        ("a.js", "const stripe = require('stripe')(process.env.KEY);\n", 1),
        ("a.js", 'const stripe = require("stripe")(key, { maxNetworkRetries: 2 });\n', 1),
        ("a.mjs", "import Stripe from 'stripe';\nexport const stripe = new Stripe(key);\n", 2),
        ("a.ts", "import * as S from 'stripe';\nconst s = new S.default(key);\n", 2),
        ("a.ts", "import { Stripe } from 'stripe';\nconst s = new Stripe(key, {});\n", 2),
        ("a.ts", "import { Stripe as Client } from 'stripe';\nconst s = new Client(key);\n", 2),
        ("a.ts", "import Stripe = require('stripe');\nconst s = new Stripe(key);\n", 2),
        ("a.js", "const Stripe = require('stripe');\nconst s = Stripe(key, { apiVersion: null });\n", 2),
        ("a.js", "const Stripe = require('stripe');\nconst s = Stripe(key, { apiVersion: undefined });\n", 2),
        ("a.js", "const { Stripe } = require('stripe');\nconst s = new Stripe(key);\n", 2),
        ("a.tsx", "import Stripe from 'stripe';\nconst s = new Stripe(key!, { typescript: true });\n", 2),
        (
            "a.js",
            "const Stripe = require('stripe');\nconst options = { apiVersion: null };\n"
            "const s = new Stripe(k, options);\n",
            3,
        ),
    ],
)
def test_unpinned_clients(tmp_path: Path, name: str, source: str, line: int) -> None:
    [finding] = findings_of(run_rules(tmp_path, {name: source}), UNPINNED)
    assert (finding.path, finding.line, finding.severity) == (name, line, Severity.ERROR)


@pytest.mark.parametrize(
    "init",
    [
        "new Stripe(key, { apiVersion: '2026-10-28.endive' })",
        "new Stripe(key, { apiVersion: '2026-10-28.endive' as any })",
        "new Stripe(key, '2026-10-28.endive')",  # the legacy string form
        "new Stripe(key, { apiVersion: config.stripe.apiVersion })",
        "new Stripe(key, { apiVersion: STRIPE_API_VERSION })",
        "new Stripe(key, { ...stripeOptions })",
        "new Stripe(key, stripeOptions)",
        "new Stripe(key, { apiVersion: process.env.STRIPE_API_VERSION || '2026-10-28.endive' })",
        "new Stripe(key, { apiVersion: process.env.STRIPE_API_VERSION ?? '2026-10-28.endive' })",
    ],
)
def test_pinned_clients(tmp_path: Path, init: str) -> None:
    source = f"import Stripe from 'stripe';\nexport const stripe = {init};\n"
    assert findings_of(run_rules(tmp_path, {"a.ts": source}), UNPINNED) == []


def test_version_from_environment_only_is_a_warning(tmp_path: Path) -> None:
    source = (
        "const Stripe = require('stripe');\nconst s = new Stripe(k, { apiVersion: process.env.STRIPE_API_VERSION });\n"
    )
    [finding] = findings_of(run_rules(tmp_path, {"a.js": source}), UNPINNED)
    assert finding.severity is Severity.WARNING and "STRIPE_API_VERSION" in finding.message


def test_options_object_declared_elsewhere_is_resolved(tmp_path: Path) -> None:
    source = (
        "const Stripe = require('stripe');\n"
        "const options = { apiVersion: '2023-10-15' };\n"
        "module.exports = new Stripe(process.env.KEY, options);\n"
    )
    report = run_rules(tmp_path, {"a.js": source})
    assert findings_of(report, UNPINNED) == []
    assert lines_of(report, "unknown-api-version") == [("a.js", 2)]


@pytest.mark.parametrize(
    ("name", "source"),
    [
        # Stripe.js in the browser: a global Stripe() with a publishable key, or @stripe/stripe-js.
        ("checkout.js", "const stripe = Stripe('pk_test_abc');\nstripe.redirectToCheckout({ sessionId });\n"),
        ("a.ts", "import { loadStripe } from '@stripe/stripe-js';\nconst s = await loadStripe(pk);\n"),
        # Another library's Stripe class.
        ("a.ts", "import Stripe from 'stripe-mock-server';\nconst s = new Stripe(key);\n"),
        ("a.js", "const { Stripe } = require('./payments/stripe');\nconst s = new Stripe(key);\n"),
        # A variable named apiVersion that is not Stripe's.
        ("api.js", "const stripe = require('stripe');\nconst apiVersion = 'v3';\nfetch(`/api/${apiVersion}`);\n"),
        # Commented-out code.
        ("a.js", "const Stripe = require('stripe');\n// const s = new Stripe(key);\n/* Stripe(key) */\n"),
        # A string that mentions it.
        ("a.js", "const help = \"const stripe = require('stripe')(key)\";\n"),
    ],
)
def test_traps_are_not_flagged(tmp_path: Path, name: str, source: str) -> None:
    assert findings_of(run_rules(tmp_path, {name: source})) == []


def test_request_option_version_is_checked(tmp_path: Path) -> None:
    source = (
        "const stripe = require('stripe')(key, { apiVersion: '2026-10-28.endive' });\n"
        "await stripe.customers.create({ email }, { apiVersion: '2026-10-29.endive' });\n"
    )
    report = run_rules(tmp_path, {"a.js": source})
    assert lines_of(report, "unknown-api-version") == [("a.js", 2)]
    assert len(findings_of(report, "inconsistent-api-version")) == 1  # one per file (issue 12)


def test_test_fixture_strings_are_not_pins(tmp_path: Path) -> None:
    files = {
        "__tests__/billing.test.js": (
            "const stripe = require('stripe')('sk');\nconst event = { api_version: '2019-01-01' };\n"
        ),
        "fixtures/event.js": "module.exports = { apiVersion: '2011-01-01' };\n",
    }
    assert findings_of(run_rules(tmp_path, files)) == []


def test_broken_typescript_does_not_crash(tmp_path: Path) -> None:
    source = "const s = new Stripe(;\n" + "}" * 40
    report = run_rules(tmp_path, {"a.ts": source})
    assert report.findings == [] and [n.path for n in report.notices] == ["a.ts"]


@pytest.mark.parametrize(
    "prelude",
    [
        'const stripe_1 = __importDefault(require("stripe"));\n',
        'const stripe_1 = tslib.__importStar(require("stripe"));\n',
        'var stripe_1 = require("stripe");\n',
    ],
)
def test_compiled_typescript_output(tmp_path: Path, prelude: str) -> None:
    source = prelude + "class P {\n  constructor(o) {\n    this.stripe_ = new stripe_1.default(o.apiKey);\n  }\n}\n"
    assert lines_of(run_rules(tmp_path, {"lib/index.js": source}), UNPINNED) == [("lib/index.js", 4)]


def test_conditional_options_that_may_set_no_version_warn(tmp_path: Path) -> None:
    source = (
        'import Stripe from "stripe";\n'
        "const apiVersion = process.env.STRIPE_API_VERSION || undefined;\n"
        "export const stripe = new Stripe(process.env.KEY, apiVersion ? { apiVersion } : {});\n"
    )
    [finding] = findings_of(run_rules(tmp_path, {"a.js": source}), UNPINNED)
    assert (finding.line, finding.severity) == (3, Severity.WARNING)
    assert "STRIPE_API_VERSION" in finding.message


def test_conditional_options_without_any_version_are_unpinned(tmp_path: Path) -> None:
    source = 'import Stripe from "stripe";\nexport const s = new Stripe(k, debug ? { telemetry: false } : {});\n'
    [finding] = findings_of(run_rules(tmp_path, {"a.js": source}), UNPINNED)
    assert finding.severity is Severity.ERROR
