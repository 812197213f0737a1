"""Benchmark of `golive-ci account`: API calls and wall time against a Stripe stand-in with latency.

Account: 3 live + 3 test webhook endpoints, 1,000 live events (100 not yet delivered), 200 object
IDs referenced by the code (plus 12 price lookup keys), 50 ms of latency on every request.
Run from the repository root:  .venv/bin/python bench/account_bench.py
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from golive_ci.account import AccountOptions, run_account_checks
from golive_ci.account import objects as object_lookup
from golive_ci.account.policy import RequestPolicy
from golive_ci.config import Config
from tests.account import fixtures as fx
from tests.account.standin import Mode, Scenario, StripeStandIn

HANDLER_CODE = f"""import stripe

client = stripe.StripeClient(KEY, stripe_version="{fx.VERSION}")


def handle(payload, signature, secret):
    event = stripe.Webhook.construct_event(payload, signature, secret)
    if event["type"] == "checkout.session.completed":
        return "fulfil"
    elif event["type"] == "invoice.paid":
        return "extend"
    elif event["type"] == "invoice.payment_failed":
        return "dun"
    elif event["type"] == "customer.subscription.updated":
        return "sync"
"""
EVENT_TYPES = ["checkout.session.completed", "invoice.paid", "invoice.payment_failed", "customer.subscription.updated"]


def build_scenario(latency: float, undelivered: int) -> tuple[Scenario, list[str], list[str], list[str]]:
    """The account, the IDs the code references (200), its lookup keys (12) and coupon IDs (20)."""
    live_prices = [fx.price(f"price_1Live{i:010d}", lookup_key=f"plan_key_{i}" if i < 10 else None) for i in range(400)]
    test_prices = [fx.price(f"price_1Test{i:010d}", live=False) for i in range(10)]
    products = [fx.product(f"prod_Live{i:08d}") for i in range(60)]
    coupons = [fx.coupon(f"COUPON{i:02d}") for i in range(25)]
    promos = [
        {"id": f"promo_1Live{i:010d}", "object": "promotion_code", "active": True, "livemode": True} for i in range(30)
    ]
    tax_rates = [{"id": f"txr_1Live{i:010d}", "object": "tax_rate", "active": True, "livemode": True} for i in range(8)]
    shipping = [
        {"id": f"shr_1Live{i:010d}", "object": "shipping_rate", "active": True, "livemode": True} for i in range(8)
    ]
    referenced = (
        [p["id"] for p in live_prices[:110]]
        + [p["id"] for p in test_prices]
        + [p["id"] for p in products[:40]]
        + [p["id"] for p in promos[:10]]
        + [t["id"] for t in tax_rates[:5]]
        + [s["id"] for s in shipping[:5]]
    )
    coupon_ids = [f"COUPON{i:02d}" for i in range(18)] + ["MISSING1", "MISSING2"]
    lookup_keys = [f"plan_key_{i}" for i in range(12)]
    events = [
        fx.event(i, EVENT_TYPES[i % len(EVENT_TYPES)], pending=1 if i < undelivered else 0, age=600 * (i + 1))
        for i in range(1000)
    ]
    handled = EVENT_TYPES
    scenario = Scenario(
        account=fx.account(),
        live=Mode(
            endpoints=[fx.endpoint(i, f"https://shop.example.com/hook/{i}", handled) for i in range(3)],
            events=events,
            objects={
                "prices": live_prices,
                "products": products,
                "coupons": coupons,
                "promotion_codes": promos,
                "tax_rates": tax_rates,
                "shipping_rates": shipping,
            },
        ),
        test=Mode(
            endpoints=[fx.endpoint(i, f"https://staging.example.com/hook/{i}", handled, live=False) for i in range(3)],
            objects={"prices": test_prices},
        ),
        latency=latency,
    )
    assert len(referenced) + len(coupon_ids) == 200
    return scenario, referenced, lookup_keys, coupon_ids


def run_once(latency: float, undelivered: int, policy: RequestPolicy, list_threshold: int) -> dict[str, object]:
    scenario, referenced, lookup_keys, coupon_ids = build_scenario(latency, undelivered)
    object_lookup.LIST_THRESHOLD = list_threshold
    with tempfile.TemporaryDirectory() as folder, StripeStandIn(scenario) as server:
        root = Path(folder)
        fx.write_code(root, ids=referenced, lookup_keys=lookup_keys)
        (root / "webhooks.py").write_text(HANDLER_CODE, encoding="utf-8")
        config = Config(rules={"test-object-id": {"coupons": coupon_ids}})
        options = AccountOptions(
            root=root,
            config=config,
            live_key=fx.fake_key("rk_live_"),
            test_key=fx.fake_key("rk_test_"),
            api_base=server.url,
            policy=policy,
        )
        started = time.perf_counter()
        report = run_account_checks(options)
        elapsed = time.perf_counter() - started
        by_route: dict[str, int] = {}
        for request in server.requests:
            parts = request.path.strip("/").split("/")
            width = 3 if parts[0] == "v2" else 2  # v2/core/event_destinations
            route = "/".join(parts[:width]) + ("/{id}" if len(parts) > width else "")
            by_route[route] = by_route.get(route, 0) + 1
    return {
        "calls": len(server.requests),
        "seconds": elapsed,
        "by_route": dict(sorted(by_route.items())),
        "statuses": {r.check: r.status for r in report.results},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request (default 0.05)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per variant; the median is reported")
    args = parser.parse_args()
    default = RequestPolicy()
    variants = [
        ("default (4 in flight, ≤20 req/s, list when ≥3 IDs of a kind)", 100, default, object_lookup.LIST_THRESHOLD),
        ("one retrieve per object (no listing)", 100, default, 10**9),
        ("sequential (1 in flight)", 100, RequestPolicy(concurrency=1), object_lookup.LIST_THRESHOLD),
        ("all 1,000 events undelivered", 1000, default, object_lookup.LIST_THRESHOLD),
    ]
    print(f"latency {args.latency * 1000:.0f} ms/request, median of {args.repeat} run(s)\n")
    print("| variant | API calls | wall time (s) |\n|---|---:|---:|")
    details = []
    for name, undelivered, policy, threshold in variants:
        runs = [run_once(args.latency, undelivered, policy, threshold) for _ in range(args.repeat)]
        runs.sort(key=lambda r: r["seconds"])
        median = runs[len(runs) // 2]
        print(f"| {name} | {median['calls']} | {median['seconds']:.2f} |")
        details.append((name, median))
    for name, median in details:
        print(f"\n{name}: {median['by_route']}")
        print(f"  results: {median['statuses']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
