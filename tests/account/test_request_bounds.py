"""Issue 10, item 5: the repository's configuration cannot turn the live key into a flood of requests
(rate, concurrency, retries, lookups), nor make the checks give up early; item 7: endpoint URLs
lose their credentials outside the developer's own terminal."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from golive_ci.account.display import HIDDEN_URL, public_url
from golive_ci.account.policy import ACCOUNT_BOUNDS, CI_BOUNDS, RequestPolicy, check_account_options
from golive_ci.cli import main
from golive_ci.config import ConfigError
from tests.account import fixtures as fx
from tests.account.conftest import FAST, LIVE_KEY, run_checks, statuses
from tests.account.standin import Fault

HOSTILE = {
    "max-requests-per-second": 1000,
    "max-retries": 100,
    "concurrency": 500,
    "backoff-initial": 0,
    "backoff-max": 1e9,
    "connect-timeout": 0.001,
    "read-timeout": 1e9,
    "max-lookups": 50_000,
    "max-requests": 10**9,
}


def test_ci_bounds_clamp_a_hostile_policy_both_ways() -> None:
    policy, changes = RequestPolicy.from_config(HOSTILE).clamped(CI_BOUNDS)
    assert policy == RequestPolicy(
        max_retries=3,
        backoff_initial=0.25,
        backoff_max=10.0,
        connect_timeout=2.0,
        read_timeout=30.0,
        concurrency=4,
        max_requests_per_second=20.0,
        max_lookups=200,
        max_requests=600,
    )
    assert changes["max-requests-per-second"] == (1000, 20.0) and changes["max-retries"] == (100, 3)
    # Lowering is refused as well: no retries and no lookups would turn failures into "could not verify".
    timid, _ = RequestPolicy.from_config({"max-retries": 0, "max-lookups": 0, "read-timeout": 0.01}).clamped(CI_BOUNDS)
    assert (timid.max_retries, timid.max_lookups, timid.read_timeout) == (2, 200, 5.0)
    assert RequestPolicy().clamped(CI_BOUNDS)[1] == {"max-lookups": (500, 200), "max-requests": (2000, 600)}


def test_the_developers_own_run_keeps_moderate_values_under_sane_maxima() -> None:
    mine = {"max-retries": 5, "concurrency": 8, "max-requests-per-second": 50, "max-lookups": 2000}
    policy, changes = RequestPolicy.from_config(mine).clamped(ACCOUNT_BOUNDS)
    assert changes == {} and (policy.max_retries, policy.concurrency, policy.max_lookups) == (5, 8, 2000)
    policy, _ = RequestPolicy.from_config(HOSTILE).clamped(ACCOUNT_BOUNDS)
    assert (policy.max_requests_per_second, policy.max_retries, policy.concurrency) == (80.0, 10, 16)
    assert (policy.max_lookups, policy.max_requests, policy.backoff_max) == (5000, 20000, 60.0)


@pytest.mark.parametrize("value", [math.inf, math.nan])
def test_infinite_and_nan_values_are_configuration_errors(value: float) -> None:
    with pytest.raises(ConfigError, match="finite number"):
        check_account_options({"max-requests-per-second": value})


def test_the_request_cap_stops_every_further_call(standin, code: Path) -> None:
    server = standin(fx.healthy())
    capped = RequestPolicy(**{**FAST.__dict__, "max_requests": 3, "concurrency": 1})
    report = run_checks(code, server.url, policy=capped)
    assert len(server.requests) == 3 and report.api_calls == 3
    results = {r.check: r for r in report.results}
    assert "pass" not in {results["live-objects"].status, results["webhook-delivery"].status}
    text = " ".join(r.message for r in report.results)
    assert "the run's cap of 3 Stripe requests was reached" in text


def test_lookups_over_the_cap_are_not_checked_never_passed(standin, tmp_path: Path) -> None:
    scenario = fx.healthy()
    wanted = [f"price_1Live{i:010d}" for i in range(30)]
    scenario.live.objects["prices"] = [fx.price(price_id) for price_id in wanted]
    fx.write_code(tmp_path, ids=wanted, lookup_keys=["pro_monthly"])
    server = standin(scenario)
    capped = RequestPolicy(**{**FAST.__dict__, "max_lookups": 10})
    report = run_checks(tmp_path, server.url, policy=capped)
    result = report.result("live-objects")
    assert result is not None and result.status == "could-not-verify"
    assert "21 of 31 references not checked" in result.message and "at most 10" in result.message
    assert sum(1 for line in result.evidence if line.startswith("live and active")) == 10
    assert sum(1 for line in result.evidence if line.startswith("not checked: 21 references")) == 1
    price_calls = server.calls("GET /v1/prices")
    assert len(price_calls) == 1 and not any(name.startswith("lookup_keys") for name, _ in price_calls[0].query)


def test_a_repository_asking_for_endless_retries_gets_the_bounded_ones(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.faults["GET /v1/account"] = [Fault(429, {"type": "invalid_request_error", "message": "slow"}, repeat=True)]
    server = standin(scenario)
    config = fx_config({"max-retries": 100, "backoff-initial": 0, "backoff-max": 0})
    report = run_checks(code, server.url, config=config, policy=None)  # type: ignore[arg-type]
    assert len(server.calls("GET /v1/account")) == 1 + CI_BOUNDS.limits["max_retries"][1]
    assert statuses(report)["account-readiness"] == "could-not-verify"
    assert any("were clamped" in note and "max-retries 100 → 3" in note for note in report.notes)


def fx_config(account: dict[str, object]):  # -> Config
    from golive_ci.config import Config

    return Config(account=dict(account))


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "https://hooker:S3cretPw@shop.example.com/stripe/webhook?token=abc#frag",
            "https://shop.example.com/stripe/webhook",
        ),
        ("HTTPS://user@Shop.example.com:8443/h?x=1", "https://Shop.example.com:8443/h"),
        ("https://shop.example.com", "https://shop.example.com"),
        ("ftp://user:pw@files.example.com/x", HIDDEN_URL),
        ("user:pw@shop.example.com/x", HIDDEN_URL),
        ("http://[::1", HIDDEN_URL),
        (None, HIDDEN_URL),
    ],
)
def test_public_url_drops_userinfo_query_and_fragment(url: object, shown: str) -> None:
    assert public_url(url) == shown


def test_endpoint_credentials_reach_only_the_developers_terminal(
    standin, code: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = fx.healthy()
    secret_url = "https://hookuser:Pa55wordInUrl@shop.example.com/stripe/webhook?token=QueryTokenInUrl"
    scenario.live.endpoints = [fx.endpoint(1, secret_url, ["*"], status="disabled")]
    server = standin(scenario)
    monkeypatch.setenv("STRIPE_LIVE_KEY", LIVE_KEY)
    monkeypatch.delenv("STRIPE_TEST_KEY", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (code / ".golive-ci.toml").write_text("[account]\nconcurrency = 10\n", encoding="utf-8")
    main(["account", str(code), "--stripe-api-base", server.url])
    out = capsys.readouterr().out
    assert secret_url in out  # the developer sees what to fix, at their own terminal
    assert "clamped" not in out  # and keeps their own (moderate) policy
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    main(["account", str(code), "--stripe-api-base", server.url])
    out = capsys.readouterr().out
    assert "bounds of `ci` were clamped: concurrency 10 → 4" in out
    assert "https://shop.example.com/stripe/webhook" in out
    assert "Pa55wordInUrl" not in out and "QueryTokenInUrl" not in out and "hookuser" not in out
