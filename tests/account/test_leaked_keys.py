"""``ci --verify-leaked-keys`` against the Stripe stand-in on 127.0.0.1 (issue 12)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from golive_ci.account import leaked_keys
from golive_ci.config import Config
from golive_ci.github.pipeline import CiOptions
from golive_ci.github.publish import run_ci
from tests.account import fixtures as fx
from tests.account.standin import Fault, Scenario, StripeStandIn
from tests.github.test_pipeline import commit, environment
from tests.keys import key

ACTIVE = key("sk_live", seed=101)
REVOKED = key("sk_live", seed=102)


def run(repo: Path, tmp_path: Path, api_base: str, **options: object) -> tuple[int, str]:
    env = environment(tmp_path, {"ref": "refs/heads/main", "before": "0" * 40})
    out = io.StringIO()
    code = run_ci(CiOptions(path=repo, config=Config(), comment=False, stripe_api_base=api_base, **options), env, out)  # type: ignore[arg-type]
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    sarif = Path(tmp_path / "golive-ci.sarif").read_text(encoding="utf-8")
    return code, out.getvalue() + summary + sarif


@pytest.fixture
def leaked(git_repo: Path) -> Path:
    # ACTIVE stays in the tree (and in history); REVOKED was committed and removed again.
    commit(git_repo, {"old.py": f'K = "{REVOKED}"\n'}, "leak one")
    commit(git_repo, {"old.py": "K = None\n", "settings.py": f'STRIPE_KEY = "{ACTIVE}"\n'}, "leak another")
    return git_repo


def test_active_key_is_an_error_revoked_key_counts_as_rotated(
    leaked: Path, tmp_path: Path, standin: Callable[[Scenario], StripeStandIn]
) -> None:
    scenario = fx.healthy()
    scenario.revoked_keys = {REVOKED}
    server = standin(scenario)
    code, output = run(leaked, tmp_path, server.url, verify_leaked_keys=True)
    assert code == 1
    assert "Still active: roll it now" in output
    assert "no longer valid" in output and "counted as rotated" in output
    # One read-only request per distinct key: ACTIVE is both in the tree and in history.
    calls = server.calls("GET /v1/account")
    assert len(calls) == 2 and {c.headers["Authorization"].split()[-1] for c in calls} == {ACTIVE, REVOKED}
    assert ACTIVE not in output and REVOKED not in output
    results = json.loads(output[output.index('{\n  "$schema"') :])["runs"][0]["results"]
    assert any(r["level"] == "error" and "Still active" in r["message"]["text"] for r in results)


@pytest.mark.parametrize("fault", [Fault(503, repeat=True), Fault(200, delay=1.5, repeat=True)], ids=["5xx", "timeout"])
def test_server_errors_and_timeouts_could_not_verify(
    leaked: Path,
    tmp_path: Path,
    standin: Callable[[Scenario], StripeStandIn],
    monkeypatch: pytest.MonkeyPatch,
    fault: Fault,
) -> None:
    monkeypatch.setattr(leaked_keys, "DEFAULT_TIMEOUT", 0.5)
    scenario = fx.healthy()
    scenario.revoked_keys = {REVOKED}
    scenario.faults["GET /v1/account"] = [fault]
    server = standin(scenario)
    code, output = run(leaked, tmp_path, server.url, verify_leaked_keys=True)
    assert code == 1  # never "rotated" on a failure: the keys keep failing the run
    assert output.count("could not verify") >= 2
    assert "counted as rotated" not in output and "Still active" not in output
    assert len(server.calls("GET /v1/account")) == 2  # no retry
    assert ACTIVE not in output and REVOKED not in output


def test_off_by_default_no_request(leaked: Path, tmp_path: Path, standin: Callable[[Scenario], StripeStandIn]) -> None:
    server = standin(fx.healthy())
    code, output = run(leaked, tmp_path, server.url)
    assert code == 1 and server.calls() == [] and "Still active" not in output


def test_webhook_secrets_cannot_be_verified_and_make_no_request(
    git_repo: Path, tmp_path: Path, standin: Callable[[Scenario], StripeStandIn]
) -> None:
    commit(git_repo, {"hook.py": f'SECRET = "{key("whsec", length=32, seed=103)}"\n'}, "whsec")
    server = standin(fx.healthy())
    _, output = run(git_repo, tmp_path, server.url, verify_leaked_keys=True)
    assert server.calls() == [] and "cannot be checked through the API" in output


def test_at_most_max_keys_are_sent_to_stripe_per_run_and_the_rest_say_why() -> None:
    from golive_ci.findings import Finding, Severity

    planted = [key("sk_live", seed=200 + n) for n in range(30)]
    findings = [
        Finding(
            rule="secret-key",
            severity=Severity.ERROR,
            path="k.py",
            line=n + 1,
            column=1,
            message="committed key",
            checklist="key-rotation",
        )
        for n in range(len(planted))
    ]
    asked: list[str] = []

    def verify(secret: str, api_base: str, timeout: float | None) -> leaked_keys.Verdict:
        asked.append(secret)
        return leaked_keys.Verdict(leaked_keys.REJECTED, "HTTP 401")

    keys = {id(finding): secret for finding, secret in zip(findings, planted, strict=True)}
    updated, requests = leaked_keys.verify_leaked_keys(findings, keys, "https://api.stripe.com", verify=verify)
    assert requests == len(asked) == leaked_keys.MAX_KEYS_PER_RUN
    left = [f for f in updated if f.details.get("verified") == leaked_keys.UNKNOWN]
    assert len(left) == len(planted) - leaked_keys.MAX_KEYS_PER_RUN
    assert all("over the limit of 25 keys" in f.message for f in left)
    assert all(secret not in f.message for f in updated for secret in planted)
