"""live-endpoint-url: production hosts only, on a route the code serves, once each, with chosen events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golive_ci.account.checks.live_endpoint_url import host_problem
from tests.account import fixtures as fx
from tests.account.conftest import LIVE_KEY, run_checks, statuses
from tests.account.standin import Fault
from tests.account.test_faults import PERMISSION_MESSAGE

FLASK_APP = """import stripe
from flask import Flask, request

app = Flask(__name__)


@app.route("/stripe/webhook", methods=["POST"])
def webhook():
    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], SECRET)
    if event["type"] == "checkout.session.completed":
        fulfil(event)
    return "", 200
"""


@pytest.fixture
def served(tmp_path: Path) -> Path:
    """A repository whose webhook route is /stripe/webhook (the healthy scenario's live endpoint path)."""
    fx.write_code(tmp_path)
    (tmp_path / "webhooks.py").write_text(FLASK_APP, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://shop.example.com/stripe/webhook", "uses http://"),
        ("https://localhost:3000/webhook", "local or internal host"),
        ("https://app.localhost/webhook", "local or internal host"),
        ("https://intranet/webhook", "local or internal host"),
        ("https://billing.internal/webhook", "local or internal host"),
        ("https://127.0.0.1/webhook", "private, loopback or link-local"),
        ("https://10.0.4.2/webhook", "private, loopback or link-local"),
        ("https://192.168.1.20:8443/webhook", "private, loopback or link-local"),
        ("https://169.254.169.254/webhook", "private, loopback or link-local"),
        ("https://100.64.0.7/webhook", "private, loopback or link-local"),
        ("https://[::1]/webhook", "private, loopback or link-local"),
        ("https://[fd12::1]/webhook", "private, loopback or link-local"),
        ("https://a1b2-203-0-113-9.ngrok-free.app/webhook", "development tunnel (ngrok-free.app)"),
        ("https://shop.ngrok.io/webhook", "development tunnel (ngrok.io)"),
        ("https://brave-fox-12.loca.lt/webhook", "development tunnel (loca.lt)"),
        ("https://words-words.trycloudflare.com/webhook", "development tunnel (trycloudflare.com)"),
        ("https://webhook.site/7f0c3e9a-1111-2222-3333-444455556666", "request-inspection site (webhook.site)"),
        ("https://eo1a2b3c4d.m.pipedream.net", "request-inspection site (pipedream.net)"),
        ("https://shop.free.beeceptor.com/webhook", "request-inspection site (beeceptor.com)"),
        ("https://staging.shop.com/stripe/webhook", "staging host (staging."),
        ("https://api.dev.shop.com/stripe/webhook", "staging host (dev."),
        ("https://test.shop.co/webhook", "staging host (test."),
        ("https://sandbox.payments.shop.com/webhook", "staging host (sandbox."),
        ("https://stage.shop.com/webhook", "staging host (stage."),
        ("https://api-staging.shop.com/webhook", "staging host (api-staging."),
    ],
)
def test_host_problems(url: str, words: str) -> None:
    problem = host_problem(url)
    assert problem is not None and words in problem


@pytest.mark.parametrize(
    "url",
    [
        "https://shop.example.com/stripe/webhook",
        "https://api.shop.com/hooks/stripe",
        "https://dev.to/api/stripe",  # the registrable domain is not a stage
        "https://test.com/webhook",
        "https://devices.shop.com/webhook",
        "https://shop-prod.vercel.app/api/webhook",
        "https://8.8.8.8/webhook",
        "https://hkdk.events/abc",  # a production webhook gateway, not an inspection site
    ],
)
def test_production_hosts_pass(url: str) -> None:
    assert host_problem(url) is None


def test_production_endpoint_on_a_served_route_passes(standin, served: Path) -> None:
    report = run_checks(served, standin(fx.healthy()).url)
    result = report.result("live-endpoint-url")
    assert result is not None and result.status == "pass"
    assert any("path served by the code" in line for line in result.evidence)


def test_tunnel_endpoint_fails(standin, served: Path) -> None:
    scenario = fx.healthy()
    url = "https://a1b2.ngrok-free.app/stripe/webhook"
    scenario.live.endpoints = [fx.endpoint(1, url, fx.HANDLED)]
    result = run_checks(served, standin(scenario).url).result("live-endpoint-url")
    assert result is not None and result.status == "fail"
    assert f"we_L0001StandIn {url} is a development tunnel (ngrok-free.app)" in result.message
    assert result.fix


def test_disabled_endpoints_are_not_judged(standin, served: Path) -> None:
    scenario = fx.healthy()
    scenario.live.endpoints.append(fx.endpoint(2, "http://localhost:4242/webhook", ["*"], status="disabled"))
    result = run_checks(served, standin(scenario).url).result("live-endpoint-url")
    assert result is not None and result.status == "pass"


def test_path_no_route_serves_is_a_warning(standin, served: Path) -> None:
    scenario = fx.healthy()
    scenario.live.endpoints = [fx.endpoint(1, "https://shop.example.com/hooks/payments", fx.HANDLED)]
    result = run_checks(served, standin(scenario).url).result("live-endpoint-url")
    assert result is not None and result.status == "warning"
    assert "no webhook route of the code matches this path (routes: /stripe/webhook)" in result.message


def test_route_under_a_mount_prefix_matches(standin, served: Path) -> None:
    scenario = fx.healthy()
    scenario.live.endpoints = [fx.endpoint(1, "https://shop.example.com/api/v1/stripe/webhook/", fx.HANDLED)]
    result = run_checks(served, standin(scenario).url).result("live-endpoint-url")
    assert result is not None and result.status == "pass"


def test_no_route_in_code_means_paths_are_not_compared(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.live.endpoints = [fx.endpoint(1, "https://shop.example.com/anything", fx.HANDLED)]
    result = run_checks(code, standin(scenario).url).result("live-endpoint-url")
    assert result is not None and result.status == "pass"
    assert any("endpoint paths not compared with the code" in line for line in result.evidence)


def test_duplicate_urls_and_wildcard_events_are_warnings(standin, served: Path) -> None:
    scenario = fx.healthy()
    scenario.live.endpoints = [
        fx.endpoint(1, "https://shop.example.com/stripe/webhook", fx.HANDLED),
        fx.endpoint(2, "https://Shop.example.com/stripe/webhook/", ["*"]),
    ]
    result = run_checks(served, standin(scenario).url).result("live-endpoint-url")
    assert result is not None and result.status == "warning"
    assert "2 enabled live endpoints share the URL https://shop.example.com/stripe/webhook" in result.message
    assert "we_L0002StandIn https://Shop.example.com/stripe/webhook/ subscribes to every event type" in result.message


def test_connect_application_endpoints_are_not_compared_with_routes(standin, served: Path) -> None:
    scenario = fx.healthy()
    app_endpoint = fx.endpoint(2, "https://connect-app.example.net/events", fx.HANDLED)
    app_endpoint["application"] = "ca_StandInApp0001"
    scenario.live.endpoints.append(app_endpoint)
    result = run_checks(served, standin(scenario).url).result("live-endpoint-url")
    assert result is not None and result.status == "pass"


def test_webhook_event_destination_urls_are_checked_and_secrets_never_shown(standin, served: Path) -> None:
    secret = "whsec_" + "Zq81bN4mW2xLr7Tc0Vd5Hy3Kf9Jp6Gs1"
    scenario = fx.healthy()
    scenario.live.destinations = [
        fx.destination(
            1, "webhook_endpoint", ["invoice.paid"], payload="thin", url="http://localhost:8000/t", secret=secret
        )
    ]
    server = standin(scenario)
    report = run_checks(served, server.url, snapshot_out=served / "snap.json")
    result = report.result("live-endpoint-url")
    assert result is not None and result.status == "fail"
    assert "ed_L0001StandIn http://localhost:8000/t uses http://" in result.message
    everything = json.dumps([r.to_dict() for r in report.results]) + (served / "snap.json").read_text()
    assert secret not in everything and secret[6:] not in everything
    assert ("include[0]", "webhook_endpoint.url") in server.calls("GET /v2/core/event_destinations")[0].query


def test_403_names_the_permission(standin, served: Path) -> None:
    scenario = fx.healthy()
    scenario.faults["GET /v1/webhook_endpoints"] = [
        Fault(403, {"type": "invalid_request_error", "message": PERMISSION_MESSAGE.format(key=LIVE_KEY)}, repeat=True)
    ]
    result = run_checks(served, standin(scenario).url).result("live-endpoint-url")
    assert result is not None and result.status == "could-not-verify"
    assert "rak_webhook_read (Webhook Endpoints: Read)" in result.message and "rak_webhook_read" in result.fix


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (Fault(503, {"type": "api_error", "message": "down"}, repeat=True), "HTTP 503"),
        (Fault(200, delay=0.6, repeat=True), "did not answer in time"),
    ],
    ids=["5xx", "timeout"],
)
def test_5xx_and_timeout_could_not_verify(standin, served: Path, fault: Fault, reason: str) -> None:
    scenario = fx.healthy()
    scenario.faults["GET /v1/webhook_endpoints"] = [fault]
    report = run_checks(served, standin(scenario).url)
    result = report.result("live-endpoint-url")
    assert result is not None and result.status == "could-not-verify" and reason in result.message
    assert statuses(report)["account-readiness"] == "pass"
