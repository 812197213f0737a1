"""Live v2 event destinations (EventBridge, Azure Event Grid, thin events) count as live endpoints,
their snapshot API version is compared with the code's pin, and a v2 API the key or account cannot
use is "could not verify event destinations", never a failure of the other checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive_ci.account.facts import Fact
from tests.account import fixtures as fx
from tests.account.conftest import LIVE_KEY, run_checks, statuses
from tests.account.standin import Fault

VERSIONS = Fact({"pins": [{"version": fx.VERSION, "where": "app.py:3"}], "sdks": [], "latest_version": fx.VERSION})
HANDLED = Fact({event: ["app.py:10"] for event in fx.HANDLED})
ROUTE = "GET /v2/core/event_destinations"
V2_PERMISSION = (  # the 403 text Stripe sends for a restricted key; the permission id here is illustrative
    "The provided key '{key}' does not have the required permissions for this endpoint on account "
    "'acct_1StandIn0000000'. Having the 'rak_event_destination_read' permission would allow this request to continue."
)


@pytest.fixture(autouse=True)
def code_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("golive_ci.account.code.versions_of", lambda picture, notes=None: VERSIONS)
    fx.stand_in_handled_events(monkeypatch, HANDLED)


def eventbridge_only(**kwargs: object) -> fx.Scenario:
    scenario = fx.healthy()
    scenario.live.endpoints = []
    scenario.test.endpoints = []
    scenario.live.destinations = [fx.destination(1, "amazon_eventbridge", fx.HANDLED, **kwargs)]  # type: ignore[arg-type]
    return scenario


def test_an_eventbridge_destination_is_a_live_endpoint(standin, code: Path) -> None:
    report = run_checks(code, standin(eventbridge_only()).url)
    result = report.result("live-webhook-endpoints")
    assert result is not None and result.status == "pass"
    assert result.message == "1 enabled live event destination"
    assert "enabled event destination: ed_L0001StandIn amazon eventbridge" in result.evidence
    assert statuses(report)["webhook-parity"] == "pass"  # the destination receives every handled event
    assert statuses(report)["webhook-endpoint-version"] == "pass"
    assert statuses(report)["live-endpoint-url"] == "not-run"  # no URL to judge


def test_azure_and_thin_destinations_count_too(standin, code: Path) -> None:
    scenario = eventbridge_only()
    scenario.live.destinations = [
        fx.destination(1, "azure_event_grid", fx.HANDLED),
        fx.destination(2, "webhook_endpoint", ["v1.billing.meter.error_report_triggered"], payload="thin",
                       url="https://shop.example.com/stripe/thin"),
    ]  # fmt: skip
    report = run_checks(code, standin(scenario).url)
    result = report.result("live-webhook-endpoints")
    assert result is not None and result.status == "pass" and result.message == "2 enabled live event destinations"
    version = report.result("webhook-endpoint-version")
    assert version is not None and version.status == "pass"
    assert any("sends thin events: not pinned to an API version" in line for line in version.evidence)


def test_destination_version_differing_from_the_pin_is_a_warning(standin, code: Path) -> None:
    report = run_checks(code, standin(eventbridge_only(api_version="2024-06-20")).url)
    result = report.result("webhook-endpoint-version")
    assert result is not None and result.status == "warning"
    assert "ed_L0001StandIn amazon eventbridge sends 2024-06-20, the code pins 2026-10-28.endive" in result.message


@pytest.mark.parametrize(
    ("kwargs", "why"),
    [({"status": "disabled"}, "(user)"), ({"provider_status": "pending"}, "(pending)")],
    ids=["disabled", "aws-source-not-associated"],
)
def test_idle_destinations_do_not_count(standin, code: Path, kwargs: dict, why: str) -> None:
    report = run_checks(code, standin(eventbridge_only(**kwargs)).url)
    result = report.result("live-webhook-endpoints")
    assert result is not None and result.status == "fail"
    assert result.message == "no enabled live webhook endpoint or event destination"
    assert f"idle event destination: ed_L0001StandIn amazon eventbridge {why}" in result.evidence


def test_same_endpoint_seen_through_both_apis_counts_once(standin, code: Path) -> None:
    scenario = fx.healthy()
    url = scenario.live.endpoints[0]["url"]
    scenario.live.destinations = [fx.destination(1, "webhook_endpoint", fx.HANDLED, url=url)]
    result = run_checks(code, standin(scenario).url).result("live-webhook-endpoints")
    assert result is not None and result.message == "1 enabled live webhook endpoint"


def permission_fault() -> Fault:
    return Fault(403, {"type": "invalid_request_error", "message": V2_PERMISSION.format(key=LIVE_KEY)}, repeat=True)


FAULTS = {
    "403": (permission_fault, "rak_event_destination_read"),
    "404": (lambda: Fault(404, {"type": "invalid_request_error", "message": "Unrecognized request URL"}, repeat=True),
            "HTTP 404"),
    "500": (lambda: Fault(500, {"type": "api_error", "message": "internal"}, repeat=True), "HTTP 500"),
    "timeout": (lambda: Fault(200, delay=0.6, repeat=True), "did not answer in time"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(FAULTS))
def test_v2_failure_never_breaks_the_other_checks(standin, code: Path, name: str) -> None:
    make, reason = FAULTS[name]
    scenario = fx.healthy()
    scenario.faults[ROUTE] = [make()]
    report = run_checks(code, standin(scenario).url)
    result = report.result("live-webhook-endpoints")
    assert result is not None and result.status == "pass"
    assert any(line.startswith("could not verify event destinations:") and reason in line for line in result.evidence)
    expected = {slug: "pass" for slug in statuses(report)}
    if name == "403":  # api-keys names the missing permission, as for every 403
        expected["api-keys"] = "warning"
        keys = report.result("api-keys")
        assert keys is not None and "rak_event_destination_read" in keys.message
    assert statuses(report) == expected


@pytest.mark.parametrize("name", ["403", "500", "timeout"])
def test_without_endpoints_an_unreadable_v2_api_is_could_not_verify(standin, code: Path, name: str) -> None:
    make, reason = FAULTS[name]
    scenario = eventbridge_only()
    scenario.faults[ROUTE] = [make()]
    result = run_checks(code, standin(scenario).url).result("live-webhook-endpoints")
    assert result is not None and result.status == "could-not-verify"
    assert "could not verify event destinations" in result.message and reason in result.message
    if name == "403":
        assert "rak_event_destination_read" in result.fix


def test_without_endpoints_a_404_v2_api_means_no_destination(standin, code: Path) -> None:
    make, _ = FAULTS["404"]
    scenario = eventbridge_only()
    scenario.faults[ROUTE] = [make()]
    result = run_checks(code, standin(scenario).url).result("live-webhook-endpoints")
    assert result is not None and result.status == "fail"
    assert any("could not verify event destinations" in line and "HTTP 404" in line for line in result.evidence)


def test_destinations_round_trip_through_a_snapshot(standin, code: Path) -> None:
    snapshot = code / "snap.json"
    run_checks(code, standin(eventbridge_only()).url, snapshot_out=snapshot)
    report = run_checks(code, None, live_key=None, test_key=None, snapshot_in=snapshot)
    assert statuses(report)["live-webhook-endpoints"] == "pass"
