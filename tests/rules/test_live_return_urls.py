"""live-return-urls: return URLs built from http:// or localhost, in every server language."""

from __future__ import annotations

import re

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.live_return_urls import LiveReturnUrlsRule
from tests.rule_runner import check_text

LOCAL = "http://" + "localhost"


def check(path: str, text: str) -> list[Finding]:
    return check_text(LiveReturnUrlsRule, path, text.replace("{LOCAL}", LOCAL))


# (path, code, expected (line, severity) pairs)
TRUE_CASES = [
    (
        "app.py",
        'import stripe, os\nDOMAIN = os.getenv("DOMAIN", "{LOCAL}:4242")\n'
        'stripe.checkout.Session.create(success_url=f"{DOMAIN}/ok", cancel_url=DOMAIN + "/no")\n',
        [(3, Severity.WARNING), (3, Severity.WARNING)],
    ),
    (
        "views.py",
        'import stripe, os\nBASE = os.environ.get("BASE_URL", "{LOCAL}:8000")\n'
        "def pay():\n    stripe.billing_portal.Session.create(customer=c, return_url=BASE)\n",
        [(4, Severity.WARNING)],
    ),
    (
        "onboard.js",
        'const stripe = require("stripe")(key);\nconst base = process.env.APP_URL || "{LOCAL}:3000";\n'
        "await stripe.accountLinks.create({\n  account: id,\n  refresh_url: `${base}/reauth`,\n"
        '  return_url: "{LOCAL}:3000/done",\n  type: "account_onboarding",\n});\n',
        [(5, Severity.ERROR), (6, Severity.ERROR)],
    ),
    (
        "checkout.ts",
        'import Stripe from "stripe";\nconst origin = process.env.ORIGIN ?? "{LOCAL}:5173";\n'
        "await stripe.checkout.sessions.create({ success_url: origin + '/ok', mode: 'payment' });\n",
        [(3, Severity.WARNING)],
    ),
    (
        "checkout_controller.rb",
        'BASE_URL = ENV.fetch("APP_URL", "{LOCAL}:3000")\n'
        'Stripe::Checkout::Session.create(success_url: "#{BASE_URL}/ok", mode: "payment")\n',
        [(2, Severity.WARNING)],
    ),
    (
        "CheckoutController.php",
        "<?php\n$domain = env('APP_URL', '{LOCAL}');\n"
        "$stripe->checkout->sessions->create(['success_url' => $domain . '/ok']);\n"
        "\\Stripe\\AccountLink::create(['account' => $id, 'refresh_url' => 'http://shop.test/re']);\n",
        [(3, Severity.WARNING), (4, Severity.ERROR)],
    ),
    (
        "main.go",
        'package main\nimport "github.com/stripe/stripe-go/v76"\nfunc f() {\n  domain := "{LOCAL}:4242"\n'
        '  params := &stripe.CheckoutSessionParams{\n    SuccessURL: stripe.String(domain + "/ok"),\n  }\n}\n',
        [(6, Severity.WARNING)],
    ),
    (
        "Pay.java",
        "import com.stripe.param.checkout.SessionCreateParams;\n"
        'class Pay {\n  @Value("${app.domain:{LOCAL}:8080}") private String domain;\n'
        '  void f() { SessionCreateParams.builder().setSuccessUrl(domain + "/ok").build(); }\n}\n',
        [(4, Severity.WARNING)],
    ),
    (
        "Pay.cs",
        "using Stripe.Checkout;\nclass Pay {\n  void F() {\n"
        '    var o = new SessionCreateOptions { SuccessUrl = "{LOCAL}:5000/ok", Mode = "payment" };\n  }\n}\n',
        [(4, Severity.WARNING)],
    ),
]


@pytest.mark.parametrize(("path", "code", "expected"), TRUE_CASES, ids=[c[0] for c in TRUE_CASES])
def test_local_return_urls_are_reported(path: str, code: str, expected: list[tuple[int, Severity]]) -> None:
    findings = check(path, code)
    assert [(f.line, f.severity) for f in findings] == expected
    assert all(f.checklist == "test-objects" for f in findings)
    assert all("https://" in f.message for f in findings)


FALSE_CASES = [
    (
        "app.py",
        "import stripe, os\n"
        'DOMAIN = os.environ["DOMAIN"]\n'
        'stripe.checkout.Session.create(success_url=f"{DOMAIN}/ok")\n',
    ),
    ("app.py", 'import stripe\nstripe.checkout.Session.create(success_url="https://shop.example.com/ok")\n'),
    (
        "a.js",
        'import Stripe from "stripe";\n'
        'const b = isDev ? "{LOCAL}:3000" : "https://x.io";\n'
        "stripe.checkout.sessions.create({ success_url: `${b}/ok` });\n",
    ),
    (
        "a.ts",
        'import Stripe from "stripe";\n'
        "const base = process.env.APP_URL!;\n"
        "stripe.checkout.sessions.create({ success_url: `${base}/ok` });\n",
    ),
    ("a.rb", 'Stripe::Checkout::Session.create(success_url: "#{ENV.fetch("APP_URL")}/ok")\n'),
    ("a.php", "<?php\n$stripe->checkout->sessions->create(['success_url' => route('ok')]);\n"),
    (
        "m.go",
        "package m\n"
        'import "github.com/stripe/stripe-go/v76"\n'
        'var p = &stripe.CheckoutSessionParams{SuccessURL: stripe.String(os.Getenv("OK_URL"))}\n',
    ),
    (
        "P.java",
        "import com.stripe.param.checkout.SessionCreateParams;\n"
        "class P { void f() { b.setSuccessUrl(props.getSuccessUrl()); } }\n",
    ),
    (
        "P.cs",
        "using Stripe;\n"
        "class P { void F() { var o = new SessionCreateOptions { SuccessUrl = _options.SuccessUrl }; } }\n",
    ),
    # Not Stripe: an SSO return URL in a file that never names Stripe.
    ("Sso.cs", 'class S { void F() { var p = new Props { ReturnUrl = "{LOCAL}:5000/" }; } }\n'),
    # Tests, e2e suites and storybook are not production.
    ("tests/test_pay.py", 'import stripe\nstripe.checkout.Session.create(success_url="{LOCAL}/ok")\n'),
    ("e2e/pay.ts", 'import Stripe from "stripe";\nstripe.checkout.sessions.create({ success_url: "{LOCAL}/ok" });\n'),
    # Another processor's call in a file that also uses Stripe, far from any Stripe call.
    (
        "routes/pay.js",
        'const stripe = require("stripe")(key);\n' + "// unrelated\n" * 120 + "await axios.post(NOWPAYMENTS, {\n"
        "  success_url: `${process.env.DASHBOARD_URL || '{LOCAL}:3001'}/ok`,\n});\n",
    ),
    # Development-only settings by their file name.
    ("shop/settings_dev.py", 'import stripe\nstripe.checkout.Session.create(success_url="{LOCAL}/ok")\n'),
    ("spec/pay_spec.rb", 'Stripe::Checkout::Session.create(success_url: "{LOCAL}/ok")\n'),
]


@pytest.mark.parametrize(("path", "code"), FALSE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(FALSE_CASES)])
def test_https_required_and_dev_only_values_are_not_reported(path: str, code: str) -> None:
    assert check(path, code) == []


def test_plain_http_to_a_public_host_is_reported_too() -> None:
    findings = check("a.py", 'import stripe\nstripe.checkout.Session.create(cancel_url="http://shop.example.com/no")\n')
    assert [f.line for f in findings] == [2]
    assert "http://shop.example.com/no" in findings[0].message


def _blocks(markdown: str) -> list[tuple[str, str]]:
    return re.findall(r"```(\w+)\n(.*?)```", markdown, re.DOTALL)


SUFFIX = {"python": "py", "js": "js", "ts": "ts", "tsx": "tsx"}


def test_docs_example_reports_and_fix_does_not() -> None:
    info = LiveReturnUrlsRule.info()
    example = [check(f"app.{SUFFIX[lang]}", "import stripe\n" + code) for lang, code in _blocks(info.example)]
    assert all(example) and len(example) == 2
    assert any(f.severity == Severity.ERROR for f in example[1])
    fixed = [check(f"app.{SUFFIX[lang]}", "import stripe\n" + code) for lang, code in _blocks(info.fix)]
    assert fixed and not any(fixed)
