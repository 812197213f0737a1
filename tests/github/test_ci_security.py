"""Issue 10 through ``golive-ci ci`` with the Stripe and GitHub stand-ins on 127.0.0.1: a pull request's
configuration cannot flood Stripe with the live key (5), endpoint credentials stay out of public
output (7), repository text cannot mention or link (10), and changes to what is checked are said (6)."""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from golive_ci.account.policy import CI_BOUNDS
from golive_ci.config import find_config_file, load_config
from golive_ci.github.pipeline import CiOptions, Secrets, account_checks
from golive_ci.github.publish import run_ci
from golive_ci.report.checklist_markdown import ZERO_WIDTH_JOINER
from tests.account import fixtures as fx
from tests.account.standin import Fault, Scenario, StripeStandIn
from tests.github.action_runner import parse_file_command
from tests.github.fake_github import FakeGitHub
from tests.github.test_pipeline import ci, commit, environment, pr_event
from tests.keys import key

REPO = "Codertocat/Hello-World"
PR_NUMBER = 2


@pytest.fixture
def stripe_standin() -> Iterator[list[StripeStandIn]]:
    servers: list[StripeStandIn] = []
    yield servers
    for server in servers:
        server.__exit__(None, None, None)


def start(servers: list[StripeStandIn], scenario: Scenario) -> StripeStandIn:
    server = StripeStandIn(scenario).__enter__()
    servers.append(server)
    return server


def run(
    repo: Path, env: dict[str, str], config_file: Path | None = None, **options: object
) -> tuple[int, str, str, dict[str, str]]:
    """``ci`` as the command runs it: with ``--config FILE``, else the repository's own configuration."""
    out = io.StringIO()
    config = load_config(config_file or find_config_file(repo))
    options.setdefault("stripe_api_base", env.get("GOLIVE_CI_STRIPE_API_BASE", ""))  # as `ci` decides it
    code = run_ci(CiOptions(path=repo, config=config, **options), env, out)  # type: ignore[arg-type]
    summary = Path(env["GITHUB_STEP_SUMMARY"])
    outputs = Path(env["GITHUB_OUTPUT"])
    return (
        code,
        out.getvalue(),
        summary.read_text(encoding="utf-8") if summary.exists() else "",
        parse_file_command(outputs.read_text(encoding="utf-8")) if outputs.exists() else {},
    )


def stripe_env(tmp_path: Path, server: StripeStandIn, event: dict | None = None, **extra: str) -> dict[str, str]:
    return environment(
        tmp_path,
        event,
        STRIPE_LIVE_KEY=fx.fake_key("rk_live_"),
        GOLIVE_CI_STRIPE_API_BASE=server.url,
        GOLIVE_CI_GITHUB_FAST="1",
        **extra,
    )


def test_hostile_request_policy_is_clamped_and_lookups_capped(
    git_repo: Path, stripe_standin: list[StripeStandIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = (
        "[account]\nmax-requests-per-second = 1000\nmax-retries = 100\nconcurrency = 500\n"
        "max-lookups = 50000\nmax-requests = 100000000\n"
    )
    fx.write_code(git_repo)
    hostile = json.dumps({"prices": [f"price_1Hostile{i:08d}" for i in range(50_000)]}, indent=1)
    commit(git_repo, {".golive-ci.toml": config, "prices.json": hostile}, "ask for a flood")  # 50,000 references
    server = start(stripe_standin, fx.healthy())
    rates: list[float] = []
    pools: list[int] = []

    class RecordingLimiter:  # the real spacing at 20/s would make this test take 10 s
        def __init__(self, rate: float) -> None:
            rates.append(rate)

        def wait(self) -> None:
            pass

    from golive_ci.account import runner

    real_fetcher = runner.Fetcher

    def recording_fetcher(live, test, scrub, concurrency):
        pools.append(concurrency)
        return real_fetcher(live, test, scrub, concurrency)

    monkeypatch.setattr(runner, "RateLimiter", RecordingLimiter)
    monkeypatch.setattr(runner, "Fetcher", recording_fetcher)
    # ci's account step as `gather` runs it (the full run would spend 20 s on 50,000 static findings).
    secrets = Secrets(live_key=fx.fake_key("rk_live_"))
    results, _, _, notices = account_checks(secrets, git_repo, load_config(git_repo / ".golive-ci.toml"), server.url)
    assert rates == [CI_BOUNDS.limits["max_requests_per_second"][1]] and pools == [4]
    assert len(server.requests) <= CI_BOUNDS.limits["max_requests"][1]
    # 200 IDs looked up (one listing page, then one retrieve each: none is in the account), not 50,000
    assert len(server.calls("GET /v1/prices/")) == CI_BOUNDS.limits["max_lookups"][1]
    live_objects = next(result for result in results if result.check == "live-objects")
    assert live_objects.status == "fail"  # the 200 looked up are missing; the rest is never a pass
    assert "(49803 of 50003 references not checked (a run looks up at most 200" in live_objects.message
    assert any("max-requests-per-second 1000 → 20" in notice and "max-retries 100 → 3" in notice for notice in notices)


def test_endless_429_stops_after_the_clamped_retries(
    git_repo: Path, tmp_path: Path, stripe_standin: list[StripeStandIn]
) -> None:
    commit(git_repo, {".golive-ci.toml": "[account]\nmax-retries = 100\nbackoff-initial = 0\nbackoff-max = 0\n"}, "x")
    scenario = fx.healthy()
    scenario.faults["GET /v1/account"] = [Fault(429, {"type": "invalid_request_error", "message": "slow"}, repeat=True)]
    server = start(stripe_standin, scenario)
    started = time.monotonic()
    _, _, summary, _ = run(git_repo, stripe_env(tmp_path, server), comment=False)
    assert len(server.calls("GET /v1/account")) == 1 + 3  # the first try and CI's 3 retries, not 101
    assert time.monotonic() - started < 15
    assert "⚠️ account-readiness: could not read the account: Stripe kept answering 429" in summary


def test_endpoint_credentials_never_reach_the_comment_summary_or_log(
    git_repo: Path, tmp_path: Path, stripe_standin: list[StripeStandIn], github: FakeGitHub
) -> None:
    base = commit(git_repo, {"README.md": "shop\n"}, "base")
    fx.write_code(git_repo)
    head = commit(git_repo, {}, "code")
    scenario = fx.healthy()
    scenario.live.endpoints = [
        fx.endpoint(1, "https://hookuser:Pa55wordInUrl@shop.example.com/stripe/webhook?token=QueryTokenInUrl", ["*"]),
        fx.endpoint(2, "https://admin:OldPa55word@shop.example.com/old?key=OldQueryToken", ["*"], status="disabled"),
        fx.endpoint(3, "https://shop.example.com/v0?secret=NullVersionToken", ["*"], api_version=None),
    ]
    server = start(stripe_standin, scenario)
    env = stripe_env(tmp_path, server, pr_event(base, head), GITHUB_API_URL=github.base_url)
    _, out, summary, outputs = run(git_repo, env)
    comments = github.on(REPO, PR_NUMBER)
    assert len(comments) == 1 and outputs["comment-url"]
    published = {"comment": comments[0].body, "summary": summary, "stdout": out}
    for where, text in published.items():
        for secret in ("Pa55wordInUrl", "QueryTokenInUrl", "OldPa55word", "OldQueryToken", "NullVersionToken"):
            assert secret not in text, (where, secret)
        assert "hookuser" not in text and "admin:" not in text, where
    assert "were clamped" not in summary  # no configuration: nothing to say about the defaults
    readable = comments[0].body.replace(ZERO_WIDTH_JOINER, "")
    assert "disabled: https://shop.example.com/old" in readable  # still says which endpoint, safely


def test_repository_text_cannot_mention_reference_or_link(git_repo: Path, tmp_path: Path, github: FakeGitHub) -> None:
    base = commit(git_repo, {"README.md": "shop\n"}, "base")
    name = "cc @octocat @octo-org/security-team a@b.example #12 www.evil.example https:/evil.example.py"
    head = commit(git_repo, {name: f'K = "{key("sk_live", seed=61)}"\n'}, "leak")
    env = environment(tmp_path, pr_event(base, head), GITHUB_API_URL=github.base_url, GOLIVE_CI_GITHUB_FAST="1")
    _, _, summary, _ = ci(git_repo, env)
    comment = github.on(REPO, PR_NUMBER)[0].body
    for text in (comment, summary):
        visible = re.sub(r"\]\([^)]*\)", "]()", text)  # link targets are URLs we built, not text
        visible = re.sub(r"(?m)^Checklist comment created: \S+$", "", visible)  # GitHub's URL of our comment
        assert re.search(r"@[A-Za-z0-9]", visible) is None
        assert re.search(r"#[0-9]", visible) is None
        assert re.search(r"(?i)www\.|https?://", visible.replace("https://github.com/", "")) is None
        assert "cc @octocat @octo-org/security-team" in text.replace(ZERO_WIDTH_JOINER, "")


def test_changes_to_what_is_checked_are_said_on_the_checklist(
    git_repo: Path, tmp_path: Path, github: FakeGitHub
) -> None:
    pyproject = '[project]\nname = "shop"\nversion = "1"\n\n[tool.golive-ci]\nignore = []\n'
    base = commit(git_repo, {"app.py": "x = 1\n", "pyproject.toml": pyproject}, "base")
    head = commit(
        git_repo,
        {
            "pyproject.toml": pyproject.replace('version = "1"', 'version = "2"'),  # not golive-ci's table
            ".golive-ci.toml": 'exclude = ["vendored/*"]\n',
            ".gitattributes": "* -diff\n",  # hides every diff, its own included
            ".secrets.baseline": "{}\n",
            "vendored/a.py": "x = 1\n",
            "vendored/b.py": "x = 2\n",
        },
        "widen the excludes",
    )
    env = environment(tmp_path, pr_event(base, head), GITHUB_API_URL=github.base_url, GOLIVE_CI_GITHUB_FAST="1")
    _, _, summary, _ = run(git_repo, env)
    comment = github.on(REPO, PR_NUMBER)[0].body
    for text in (comment, summary):
        assert "This pull request changes what golive-ci checks" in text
        assert ".golive-ci.toml (golive-ci configuration)" in text and ".secrets.baseline" in text
        assert ".gitattributes (git attributes" in text
        assert "pyproject.toml" not in text
        assert "2 file(s) are excluded from the scan by the configuration" in text
    second = tmp_path / "second"
    second.mkdir()
    later = commit(git_repo, {"pyproject.toml": pyproject.replace("ignore = []", 'ignore = ["secret-key"]')}, "x")
    env = environment(second, pr_event(head, later), GITHUB_API_URL=github.base_url, GOLIVE_CI_GITHUB_FAST="1")
    _, _, summary, _ = run(git_repo, env)
    assert "pyproject.toml \\[tool.golive-ci\\]" in summary and ".gitattributes" not in summary
    third = tmp_path / "third"
    third.mkdir()
    named = commit(git_repo, {"ci/golive.toml": "ignore = []\n"}, "a configuration named by the workflow")
    env = environment(third, pr_event(later, named), GITHUB_API_URL=github.base_url, GOLIVE_CI_GITHUB_FAST="1")
    _, _, summary, _ = run(git_repo, env, git_repo / "ci" / "golive.toml")
    assert "ci/golive.toml (the golive-ci configuration in use)" in summary


def test_baselines_named_by_the_configuration_are_watched(tmp_path: Path) -> None:
    from golive_ci.config import Config
    from golive_ci.github.scope import scope_changes

    class WithOwnBaseline(Config):  # golive-ci's own `baseline` key, added on another branch
        pass

    config = WithOwnBaseline(
        path=tmp_path / "sub" / ".golive-ci.toml", rules={"secret-key": {"baseline": "audit.json"}}
    )
    config.baseline = "../keep/accepted.json"  # type: ignore[attr-defined]
    changed = ["sub/audit.json", "keep/accepted.json", "sub/other.json"]
    labels = scope_changes(tmp_path, "base", "head", changed, config, "sub")
    assert labels == [
        "keep/accepted.json (baseline named in the configuration)",
        "sub/audit.json (baseline named in the configuration)",
    ]


def test_an_unreadable_pyproject_counts_as_changed_without_a_crash(git_repo: Path) -> None:
    from golive_ci.config import Config
    from golive_ci.github.scope import scope_changes

    base = commit(git_repo, {"pyproject.toml": '[project]\nname = "shop"\n'}, "base")
    deep = '[project]\nname = "shop"\nx = ' + "[" * 50_000 + "]" * 50_000 + "\n"  # tomllib recurses out
    head = commit(git_repo, {"pyproject.toml": deep}, "deep")
    assert scope_changes(git_repo, base, head, ["pyproject.toml"], Config(), "") == ["pyproject.toml [tool.golive-ci]"]
    same = commit(git_repo, {"pyproject.toml": '[project]\nname = "shop"\nversion = "2"\n'}, "same table")
    assert scope_changes(git_repo, head, same, ["pyproject.toml"], Config(), "") == ["pyproject.toml [tool.golive-ci]"]
    later = commit(git_repo, {"pyproject.toml": '[project]\nname = "shop"\nversion = "3"\n'}, "readable both sides")
    assert scope_changes(git_repo, same, later, ["pyproject.toml"], Config(), "") == []


def test_ci_builds_the_version_picture_once_for_the_comment_and_the_account_checks(
    git_repo: Path, tmp_path: Path, stripe_standin: list[StripeStandIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    from golive_ci.versions import picture

    fx.write_code(git_repo)
    commit(git_repo, {}, "code")
    server = start(stripe_standin, fx.healthy())
    built: list[object] = []
    real = picture.PictureCollector.picture

    def counting(self: picture.PictureCollector) -> picture.VersionPicture:
        built.append(self)
        return real(self)

    def second_pass(*args: object, **kwargs: object) -> object:
        raise AssertionError("ci reads the code for the version picture in its one pass, not again")

    monkeypatch.setattr(picture.PictureCollector, "picture", counting)
    monkeypatch.setattr(picture, "build_version_picture", second_pass)
    _, _, summary, _ = run(git_repo, stripe_env(tmp_path, server), comment=False)
    assert len(built) == 1
    assert "account-api-version" in summary  # the account checks ran with the live key and that picture
