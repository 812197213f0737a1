"""Every fault ends in "could not verify" with its reason, the other checks still run, and no key leaks."""

from __future__ import annotations

import io
import json
import socket
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from golive_ci.account.policy import RequestPolicy
from golive_ci.cli import main
from tests.account import fixtures as fx
from tests.account.conftest import FAST, LIVE_KEY, TEST_KEY, run_checks, statuses
from tests.account.standin import Fault

PERMISSION_MESSAGE = (
    "The provided key '{key}' does not have the required permissions for this endpoint on account "
    "'acct_1StandIn0000000'. Having the 'rak_webhook_read' permission would allow this request to continue."
)


def rak_fault() -> Fault:
    return Fault(
        403, {"type": "invalid_request_error", "message": PERMISSION_MESSAGE.format(key=LIVE_KEY)}, repeat=True
    )


def test_403_names_the_missing_permission_and_other_checks_run(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.faults["GET /v1/webhook_endpoints"] = [rak_fault()]
    report = run_checks(code, standin(scenario).url)
    result = report.result("live-webhook-endpoints")
    assert result is not None and result.status == "could-not-verify"
    assert "rak_webhook_read (Webhook Endpoints: Read)" in result.message
    assert "rak_webhook_read" in result.fix
    keys = report.result("api-keys")
    assert keys is not None and keys.status == "warning" and "rak_webhook_read" in keys.message
    assert statuses(report)["account-readiness"] == "pass"
    assert statuses(report)["live-objects"] == "pass"
    assert LIVE_KEY not in json.dumps([r.to_dict() for r in report.results])


def test_401_fails_the_key_check_and_verifies_nothing(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.faults["GET /v1/"] = [
        Fault(401, {"type": "invalid_request_error", "message": f"Invalid API Key provided: {LIVE_KEY}"}, repeat=True)
    ]
    report = run_checks(code, standin(scenario).url)
    result = statuses(report)
    assert result.pop("api-keys") == "fail"
    assert result.pop("billing-settings-ready") == "pass"  # the code needs no billing setting: no call
    assert set(result.values()) == {"could-not-verify"}
    readiness = report.result("account-readiness")
    assert readiness is not None and "rejected the key" in readiness.message


@pytest.mark.parametrize("status", [429, 500, 503])
def test_transient_errors_are_retried(standin, code: Path, status: int) -> None:
    scenario = fx.healthy()
    scenario.faults["GET /v1/account"] = [Fault(status, {"type": "api_error", "message": "try again"})]
    server = standin(scenario)
    report = run_checks(code, server.url)
    assert statuses(report)["account-readiness"] == "pass"
    assert len(server.calls("GET /v1/account")) == 2


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (Fault(429, {"type": "invalid_request_error", "message": "Too many requests"}, repeat=True), "429"),
        (Fault(500, {"type": "api_error", "message": "internal"}, repeat=True), "HTTP 500"),
        (Fault(200, body=b"{not json at all", repeat=True), "not valid JSON"),
        (Fault(200, delay=0.6, repeat=True), "did not answer in time"),
    ],
    ids=["429", "500", "malformed-json", "timeout"],
)
def test_persistent_faults_end_in_could_not_verify(standin, code: Path, fault: Fault, reason: str) -> None:
    scenario = fx.healthy()
    scenario.faults["GET /v1/webhook_endpoints"] = [fault]
    server = standin(scenario)
    policy = RequestPolicy(max_retries=1, backoff_initial=0.01, backoff_max=0.01, read_timeout=0.3)
    report = run_checks(code, server.url, policy=policy)
    result = report.result("live-webhook-endpoints")
    assert result is not None and result.status == "could-not-verify"
    assert reason in result.message
    for dependent in ("webhook-parity", "webhook-endpoint-version"):
        assert statuses(report)[dependent] == "could-not-verify"
    assert statuses(report)["account-readiness"] == "pass"  # the other checks still ran
    if fault.status >= 429 and fault.body is None:
        assert len([r for r in server.calls("GET /v1/webhook_endpoints") if r.mode == "live"]) == 2  # 1 retry


def test_connection_refused(code: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    report = run_checks(code, f"http://127.0.0.1:{port}", policy=RequestPolicy(max_retries=1, backoff_initial=0.01))
    result = statuses(report)
    assert result.pop("api-keys") == "could-not-verify"
    assert result.pop("billing-settings-ready") == "pass"  # the code needs no billing setting: no call
    assert set(result.values()) == {"could-not-verify"}
    readiness = report.result("account-readiness")
    assert readiness is not None and "could not connect" in readiness.message


def test_404_resource_missing_with_test_mode_twin(standin, tmp_path: Path) -> None:
    fx.write_code(tmp_path, ids=[fx.PRICE_TEST_ONLY], lookup_keys=[])
    server = standin(fx.healthy())
    report = run_checks(tmp_path, server.url)
    result = report.result("live-objects")
    assert result is not None and result.status == "fail"
    assert "exists only in test mode" in result.message
    assert [r.mode for r in server.calls(f"GET /v1/prices/{fx.PRICE_TEST_ONLY}")] == ["live"]


def test_a_failed_object_lookup_is_never_a_pass(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.faults[f"GET /v1/prices/{fx.PRICE_LIVE}"] = [Fault(500, repeat=True)]
    report = run_checks(code, standin(scenario).url)
    result = report.result("live-objects")
    assert result is not None and result.status == "could-not-verify"
    assert fx.PRICE_LIVE in result.message


FAULTS = {
    "401": Fault(401, {"type": "invalid_request_error", "message": "Invalid API Key provided: {key}"}, repeat=True),
    "403": Fault(403, {"type": "invalid_request_error", "message": PERMISSION_MESSAGE}, repeat=True),
    "404": Fault(
        404, {"type": "invalid_request_error", "message": "No such: {key}", "code": "resource_missing"}, repeat=True
    ),
    "429": Fault(429, {"type": "invalid_request_error", "message": "Rate limited {key}"}, repeat=True),
    "500": Fault(500, {"type": "api_error", "message": "Internal error for {key}"}, repeat=True),
    "malformed": Fault(200, body=b"not json {key}", repeat=True),
    "timeout": Fault(200, delay=0.5, repeat=True),
}  # fmt: skip


@pytest.mark.parametrize("name", [*FAULTS, "refused"])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_no_key_in_any_output_for_every_fault(
    standin, code: Path, monkeypatch: pytest.MonkeyPatch, name: str, fmt: str
) -> None:
    (code / ".golive-ci.toml").write_text(
        "[account]\nmax-retries = 1\nbackoff-initial = 0.001\nbackoff-max = 0.001\nread-timeout = 0.2\n"
    )
    if name == "refused":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = f"http://127.0.0.1:{probe.getsockname()[1]}"
    else:
        template = FAULTS[name]
        error = json.loads(json.dumps(template.error).replace("{key}", LIVE_KEY)) if template.error else None
        body = template.body.replace(b"{key}", LIVE_KEY.encode()) if template.body else None
        scenario = fx.healthy()
        scenario.faults["GET /v1/"] = [Fault(template.status, error, body, template.delay, repeat=True)]
        base = standin(scenario).url
    monkeypatch.setenv("STRIPE_LIVE_KEY", LIVE_KEY)
    monkeypatch.setenv("STRIPE_TEST_KEY", TEST_KEY)
    snapshot = code / "snapshot.json"
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code_ = main(
            [
                "account",
                str(code),
                "--stripe-api-base",
                base,
                "--format",
                fmt,
                "--save-snapshot",
                str(snapshot),
                "--debug",
            ]
        )
    assert code_ in (0, 1)
    everything = out.getvalue() + err.getvalue() + snapshot.read_text()
    assert "could not" in everything.lower() or fmt == "sarif"
    for key in (LIVE_KEY, TEST_KEY):
        assert key not in everything
        assert key[8:24] not in everything


def test_fast_policy_is_really_fast() -> None:
    assert FAST.backoff_max < 0.1 and FAST.read_timeout <= 0.5


def test_a_wrongly_shaped_answer_is_could_not_verify(standin, code: Path) -> None:
    scenario = fx.healthy()
    scenario.faults["GET /v1/webhook_endpoints"] = [Fault(200, body=b'{"object": "list"}', repeat=True)]
    report = run_checks(code, standin(scenario).url)
    result = report.result("live-webhook-endpoints")
    assert result is not None and result.status == "could-not-verify"
    assert "unexpected answer from the Stripe API" in result.message


def test_a_rejected_test_key_fails_the_key_check(standin, code: Path) -> None:
    revoked = fx.fake_key("rk_test_") + "Rolled"
    scenario = fx.healthy()
    scenario.revoked_keys.add(revoked)
    server = standin(scenario)
    report = run_checks(code, server.url, test_key=revoked)
    result = report.result("api-keys")
    assert result is not None and result.status == "fail" and "rejected STRIPE_TEST_KEY" in result.message
    assert statuses(report)["webhook-parity"] == "could-not-verify"


def test_stripe_logging_never_shows_a_key(
    standin, code: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], caplog
) -> None:
    import logging

    from stripe import _util

    monkeypatch.setattr(_util, "STRIPE_LOG", "debug")
    caplog.set_level(logging.DEBUG, logger="stripe")
    scenario = fx.healthy()
    echo = {"type": "invalid_request_error", "message": f"The provided key '{LIVE_KEY}' was echoed"}
    scenario.faults["GET /v1/"] = [Fault(403, echo, repeat=True)]
    run_checks(code, standin(scenario).url)
    captured = capfd.readouterr()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "echoed" in logged  # the SDK did log the error, scrubbed
    for text in (captured.out, captured.err, logged):
        assert LIVE_KEY not in text and LIVE_KEY[8:24] not in text
    assert _util.STRIPE_LOG == "debug"  # restored after the run
