"""``golive-ci ci`` as a whole, run in-process with a runner-like environment."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from golive_ci.cli import main
from golive_ci.config import Config
from golive_ci.github.pipeline import CiOptions
from golive_ci.github.publish import run_ci
from tests.conftest import commit
from tests.github.action_runner import parse_file_command
from tests.github.fake_github import FakeGitHub
from tests.keys import key

DATA = Path(__file__).parent / "data"


def environment(tmp_path: Path, event: dict | None = None, **extra: str) -> dict[str, str]:
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_REPOSITORY": "Codertocat/Hello-World",
        "GITHUB_EVENT_NAME": "pull_request" if event and "pull_request" in event else "push",
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_TOKEN": "ghs_" + "pipelineToken0123456789",
        **extra,
    }
    if event is not None:
        (tmp_path / "event.json").write_text(json.dumps(event), encoding="utf-8")
        env["GITHUB_EVENT_PATH"] = str(tmp_path / "event.json")
    return env


def pr_event(base: str, head: str) -> dict:
    event = json.loads((DATA / "pull_request.opened.json").read_text(encoding="utf-8"))
    event["pull_request"]["base"]["sha"], event["pull_request"]["head"]["sha"] = base, head
    return event


def ci(path: Path, env: dict[str, str], **options: object) -> tuple[int, str, str, dict[str, str]]:
    out = io.StringIO()
    code = run_ci(CiOptions(path=path, config=Config(), **options), env, out)  # type: ignore[arg-type]
    summary_path = Path(env.get("GITHUB_STEP_SUMMARY", "/nonexistent"))
    summary = summary_path.read_text(encoding="utf-8") if summary_path.exists() else ""
    output_path = Path(env.get("GITHUB_OUTPUT", "/nonexistent"))
    outputs = parse_file_command(output_path.read_text(encoding="utf-8")) if output_path.exists() else {}
    return code, out.getvalue(), summary, outputs


def test_subfolder_findings_are_relative_to_the_repository(git_repo: Path, tmp_path: Path) -> None:
    commit(git_repo, {"services/api/pay.py": f'K = "{key("sk_live", seed=51)}"\n'}, "leak")
    code, out, _, outputs = ci(git_repo / "services" / "api", environment(tmp_path), comment=False)
    assert code == 1
    assert "file=services/api/pay.py,line=1" in out
    sarif = json.loads(Path(outputs["sarif-file"]).read_text())
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"services/api/pay.py"}


def test_push_scans_all_of_heads_history_and_posts_no_comment(
    git_repo: Path, tmp_path: Path, github: FakeGitHub
) -> None:
    commit(git_repo, {"a.py": f'K = "{key("sk_live", seed=52)}"\n'}, "leak")
    commit(git_repo, {"a.py": "K = None\n"}, "unleak")
    env = environment(tmp_path, {"ref": "refs/heads/main", "before": "0" * 40}, GITHUB_API_URL=github.base_url)
    code, out, summary, outputs = ci(git_repo, env, fail_on="never")
    assert code == 0 and outputs["errors"] == "1" and outputs["comment-url"] == ""
    assert "secret-key-history" in summary and github.requests == []
    assert "::error title=golive-ci secret-key-history::" in out


def test_pull_request_whose_base_is_not_fetched_scans_what_there_is(git_repo: Path, tmp_path: Path) -> None:
    head = commit(git_repo, {"a.py": f'K = "{key("sk_live", seed=53)}"\n'}, "leak")
    env = environment(tmp_path, pr_event("1" * 40, head))
    _, _, summary, _ = ci(git_repo, env, comment=False)
    assert "fetch-depth: 0" in summary and "changed lines unknown" in summary
    assert "changes what golive-ci checks:** unknown: the base commit is not in the clone" in summary
    assert summary.count("secret-key-history: ") == 1


def test_fail_on_levels(git_repo: Path, tmp_path: Path) -> None:
    commit(git_repo, {"a.py": f'K = "{key("sk_test", seed=54)}"\n'}, "test key")
    (git_repo / "pyproject.toml").write_text('[tool.golive-ci.rules.secret-key]\ntest-keys = "warning"\n')
    commit(git_repo, {}, "config")
    from golive_ci.config import load_config

    config = load_config(git_repo / "pyproject.toml")
    for fail_on, expected in (("error", 0), ("warning", 1), ("never", 0)):
        out = io.StringIO()
        options = CiOptions(path=git_repo, config=config, fail_on=fail_on, comment=False)
        assert run_ci(options, environment(tmp_path), out) == expected, fail_on


def test_no_token_and_unreachable_api_fall_back_to_the_summary(git_repo: Path, tmp_path: Path) -> None:
    head = commit(git_repo, {"a.py": "x = 1\n"}, "clean")
    env = environment(tmp_path, pr_event(head, head))
    env.pop("GITHUB_TOKEN")
    code, _, summary, _ = ci(git_repo, env)
    assert code == 0 and "no GitHub token given" in summary and "## Stripe go-live checklist" in summary
    second = tmp_path / "second"
    second.mkdir()
    env = environment(second, pr_event(head, head))
    env["GITHUB_API_URL"] = "http://127.0.0.1:9"
    env["GOLIVE_CI_GITHUB_FAST"] = "1"
    code, _, summary, outputs = ci(git_repo, env)
    assert code == 0 and "GitHub API unreachable" in summary and outputs["comment-url"] == ""


def test_outside_actions_prints_text_and_markdown_without_masks(git_repo: Path, tmp_path: Path) -> None:
    live = key("sk_live", seed=55)
    commit(git_repo, {"a.py": f'K = "{live}"\n'}, "leak")
    out = io.StringIO()
    code = run_ci(CiOptions(path=git_repo, config=Config()), {"STRIPE_LIVE_KEY": ""}, out)
    text = out.getvalue()
    assert code == 1 and "a.py:1:6: secret-key " in text and "## Stripe go-live checklist" in text
    assert "::" not in text and live not in text


def test_not_a_git_repository(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.py").write_text("x = 1\n", encoding="utf-8")
    code, _, summary, _ = ci(folder, environment(tmp_path))
    assert code == 0 and "git history not scanned: not a git repository" in summary


def test_cli_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ci", str(tmp_path / "missing")]) == 2
    with pytest.raises(SystemExit) as exited:  # argparse's own usage error
        main(["ci", str(tmp_path), "--history", "sometimes"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "no such file or folder" in err and "expected true or false" in err and "Traceback" not in err


def test_without_a_live_key_each_account_check_is_listed_as_not_run(git_repo: Path, tmp_path: Path) -> None:
    account = pytest.importorskip("golive_ci.account")
    commit(git_repo, {"a.py": "x = 1\n"}, "clean")
    code, _, summary, outputs = ci(git_repo, environment(tmp_path), comment=False)
    assert code == 0 and outputs["errors"] == "0" and outputs["warnings"] == "0"
    for info in account.all_check_infos():
        assert f"- ⏭ {info.slug.replace('_', chr(92) + '_')}: not run: no live key given" in summary
