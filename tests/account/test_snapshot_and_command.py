"""Snapshots (save, offline rerun, bad files) and the `golive-ci account` command."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from golive_ci.account.snapshot import SnapshotError, load_snapshot
from golive_ci.cli import main
from tests.account import fixtures as fx
from tests.account.conftest import LIVE_KEY, TEST_KEY, run_checks, statuses

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "account-snapshot.json"


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def no_code_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    from golive_ci.account.facts import Fact

    monkeypatch.setattr("golive_ci.account.code.versions_of", lambda picture, notes=None: Fact.missing("x", "none"))
    fx.stand_in_handled_events(monkeypatch, Fact.missing("x", "none"))


def test_snapshot_round_trip_gives_the_same_results_offline(standin, code: Path, tmp_path: Path) -> None:
    scenario = fx.healthy()
    scenario.live.endpoints.append(fx.endpoint(2, "https://old.example.com/hook", ["*"], status="disabled"))
    server = standin(scenario)
    snapshot = tmp_path / "snap.json"
    online = run_checks(code, server.url, snapshot_out=snapshot)
    calls = len(server.requests)
    offline = run_checks(code, None, live_key=None, test_key=None, snapshot_in=snapshot)
    assert len(server.requests) == calls  # no call at all
    assert offline.source == "snapshot" and offline.api_calls == 0
    assert [r.to_dict() for r in offline.results] == [r.to_dict() for r in online.results]
    text = snapshot.read_text()
    assert LIVE_KEY not in text and TEST_KEY not in text and "rk_live_" in text  # the kind, not the key


def test_snapshot_without_an_object_the_code_now_references(standin, code: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "snap.json"
    run_checks(code, standin(fx.healthy()).url, snapshot_out=snapshot)
    fx.write_code(code, ids=[fx.PRICE_LIVE, "price_1AddedLater000001"], lookup_keys=[])
    report = run_checks(code, None, live_key=None, test_key=None, snapshot_in=snapshot)
    result = report.result("live-objects")
    assert result is not None and result.status == "could-not-verify"
    assert "price_1AddedLater000001: not recorded in the snapshot" in result.message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a golive-ci account snapshot"),
        ('{"format": "golive-ci-account-snapshot", "version": 99}', "version 99 is not supported"),
        ('{"format": "golive-ci-account-snapshot", "version": 1, "facts": []}', '"facts" must be an object'),
    ],
)
def test_bad_snapshots_are_clear_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(SnapshotError, match=message):
        load_snapshot(path)
    code, _out, err = cli("account", str(tmp_path), "--from-snapshot", str(path))
    assert code == 2 and message in err and "Traceback" not in err


def test_bundled_example_snapshot(tmp_path: Path, no_code_analysis: None) -> None:
    facts = load_snapshot(EXAMPLE)
    assert facts.live_key is not None and facts.live_key["prefix"] == "rk_live_"
    report = run_checks(tmp_path, None, live_key=None, test_key=None, snapshot_in=EXAMPLE)
    assert statuses(report) | {"account-api-version": "", "webhook-endpoint-version": ""} == {
        "account-readiness": "warning",
        "live-webhook-endpoints": "warning",
        "webhook-parity": "fail",
        "webhook-endpoint-version": "",
        "live-objects": "pass",  # this empty folder references nothing
        "account-api-version": "",
        "webhook-delivery": "warning",
        "api-keys": "pass",
        "live-endpoint-url": "pass",  # no webhook route in this empty folder: paths are not compared
        "billing-settings-ready": "pass",  # no portal session, no automatic tax: nothing to read
    }
    text = EXAMPLE.read_text()
    assert "sk_live_" not in text and "whsec_" not in text


def test_bundled_example_snapshot_on_the_example_shop() -> None:
    shop = EXAMPLE.parent / "shop"
    if not (shop / "app.py").is_file() or "price_1PshopDemoBasic" not in (shop / "app.py").read_text():
        pytest.skip("the example shop changed; regenerate with python -m tests.account.demo_snapshot")
    report = run_checks(shop, None, live_key=None, test_key=None, snapshot_in=EXAMPLE)
    result = report.result("live-objects")
    assert result is not None and result.status == "fail"
    assert "price_1PshopDemoBasic exists only in test mode" in result.message
    assert statuses(report)["webhook-parity"] == "fail"


def test_command_against_the_standin(standin, code: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIPE_LIVE_KEY", LIVE_KEY)
    monkeypatch.delenv("STRIPE_TEST_KEY", raising=False)
    scenario = fx.healthy()
    scenario.live.endpoints = []
    server = standin(scenario)
    monkeypatch.setenv("GOLIVE_CI_STRIPE_API_BASE", server.url)  # the env var, not the flag
    code_, out, _err = cli("account", str(code))
    assert code_ == 1  # a failed check is an error finding
    assert "FAIL        live-webhook-endpoints [webhooks]: no enabled live webhook endpoint" in out
    assert "Stripe API call(s)" in out
    assert server.requests


def test_command_json_and_sarif(code: Path, no_code_analysis: None) -> None:
    code_, out, _ = cli("account", str(code), "--from-snapshot", str(EXAMPLE), "--format", "json", "--fail-on", "never")
    assert code_ == 0
    document = json.loads(out)
    assert document["version"] == 1
    assert document["account"]["source"] == "snapshot"
    assert {r["check"] for r in document["account"]["results"]} >= {"api-keys", "live-objects"}
    parity = next(f for f in document["findings"] if f["rule"] == "webhook-parity")
    assert parity["severity"] == "error" and parity["path"] == "stripe:account" and parity["checklist"] == "webhooks"
    code_, out, _ = cli("account", str(code), "--from-snapshot", str(EXAMPLE), "--format", "sarif")
    sarif = json.loads(out)
    assert any(r["ruleId"] == "webhook-parity" for r in sarif["runs"][0]["results"])


def test_command_without_a_key_is_a_usage_error(code: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STRIPE_LIVE_KEY", raising=False)
    code_, _out, err = cli("account", str(code))
    assert code_ == 2
    assert "STRIPE_LIVE_KEY" in err and "--from-snapshot" in err


def test_bad_account_config_is_a_usage_error(code: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (code / ".golive-ci.toml").write_text('[account]\nmax-retries = "lots"\n')
    monkeypatch.setenv("STRIPE_LIVE_KEY", LIVE_KEY)
    code_, _, err = cli("account", str(code), "--stripe-api-base", "http://127.0.0.1:9")
    assert code_ == 2 and "max-retries must be a number" in err


@pytest.mark.parametrize(
    ("base", "message"),
    [("api.example.com", "must be an http(s) address"), ("http://proxy.example.com", "refusing to send the key")],
)
def test_unsafe_or_bad_api_base_is_refused(
    code: Path, monkeypatch: pytest.MonkeyPatch, base: str, message: str
) -> None:
    monkeypatch.setenv("STRIPE_LIVE_KEY", LIVE_KEY)
    code_, _, err = cli("account", str(code), "--stripe-api-base", base)
    assert code_ == 2 and message in err and LIVE_KEY not in err


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("colour = 1", "unknown key(s) colour"),
        ('host-map = "staging"', "host-map must be a table"),
        ("concurrency = 0", "concurrency must be positive"),
    ],
)
def test_account_table_is_validated(code: Path, table: str, message: str) -> None:
    (code / ".golive-ci.toml").write_text(f"[account]\n{table}\n")
    code_, _, err = cli("account", str(code), "--from-snapshot", str(EXAMPLE))
    assert code_ == 2 and message in err


def test_publishable_live_key_makes_no_call(standin, code: Path) -> None:
    server = standin(fx.healthy())
    report = run_checks(code, server.url, live_key="pk_live_" + "Publishable" + "Q1w2E3r4T5y6U7i8")
    assert statuses(report)["api-keys"] == "fail"
    assert statuses(report)["account-readiness"] == "could-not-verify"
    assert [r.mode for r in server.requests] == ["test"]  # only the test key was used
