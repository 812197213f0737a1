"""Lean hooks, full Action: stripe and PyGithub come through extras, and their absence is one clear line."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

import pytest

from golive_ci.cli import UserError
from golive_ci.cli.ci import stripe_api_base
from tests.keys import key

BLOCK = "import sys\nfor name in {names!r}: sys.modules[name] = None  # import now raises ImportError\n"
RUN_CLI = "from golive_ci.cli import main\nraise SystemExit(main({argv!r}))\n"


def run_without(names: tuple[str, ...], code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    script = BLOCK.format(names=names) + code
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), **env}
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def names_for(needs: list[str], extra: str) -> set[str]:
    return {re.match(r"[A-Za-z0-9_.-]+", r)[0].lower() for r in needs if f'extra == "{extra}"' in r}  # type: ignore[index]


def test_base_requirements_leave_stripe_and_pygithub_to_extras() -> None:
    needs = requires("golive-ci") or []
    unconditional = [r for r in needs if "extra ==" not in r]
    assert not [r for r in unconditional if r.lower().startswith(("stripe", "pygithub"))], unconditional
    assert any(r.startswith("tree-sitter") for r in unconditional)
    for extra, wanted in {
        "account": {"stripe"},
        "action": {"stripe", "pygithub"},
        "all": {"stripe", "pygithub"},
    }.items():
        assert wanted <= names_for(needs, extra), extra
    test_names = names_for(needs, "test")
    assert {"stripe", "pygithub"} <= test_names  # the test suite runs the account checks and the comment


def test_account_without_stripe_is_one_line_naming_the_extra(tmp_path: Path) -> None:
    result = run_without(("stripe",), RUN_CLI.format(argv=["account", "."]), tmp_path, STRIPE_LIVE_KEY=key("rk_live"))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "golive-ci account needs stripe" in result.stderr and "pip install 'golive-ci[account]'" in result.stderr


def test_account_from_a_snapshot_does_not_need_stripe(tmp_path: Path) -> None:
    result = run_without(("stripe",), RUN_CLI.format(argv=["account", ".", "--from-snapshot", "none.json"]), tmp_path)
    assert "needs stripe" not in result.stderr  # it goes on to complain about the missing snapshot instead


@pytest.mark.parametrize(
    ("argv", "env", "named"),
    [
        (["ci", "."], {}, "PyGithub"),
        (["ci", ".", "--comment", "false"], {"STRIPE_LIVE_KEY": "live"}, "stripe"),
    ],
)
def test_ci_without_the_action_extra_is_one_line(
    tmp_path: Path, argv: list[str], env: dict[str, str], named: str
) -> None:
    if "STRIPE_LIVE_KEY" in env:
        env = {"STRIPE_LIVE_KEY": key("rk_live")}
    result = run_without(("stripe", "github"), RUN_CLI.format(argv=argv), tmp_path, **env)
    assert result.returncode == 2, result.stderr
    assert f"golive-ci ci needs {named}" in result.stderr and "golive-ci[action]" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_ci_without_comment_or_live_key_runs_lean(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("print('hello')\n")
    result = run_without(("stripe", "github"), RUN_CLI.format(argv=["ci", ".", "--comment", "false"]), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "golive-ci: 0 error(s)" in result.stdout


def test_hooks_and_scan_never_need_the_extras(tmp_path: Path) -> None:
    secret = key("sk_live", seed=7)
    (tmp_path / "billing.py").write_text(f'import stripe\nstripe.api_key = "{secret}"\n')
    for module in ("stripe_secret_keys", "stripe_golive", "stripe_api_version"):
        code = f"from golive_ci.hooks.{module} import main\nraise SystemExit(main(['billing.py']))\n"
        result = run_without(("stripe", "github"), code, tmp_path)
        assert "Traceback" not in result.stderr and "needs" not in result.stderr, (module, result.stderr)
    hook = run_without(("stripe", "github"), "from golive_ci.hooks.stripe_secret_keys import main\n"
                       "raise SystemExit(main(['billing.py']))\n", tmp_path)  # fmt: skip
    assert hook.returncode == 1 and "secret-key" in hook.stdout
    scan = run_without(("stripe", "github"), RUN_CLI.format(argv=["scan", "."]), tmp_path)
    assert scan.returncode == 1 and "secret-key" in scan.stdout


@pytest.mark.parametrize(
    "url", ["https://evil.example", "http://127.0.0.1:8080", "https://api.stripe.com.evil.example"]
)
def test_a_non_stripe_api_host_from_the_environment_is_refused(url: str) -> None:
    with pytest.raises(UserError, match="refusing to send the live key") as raised:
        stripe_api_base(None, {"GOLIVE_CI_STRIPE_API_BASE": url}, allow_other_host=False)
    assert "$GOLIVE_CI_STRIPE_API_BASE" in str(raised.value)
    assert stripe_api_base(None, {"GOLIVE_CI_STRIPE_API_BASE": url}, allow_other_host=True) == url


def test_stripe_api_base_flag_wins_and_stripe_itself_needs_no_permission() -> None:
    env = {"GOLIVE_CI_STRIPE_API_BASE": "https://evil.example"}
    assert stripe_api_base("https://api.stripe.com", env, allow_other_host=False) == "https://api.stripe.com"
    assert stripe_api_base("", env, allow_other_host=False) == ""  # an explicit empty flag ignores the variable
    assert stripe_api_base(None, {}, allow_other_host=False) == ""


def test_ci_refuses_a_forged_api_base_before_any_work(tmp_path: Path) -> None:
    forged = {"GOLIVE_CI_STRIPE_API_BASE": "https://collector.example/v1", "STRIPE_LIVE_KEY": key("rk_live")}
    result = run_without((), RUN_CLI.format(argv=["ci", ".", "--comment", "false"]), tmp_path, **forged)
    assert result.returncode == 2
    assert "collector.example" in result.stderr and "allow-non-stripe-api-host" in result.stderr
    assert "Traceback" not in result.stderr
