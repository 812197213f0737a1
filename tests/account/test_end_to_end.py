"""The checks driven through the real stripe SDK against the stand-in server."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.account.facts import Fact
from tests.account import fixtures as fx
from tests.account.conftest import LIVE_KEY, run_checks, statuses
from tests.account.standin import Fault, Mode, Scenario

VERSIONS = Fact({"pins": [{"version": fx.VERSION, "where": "app.py:3"}], "sdks": [], "latest_version": fx.VERSION})
HANDLED = Fact({event: ["app.py:10"] for event in fx.HANDLED})


@pytest.fixture(autouse=True)
def code_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand in for the version picture and the handler analysis (other parts of golive-ci)."""
    monkeypatch.setattr("golive_ci.account.code.versions_of", lambda picture, notes=None: VERSIONS)
    fx.stand_in_handled_events(monkeypatch, HANDLED)


def test_healthy_account_passes_every_check(standin, code: Path) -> None:
    server = standin(fx.healthy())
    report = run_checks(code, server.url)
    assert statuses(report) == {
        "account-readiness": "pass",
        "live-webhook-endpoints": "pass",
        "webhook-parity": "pass",
        "webhook-endpoint-version": "pass",
        "live-objects": "pass",
        "account-api-version": "pass",
        "webhook-delivery": "pass",
        "api-keys": "pass",
        "live-endpoint-url": "pass",
        "billing-settings-ready": "pass",
    }
    assert report.to_findings() == []
    assert report.source == "stripe"
    assert report.api_calls == len(server.requests)


def test_calls_are_few_and_pinned(standin, code: Path) -> None:
    server = standin(fx.healthy())
    run_checks(code, server.url)
    routes = sorted(f"{r.mode} {r.path}" for r in server.requests)
    assert routes == sorted(
        [
            "live /v1/account",
            "live /v1/webhook_endpoints",
            "test /v1/webhook_endpoints",
            "live /v1/events",
            "live /v1/events",
            f"live /v1/prices/{fx.PRICE_LIVE}",
            f"live /v1/products/{fx.PRODUCT_LIVE}",
            "live /v1/prices",
            "live /v2/core/event_destinations",
        ]
    )
    assert {r.headers.get("Stripe-Version") for r in server.requests} == {fx.VERSION}
    undelivered = [r for r in server.requests if ("delivery_success", "false") in r.query]
    assert len(undelivered) == 1 and ("limit", "100") in undelivered[0].query


def test_unready_account_fails_with_what_is_due(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.account = fx.account(
        charges_enabled=False,
        requirements={"past_due": ["individual.id_number"], "currently_due": ["external_account"]},
    )
    report = run_checks(code, standin(scenario).url)
    result = report.result("account-readiness")
    assert result is not None and result.status == "fail"
    assert "live charges are disabled" in result.message
    assert "past due: individual.id_number" in result.evidence
    assert "currently due: external_account" in result.evidence


def test_no_enabled_live_endpoint_fails_and_names_disabled(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.live.endpoints = [fx.endpoint(1, "https://shop.example.com/stripe/webhook", ["*"], status="disabled")]
    report = run_checks(code, standin(scenario).url)
    result = report.result("live-webhook-endpoints")
    assert result is not None and result.status == "fail"
    assert any("disabled: we_L0001StandIn https://shop.example.com/stripe/webhook" in e for e in result.evidence)
    assert statuses(report)["webhook-parity"] == "fail"


def test_parity_finds_missing_events_and_honours_host_map(standin, code: Path) -> None:
    from golive_ci.config import Config

    scenario = fx.healthy()
    scenario.live.endpoints = [
        fx.endpoint(1, "https://shop.example.com/stripe/webhook", ["checkout.session.completed", "invoice.paid"]),
        fx.endpoint(2, "https://other.example.com/stripe/webhook", fx.HANDLED),
    ]
    report = run_checks(code, standin(scenario).url)
    result = report.result("webhook-parity")
    assert result is not None and result.status == "pass"  # the other host's endpoint covers everything
    mapped = Config(account={"host-map": {"staging.example.com": "shop.example.com"}})
    report = run_checks(code, standin(scenario).url, config=mapped)
    result = report.result("webhook-parity")
    assert result is not None and result.status == "fail"
    assert any("customer.subscription.deleted" in e for e in result.evidence)


def test_handled_event_not_sent_live_fails(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.live.endpoints = [fx.endpoint(1, "https://shop.example.com/stripe/webhook", ["invoice.paid"])]
    scenario.test.endpoints = []
    report = run_checks(code, standin(scenario).url)
    result = report.result("webhook-parity")
    assert result is not None and result.status == "fail"
    assert "checkout.session.completed" in result.message and "customer.subscription.deleted" in result.message
    assert "invoice.paid" not in result.message


def test_wildcard_endpoint_covers_every_event(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.live.endpoints = [fx.endpoint(1, "https://shop.example.com/stripe/webhook", ["*"])]
    report = run_checks(code, standin(scenario).url)
    assert statuses(report)["webhook-parity"] == "pass"


def test_endpoint_version_null_and_typed_sdk_mismatch(standin, code: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = Fact(
        {
            "pins": [],
            "sdks": [{"ecosystem": "go", "package": "stripe-go", "pinned_api_version": fx.VERSION}],
            "latest_version": fx.VERSION,
        }
    )
    monkeypatch.setattr("golive_ci.account.code.versions_of", lambda picture, notes=None: typed)
    scenario = fx.healthy()
    scenario.live.endpoints = [
        fx.endpoint(1, "https://shop.example.com/a", ["*"], api_version="2024-06-20"),
        fx.endpoint(2, "https://shop.example.com/b", ["*"], api_version=None),
    ]
    scenario.live.events = [fx.event(1, "invoice.paid", api_version="2025-03-31.basil")]
    report = run_checks(code, standin(scenario).url)
    result = report.result("webhook-endpoint-version")
    assert result is not None and result.status == "fail"
    assert "event construction fails" in result.message
    assert "we_L0002StandIn https://shop.example.com/b has no api_version" in result.message
    assert "2025-03-31.basil" in result.message  # the null endpoint follows the account default


def test_unpinned_code_warns_about_account_default(standin, code: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unpinned = Fact({"pins": [{"version": None, "where": "app.py:3"}], "sdks": [], "latest_version": fx.VERSION})
    monkeypatch.setattr("golive_ci.account.code.versions_of", lambda picture, notes=None: unpinned)
    scenario = fx.healthy()
    scenario.live.events = [fx.event(1, "invoice.paid", api_version="2023-10-16")]
    report = run_checks(code, standin(scenario).url)
    result = report.result("account-api-version")
    assert result is not None and result.status == "warning"
    assert "follows the account default 2023-10-16" in result.message


def test_live_objects_test_only_missing_inactive_and_lookup_keys(standin, tmp_path: Path) -> None:
    scenario = fx.healthy()
    scenario.live.objects["products"].append(fx.product("prod_Archived000001", active=False))
    fx.write_code(
        tmp_path,
        ids=[fx.PRICE_LIVE, fx.PRICE_TEST_ONLY, "price_1Nowhere00000003", "prod_Archived000001"],
        lookup_keys=["pro_monthly", "team_yearly"],
    )
    report = run_checks(tmp_path, standin(scenario).url)
    result = report.result("live-objects")
    assert result is not None and result.status == "fail"
    text = "\n".join(result.evidence)
    assert f"price {fx.PRICE_TEST_ONLY} (app.py:4) exists only in test mode" in text
    assert "price price_1Nowhere00000003 (app.py:5) does not exist in live mode" in text
    assert "product prod_Archived000001 (app.py:6) is inactive (archived) in live mode" in text
    assert "lookup key 'team_yearly'" in text and "is on no live price" in text
    assert f"live and active: price {fx.PRICE_LIVE}" in text
    assert "lookup_key" in result.fix  # prices cannot keep their ID


def test_configured_coupon_checked_and_can_keep_its_id(standin, tmp_path: Path) -> None:
    from golive_ci.config import Config

    scenario = fx.healthy()
    scenario.test.objects["coupons"] = [fx.coupon("SUMMER21", live=False)]
    fx.write_code(tmp_path, ids=[], lookup_keys=[])
    config = Config(rules={"test-object-id": {"coupons": ["SUMMER21"]}})
    report = run_checks(tmp_path, standin(scenario).url, config=config)
    result = report.result("live-objects")
    assert result is not None and result.status == "fail"
    assert "coupon SUMMER21 exists only in test mode" in result.message
    assert "same ID" in result.fix


def test_listing_is_used_for_many_ids_and_stops_early(standin, tmp_path: Path) -> None:
    scenario = fx.healthy()
    live_prices = [fx.price(f"price_1Live{i:010d}") for i in range(250)]
    scenario.live.objects["prices"] = live_prices
    wanted = [p["id"] for p in live_prices[:120]]
    fx.write_code(tmp_path, ids=wanted, lookup_keys=[])
    server = standin(scenario)
    report = run_checks(tmp_path, server.url)
    assert statuses(report)["live-objects"] == "pass"
    price_calls = server.calls("GET /v1/prices")
    assert len(price_calls) == 2  # two pages of 100 find all 120; no per-ID retrieve, no third page
    assert ("starting_after", live_prices[99]["id"]) in price_calls[1].query


def test_listing_falls_back_to_retrieve_for_unfound_ids(standin, tmp_path: Path) -> None:
    scenario = fx.healthy()
    scenario.live.objects["prices"] = [fx.price(f"price_1Live{i:010d}") for i in range(500)]
    wanted = ["price_1Live0000000001", "price_1Missing0000001", "price_1Missing0000002"]
    fx.write_code(tmp_path, ids=wanted, lookup_keys=[])
    server = standin(scenario)
    report = run_checks(tmp_path, server.url)
    assert statuses(report)["live-objects"] == "fail"
    paths = [r.path for r in server.calls("GET /v1/prices")]
    assert paths.count("/v1/prices") == 2  # stops when paging costs as much as retrieving the rest
    assert "/v1/prices/price_1Missing0000001" in paths and "/v1/prices/price_1Missing0000002" in paths


def test_pagination_of_endpoints_and_undelivered_events(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.live.endpoints += [fx.endpoint(i, f"https://shop.example.com/h{i}", ["*"]) for i in range(2, 152)]
    scenario.live.events = [fx.event(i, "invoice.paid", pending=1 if i % 2 else 0) for i in range(500)]
    scenario.live.events.append(fx.event(999, "invoice.paid", pending=3, age=40 * 86400))  # older than 30 days
    server = standin(scenario)
    report = run_checks(code, server.url)
    endpoints = report.result("live-webhook-endpoints")
    assert endpoints is not None and endpoints.message == "151 enabled live webhook endpoints"
    delivery = report.result("webhook-delivery")
    assert delivery is not None and delivery.status == "warning"
    assert delivery.message.startswith("250 live event(s)")
    assert "invoice.paid ×250" in delivery.message
    live_endpoint_calls = [r for r in server.calls("GET /v1/webhook_endpoints") if r.mode == "live"]
    assert len(live_endpoint_calls) == 2
    assert len([r for r in server.calls("GET /v1/events") if ("delivery_success", "false") in r.query]) == 3


def test_secret_live_key_is_a_warning_and_test_key_in_live_slot_fails(standin, code: Path) -> None:
    server = standin(fx.healthy())
    report = run_checks(code, server.url, live_key=fx.fake_key("sk_live_"))
    result = report.result("api-keys")
    assert result is not None and result.status == "warning"
    assert "restricted key would do" in result.message
    report = run_checks(code, server.url, live_key=fx.fake_key("sk_test_"), test_key=None)
    result = report.result("api-keys")
    assert result is not None and result.status == "fail"
    assert "not a live secret or restricted key" in result.message


def test_without_test_key_parity_compares_handlers_only(standin, code: Path) -> None:
    server = standin(fx.healthy())
    report = run_checks(code, server.url, test_key=None)
    result = report.result("webhook-parity")
    assert result is not None and result.status == "pass"
    assert "no test key" in result.message
    assert all(r.mode == "live" for r in server.requests)


def test_empty_account_objects(standin, code: Path) -> None:
    report = run_checks(code, standin(Scenario(account=fx.account(), live=Mode(), test=Mode())).url)
    assert statuses(report)["live-objects"] == "fail"
    assert statuses(report)["account-api-version"] == "could-not-verify"  # no live events: default unknown
    assert statuses(report)["webhook-endpoint-version"] == "not-run"


def test_first_key_echo_is_not_kept(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.faults["GET /v1/account"] = [
        Fault(403, {"type": "invalid_request_error", "message": f"The provided key '{LIVE_KEY}' is not allowed."})
    ]
    report = run_checks(code, standin(scenario).url)
    result = report.result("account-readiness")
    assert result is not None and result.status == "could-not-verify"
    assert LIVE_KEY not in result.message and LIVE_KEY[8:20] not in result.message
