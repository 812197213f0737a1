"""Regenerate examples/account-snapshot.json: a demo account for the example shop (made-up IDs).

.venv/bin/python -m tests.account.demo_snapshot examples/account-snapshot.json
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from golive_ci.account import AccountOptions, run_account_checks
from golive_ci.account.policy import RequestPolicy
from golive_ci.config import Config
from tests.account import fixtures as fx
from tests.account.standin import Mode, Scenario, StripeStandIn

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"
DEFAULT = "2025-03-31.basil"  # the demo account default API version


def demo_scenario() -> Scenario:
    test_events = ["payment_intent.succeeded", "payment_intent.payment_failed"]
    return Scenario(
        account=fx.account(id="acct_1DemoShop0000000", requirements={"eventually_due": ["company.tax_id"]}),
        live=Mode(
            endpoints=[
                fx.endpoint(1, "https://shop.example.com/webhook", ["checkout.session.completed"], api_version=None),
                fx.endpoint(2, "https://old.example.com/webhook", ["*"], status="disabled", api_version="2023-10-16"),
            ],
            events=[
                fx.event(i, "checkout.session.completed", pending=int(i < 3), age=600 * (i + 1), api_version=DEFAULT)
                for i in range(12)
            ],
            objects={"prices": [fx.price("price_1PshopDemoPro01", lookup_key="pro_monthly")]},
        ),
        test=Mode(
            endpoints=[fx.endpoint(1, "https://staging.example.com/webhook", test_events, live=False)],
            objects={"prices": [fx.price("price_1PshopDemoBasic", live=False)]},
        ),
    )  # fmt: skip


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    with tempfile.TemporaryDirectory() as folder, StripeStandIn(demo_scenario()) as server:
        options = AccountOptions(
            root=SHOP if SHOP.is_dir() else Path(folder),
            config=Config(),
            live_key=fx.fake_key("rk_live_"),
            test_key=fx.fake_key("rk_test_"),
            api_base=server.url,
            snapshot_out=out,
            policy=RequestPolicy(max_retries=0),
        )
        report = run_account_checks(options)
    document = json.loads(out.read_text())
    document["created"] = "2026-11-26T09:00:00+00:00"
    out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    for result in report.results:
        print(f"{result.status:17} {result.check}: {result.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
