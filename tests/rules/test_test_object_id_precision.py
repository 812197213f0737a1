"""Issue 11: test-object-id leaves out IDs marked as non-live and groups tables of IDs; the account
check still looks every one of them up."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.account.code import collect_references
from golive_ci.config import Config
from golive_ci.rules.test_object_id import TABLE_SIZE
from golive_ci.rules.test_object_id import TestObjectIdRule as ObjectIdRule
from tests.rule_runner import check_text


def price(n: int) -> str:
    return f"price_1Mo{n:02d}y5LkdIwHu7ixZhnattbh"


def check(path: str, text: str) -> list:
    return check_text(ObjectIdRule, path, text)


@pytest.mark.parametrize(
    "line",
    [
        f'  "{price(1)}", // monthly 2024 (test)\n',
        f'PRO_PRICE = "{price(1)}"  # sandbox\n',
        f'const STRIPE_TEST_PRICE = "{price(1)}";\n',
        f'stagingPriceId: "{price(1)}",\n',
        f'DEV_PRICE_ID = "{price(1)}"\n',
    ],
)
def test_an_id_marked_test_dev_or_staging_is_not_reported(line: str) -> None:
    assert check("src/billing.ts", line) == []


@pytest.mark.parametrize(
    "line",
    [
        f'  "{price(1)}", // monthly 2024 (prod)\n',
        f'PRO_PRICE = "{price(1)}"\n',
        f'latestPrice = "{price(1)}"  # contest winner\n',  # words that merely contain "test"
        f'PRICES = {{"test": "{price(2)}", "live": "{price(1)}"}}\n',  # the key of the other entry
        f'price = is_test ? "{price(2)}" : "{price(1)}"\n',  # the other branch
    ],
)
def test_a_live_or_unmarked_id_is_still_reported(line: str) -> None:
    assert [f.details["object_id"] for f in check("src/billing.ts", line)] == [price(1)]


def test_an_id_inside_a_test_mode_dashboard_url_is_not_reported() -> None:
    assert check("src/links.ts", f'const link = "https://dashboard.stripe.com/test/prices/{price(1)}";\n') == []


@pytest.mark.parametrize(
    "path",
    ["dev/preview/deploy.sh", "deploy/staging/setup.sh", "scripts/deploy-staging.sh", ".env.development"],
)
def test_ids_in_non_production_deploy_files_are_not_reported(path: str) -> None:
    assert check(path, f'PRICE="{price(1)}"\n') == []


@pytest.mark.parametrize(
    "path", ["deploy/production/setup.sh", "src/components/PricingPreview.tsx", "app/dev_tools.py"]
)
def test_production_files_and_code_named_like_an_environment_are_still_reported(path: str) -> None:
    assert len(check(path, f'PRICE = "{price(1)}"\n')) == 1


def table(live: int, test: int) -> str:
    rows = [f'  "{price(n)}", // yearly (prod)\n' for n in range(live)]
    rows += [f'  "{price(50 + n)}", // yearly (test)\n' for n in range(test)]
    return "export const PRICE_IDS = [\n" + "".join(rows) + "];\n"


def test_a_table_of_many_ids_is_one_finding_naming_the_count() -> None:
    findings = check("src/pricing-plans.ts", table(TABLE_SIZE + 2, 5))
    assert len(findings) == 1
    assert findings[0].line == 2
    assert findings[0].message.startswith(f"{TABLE_SIZE + 2} Stripe object IDs (price) are listed")
    assert len(findings[0].details["object_ids"]) == TABLE_SIZE + 2


def test_a_few_ids_are_reported_one_by_one() -> None:
    assert len(check("src/pricing-plans.ts", table(TABLE_SIZE - 1, 5))) == TABLE_SIZE - 1


def test_the_account_check_still_looks_up_every_id(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "plans.ts").write_text(table(TABLE_SIZE + 2, 5), encoding="utf-8")
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "deploy.sh").write_text(f'PRICE="{price(99)}"\n', encoding="utf-8")
    ids = collect_references(tmp_path, Config()).value["ids"]
    expected = {price(n) for n in range(TABLE_SIZE + 2)} | {price(50 + n) for n in range(5)} | {price(99)}
    assert set(ids) == expected
