"""test-mode-artifacts: test keys in production config, test-mode links, test pricing tables."""

from __future__ import annotations

import pytest

from golive_ci.findings import Finding, Severity
from golive_ci.rules.test_mode_artifacts import TestModeArtifactsRule
from tests.keys import key
from tests.rule_docs import runnable_blocks
from tests.rule_runner import check_text, lines

PK = key("pk_test", 99, seed=11)
SK = key("sk_test", 99, seed=12)
LINK = "https://buy.stripe.com/" + "test_6oE9AN2rb4kq"
PORTAL = "https://billing.stripe.com/p/login/" + "test_28o5kt0Qx"
SESSION = "https://checkout.stripe.com/c/pay/" + "cs_test_a1ENei5A9TGOaEket#fid"


def check(path: str, text: str) -> list[Finding]:
    return check_text(TestModeArtifactsRule, path, text)


E, W = Severity.ERROR, Severity.WARNING

TRUE_CASES = [
    (".env.production", f"NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY={PK}\nSTRIPE_SECRET_KEY={SK}\n", [(1, E), (2, E)]),
    ("config/app.prod.yaml", f"stripe:\n  publishable_key: {PK}\n", [(2, E)]),
    ("charts/shop/values-production.yaml", f"env:\n  STRIPE_PK: {PK}\n", [(2, E)]),
    ("deploy/k8s/overlays/prod/config.env", f"STRIPE_PK={PK}\n", [(1, E)]),
    ("deploy/production/secrets.json", f'{{"pk": "{PK}"}}\n', [(1, E)]),
    ("src/main/resources/application-prod.properties", f"stripe.key={PK}\n", [(1, E)]),
    (
        "eas.json",
        f'{{\n  "build": {{\n    "preview": {{"env": {{"K": "{PK}"}}}},\n'
        f'    "production": {{\n      "env": {{"K": "{PK}"}}\n    }}\n  }}\n}}\n',
        [(5, E)],
    ),
    (
        "netlify.toml",
        f'[context.deploy-preview.environment]\nK = "{PK}"\n[context.production.environment]\nK = "{PK}"\n',
        [(4, E)],
    ),
    ("db/seeds.rb", f'Setting.create!(stripe_publishable_key: "{PK}")\n', [(1, W)]),
    ("site/pricing.html", f'<a href="{LINK}">Buy</a>\n<a href="{PORTAL}">Manage</a>\n', [(1, W), (2, W)]),
    ("src/Pay.tsx", f'window.location.href = "{SESSION}";\n', [(1, W)]),
    (
        "site/index.html",
        f'<stripe-pricing-table pricing-table-id="prctbl_1"\n  publishable-key="{PK}">\n</stripe-pricing-table>\n',
        [(2, W)],
    ),
    ("app/buy.jsx", f'<stripe-buy-button buy-button-id="buy_btn_1" publishable-key="{PK}" />\n', [(1, W)]),
]


@pytest.mark.parametrize(("path", "code", "expected"), TRUE_CASES, ids=[c[0] for c in TRUE_CASES])
def test_test_mode_in_production_is_reported(path: str, code: str, expected: list[tuple[int, Severity]]) -> None:
    findings = check(path, code)
    assert lines(findings) == expected
    assert all(f.checklist == "test-objects" for f in findings)


def test_keys_and_links_are_masked_in_messages() -> None:
    findings = check(".env.production", f"A={PK}\nB={SK}\nC={LINK}\n")
    assert len(findings) == 3
    for finding in findings:
        assert PK[8:] not in finding.message and SK[8:] not in finding.message
        assert LINK.split("test_")[1] not in finding.message
    assert "test mode" in findings[0].message and "…" in findings[0].message


FALSE_CASES = [
    (".env", f"STRIPE_PK={PK}\n"),
    (".env.development", f"STRIPE_PK={PK}\n"),
    (".env.production.example", f"STRIPE_PK={PK}\n"),
    (".env.production", "STRIPE_PK=pk_live_" + "x" * 30 + "\n"),
    (".env.production", "STRIPE_PK=pk_test_" + "x" * 30 + "\n"),  # a placeholder
    ("src/config.ts", f'export const key = "{PK}";\n'),  # not production configuration
    ("eas.json", f'{{"build": {{"development": {{"env": {{"K": "{PK}"}}}}}}}}\n'),
    ("netlify.toml", f'[context.branch-deploy.environment]\nK = "{PK}"\n'),
    ("site/pricing.html", '<a href="https://buy.stripe.com/6oE9AN2rb4kq">Buy</a>\n'),
    ("site/index.html", '<stripe-pricing-table publishable-key="pk_live_' + "a1" * 20 + '"></stripe-pricing-table>\n'),
    ("README.md", f"Try the demo: {LINK}\n"),
    ("docs/setup.md", f"PK={PK}\n"),
    ("tests/fixtures/prod/.env.production", f"STRIPE_PK={PK}\n"),
    ("src/app.js", "// never ship buy.stripe.com/test_ links\n"),
]


@pytest.mark.parametrize(("path", "code"), FALSE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(FALSE_CASES)])
def test_live_values_development_config_and_docs_are_not_reported(path: str, code: str) -> None:
    assert check(path, code) == []


def test_docs_example_reports_and_fix_does_not() -> None:
    example = [code for path, code in runnable_blocks(TestModeArtifactsRule.example) if path.endswith(".html")]
    fix = [code for path, code in runnable_blocks(TestModeArtifactsRule.fix) if path.endswith(".html")]
    assert example and fix
    assert all(check("site/index.html", code) for code in example)
    assert not any(check("site/index.html", code) for code in fix)
