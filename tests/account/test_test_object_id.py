"""The test-object-id rule: which references it lists, and which it leaves alone."""

from __future__ import annotations

from pathlib import Path

from golive_ci.config import Config
from golive_ci.engine import scan


def found(tmp_path: Path, files: dict[str, str], config: Config | None = None) -> list[tuple[str, int, dict]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    report = scan([tmp_path], tmp_path, config or Config(), select=["test-object-id"])
    return [(f.path, f.line, f.details) for f in report.findings]


def ids(results: list[tuple[str, int, dict]]) -> list[str]:
    return [str(d.get("object_id") or "lookup:" + str(d.get("lookup_key"))) for _, _, d in results]


def test_ids_in_every_language(tmp_path: Path) -> None:
    files = {
        "a.py": 'line_items=[{"price": "price_1MoBy5LkdIwHu7ixZhnattbh", "quantity": 1}]\n',
        "b.js": "const product = 'prod_NWjs8kKbJWmuuc';\n",
        "c.rb": 'Stripe::Subscription.create(items: [{plan: "plan_H3xampl3Plan01"}])\n',
        "d.php": "$promo = ['promotion_code' => 'promo_1MiM6KLkdIwHu7ix'];\n",
        "e.go": 'params.TaxRates = []*string{stripe.String("txr_1MoBy5LkdIwHu7ix")}\n',
        "f.java": 'String rate = "shr_1MoBy5LkdIwHu7ixZ";\n',
        ".env.production": "STRIPE_PRICE=price_1Prod0000000000001\n",
    }
    assert sorted(ids(found(tmp_path, files))) == sorted(
        [
            "price_1MoBy5LkdIwHu7ixZhnattbh",
            "prod_NWjs8kKbJWmuuc",
            "plan_H3xampl3Plan01",
            "promo_1MiM6KLkdIwHu7ix",
            "txr_1MoBy5LkdIwHu7ix",
            "shr_1MoBy5LkdIwHu7ixZ",
            "price_1Prod0000000000001",
        ]
    )


def test_kinds_are_recorded(tmp_path: Path) -> None:
    results = found(tmp_path, {"a.py": 'P = "promo_1MiM6KLkdIwHu7ix"\n'})
    assert results == [("a.py", 1, {"object_id": "promo_1MiM6KLkdIwHu7ix", "object_kind": "promotion_code"})]


def test_traps_are_not_ids(tmp_path: Path) -> None:
    files = {
        "a.py": (
            "price_monthly_id = get()\n"  # a variable name
            "x = product_price_1234567890\n"  # not a prefix at a word start
            "# PRICE = 'price_1Commented000000001'\n"  # commented out
            "y = 'price_abcdefghijkl'\n"  # no digit: a word, not a generated ID
            "z = 'price_1short'\n"  # too short
        ),
        "tests/test_billing.py": 'P = "price_1InATestFile0000001"\n',
        "README.md": "Use `price_1InTheDocs00000001`.\n",
    }
    assert found(tmp_path, files) == []


def test_tests_and_docs_on_request(tmp_path: Path) -> None:
    files = {"tests/test_billing.py": 'P = "price_1InATestFile0000001"\n', "README.md": "`price_1InTheDocs00000001`\n"}
    config = Config(rules={"test-object-id": {"include-tests": True, "include-docs": True}})
    assert sorted(ids(found(tmp_path, files, config))) == ["price_1InATestFile0000001", "price_1InTheDocs00000001"]


def test_configured_coupons_and_plans_are_found_as_strings(tmp_path: Path) -> None:
    files = {
        "a.js": "stripe.checkout.sessions.create({discounts: [{coupon: 'SUMMER21'}]});\nconst SUMMER21 = 1;\n",
        "b.py": 'stripe.Subscription.create(items=[{"plan": "gold"}])\n',
        ".golive-ci.toml": '[rules.test-object-id]\ncoupons = ["SUMMER21"]\nplans = ["gold"]\n',
    }
    config = Config(rules={"test-object-id": {"coupons": ["SUMMER21"], "plans": ["gold"]}})
    results = found(tmp_path, files, config)
    assert [(p, line, d["object_kind"]) for p, line, d in results] == [("a.js", 1, "coupon"), ("b.py", 1, "plan")]


def test_lookup_keys_in_many_shapes(tmp_path: Path) -> None:
    files = {
        "a.py": 'stripe.Price.list(lookup_keys=["pro_monthly", "team_yearly"])\nrow = price["lookup_keys"]\n',
        "b.ts": (
            "await stripe.prices.list({\n  lookup_keys: [\n    'starter',\n  ],\n  expand: ['data.product'],\n});\n"
        ),
        "c.go": 'p := &stripe.PriceListParams{LookupKeys: stripe.StringSlice([]string{"gold"})}\n',
        "d.java": 'PriceListParams.builder().addLookupKey("silver").build();\n',
        "e.php": "$stripe->prices->all(['lookup_keys' => ['bronze'], 'limit' => 3]);\n",
        "f.cs": 'var o = new PriceListOptions { LookupKeys = new List<string> { "iron" } };\n',
    }
    keys = sorted(d["lookup_key"] for _, _, d in found(tmp_path, files))
    assert keys == ["bronze", "gold", "iron", "pro_monthly", "silver", "starter", "team_yearly"]


def test_rule_is_info_on_test_objects() -> None:
    from golive_ci.rules import load_rule

    info = load_rule("test-object-id").info()
    assert info.severity.value == "info" and info.checklist == "test-objects"


def test_account_collects_references_even_when_the_scan_ignores_the_rule(tmp_path: Path) -> None:
    from golive_ci.account.code import collect_references

    (tmp_path / "a.py").write_text('P = "price_1MoBy5LkdIwHu7ixZhnattbh"\n')
    fact = collect_references(tmp_path, Config(ignore=["test-object-id"]))
    assert fact.ok and list(fact.value["ids"]) == ["price_1MoBy5LkdIwHu7ixZhnattbh"]
    assert fact.value["ids"]["price_1MoBy5LkdIwHu7ixZhnattbh"]["locations"] == ["a.py:1"]


def test_lookup_keys_traps(tmp_path: Path) -> None:
    files = {
        "a.py": (
            'lookup_keys.setdefault(str(details["lookup_key"]), []).append(where)\n'  # member access
            "if not lookup_keys:\n"
            '    return result("pass")\n'  # the next statement
            'facts.lookup_keys = {key: missing("invalid-key") for key in keys}\n'  # strings inside another call
            'ok = price["lookup_keys"] == "pro"\n'  # a comparison, not a list filter
            'stripe.Price.list(lookup_keys=[f"plan_{tier}", "%s_monthly" % tier])\n'  # built at run time
        ),
        "b.json": '{"lookup_keys": ["from_a_data_file"]}\n',
    }
    assert found(tmp_path, files) == []


def test_lookup_key_constants_defined_in_the_same_file(tmp_path: Path) -> None:
    files = {
        "a.ts": (
            'const LOOKUP_KEY = "emergency_app_10_monthly";\n'
            "const prices = await stripe.prices.list({ lookup_keys: [LOOKUP_KEY], limit: 1 });\n"
        ),
        "b.py": (
            'PRO_KEY: str = "pro_yearly"\n'
            "prices = stripe.Price.list(lookup_keys=[PRO_KEY, price_key, plan.KEY, UNKNOWN_KEY], active=True)\n"
        ),
    }
    results = found(tmp_path, files)
    assert [(p, line, d["lookup_key"]) for p, line, d in results] == [
        ("a.ts", 1, "emergency_app_10_monthly"),
        ("b.py", 1, "pro_yearly"),
    ]


def test_configured_ids_are_found_in_a_git_repository_too(tmp_path: Path) -> None:
    # Inside git, a prefilter picks candidate files by the rules' needles: it must include the
    # configured free-form IDs, or a file that only names "SUMMER21" is never read.
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    files = {"a.js": "stripe.checkout.sessions.create({discounts: [{coupon: 'SUMMER21'}]});\n"}
    config = Config(rules={"test-object-id": {"coupons": ["SUMMER21"]}})
    assert [(p, line) for p, line, _ in found(tmp_path, files, config)] == [("a.js", 1)]
