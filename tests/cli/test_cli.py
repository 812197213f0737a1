"""The golive-ci CLI: formats, exit codes, selection, configuration, suppressions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from golive_ci.cli import main
from tests.conftest import git
from tests.keys import docs_key, key

LIVE = key("sk_live")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "app" / "billing.py").write_text(f'import stripe\n\nstripe.api_key = "{LIVE}"\n')
    (root / "app" / "clean.py").write_text("print('hello')\n")
    (root / "config.yaml").write_text(f"stripe:\n  test_key: {key('sk_test', 61)}\n")
    return root


def test_text_output_is_path_line_col_rule_message(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "scan", "--select", "secret-key", str(project))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("app/billing.py:3:19: secret-key Stripe live secret key sk_live_…")
    assert lines[1].startswith("config.yaml:2:13: secret-key Stripe test secret key sk_test_…")
    assert "2 error(s)" in lines[-1]


def test_json_contract(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "scan", "--select", "secret-key", "--format", "json", str(project))
    document = json.loads(out)
    assert code == 1
    assert document["version"] == 1
    first = document["findings"][0]
    assert {k: first[k] for k in ("rule", "severity", "path", "line", "column", "checklist")} == {
        "rule": "secret-key",
        "severity": "error",
        "path": "app/billing.py",
        "line": 3,
        "column": 19,
        "checklist": "key-rotation",
    }
    assert document["summary"]["errors"] == 2
    assert document["summary"]["files_scanned"] == 3


def test_sarif_is_valid_for_code_scanning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "scan", "--select", "secret-key", "--format", "sarif", str(project))
    sarif = json.loads(out)
    assert code == 1 and sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    [rule] = run["tool"]["driver"]["rules"]
    assert rule["id"] == "secret-key" and rule["shortDescription"]["text"] and rule["help"]["text"]
    result = run["results"][0]
    assert result["ruleId"] == "secret-key" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/billing.py"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert result["partialFingerprints"]["golive-ci/v1"]


def test_sarif_has_what_github_code_scanning_requires(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "scan", "--select", "secret-key", "--format", "sarif", str(project))
    sarif = json.loads(out)
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "golive-ci" and driver["version"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    for result in sarif["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] and result["ruleId"] in rule_ids
        assert result["message"]["text"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert isinstance(result["partialFingerprints"]["golive-ci/v1"], str)


def test_github_workflow_commands(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "scan", "--select", "secret-key", "--format", "github", str(project))
    first = out.splitlines()[0]
    assert first.startswith("::error file=app/billing.py,line=3,col=19,")
    assert "title=golive-ci secret-key::Stripe live secret key sk_live_…" in first


def test_exit_zero_when_clean_and_fail_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "scan", "--select", "secret-key", str(project / "app" / "clean.py"))[0] == 0
    assert run_cli(capsys, "scan", "--select", "secret-key", "--fail-on", "never", str(project))[0] == 0
    (project / "docs.md").write_text(f"curl -u {docs_key()}:\n")
    code, out, _ = run_cli(capsys, "scan", "--select", "secret-key", "--fail-on", "error", str(project / "docs.md"))
    assert code == 0 and "[warning]" in out
    assert run_cli(capsys, "scan", "--select", "secret-key", "--fail-on", "warning", str(project / "docs.md"))[0] == 1


def test_usage_errors_exit_2_without_traceback(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "scan", "--select", "no-such-rule", str(project))
    assert code == 2 and "unknown rule 'no-such-rule'" in err and "Traceback" not in err
    code, _, err = run_cli(capsys, "scan", "--select", "secret-key", str(project / "missing"))
    assert code == 2 and "no such file or folder" in err
    with pytest.raises(SystemExit) as exc:
        main(["scan", "--format", "xml"])
    assert exc.value.code == 2


def test_select_and_ignore(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "scan", "--select", "secret-key,card-number", "--ignore", "secret-key", str(project))
    assert code == 0 and "secret-key" not in out
    # A selection that selects nothing is a mistake, not a pass (issue 12).
    code, _, err = run_cli(capsys, "scan", "--select", "secret-key", "--ignore", "secret-key", str(project))
    assert code == 2 and "selects no rule" in err
    code, out, _ = run_cli(capsys, "scan", "--select", "secret-key", str(project))
    assert code == 1


def test_config_in_pyproject(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.golive-ci]\nexclude = ["config.yaml"]\n[tool.golive-ci.severity]\nsecret-key = "warning"\n'
    )
    code, out, _ = run_cli(capsys, "scan", "--select", "secret-key", "--format", "json", str(project))
    document = json.loads(out)
    assert code == 0
    assert [f["path"] for f in document["findings"]] == ["app/billing.py"]
    assert document["findings"][0]["severity"] == "warning"


def test_config_in_golive_ci_toml_and_explicit_flag(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".golive-ci.toml").write_text('exclude = ["app/"]\n')
    _, out, _ = run_cli(capsys, "scan", "--select", "secret-key", "--format", "json", str(project))
    assert [f["path"] for f in json.loads(out)["findings"]] == ["config.yaml"]
    other = project.parent / "other.toml"
    other.write_text('select = ["secret-key", "card-number"]\nignore = ["secret-key"]\n')
    assert run_cli(capsys, "scan", "--config", str(other), str(project))[0] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[tool.golive-ci\n", "invalid TOML"),
        ('[tool.golive-ci]\nexclud = ["x"]\n', "unknown key(s) exclud"),
        ('[tool.golive-ci]\nexclude = "x"\nselect = 3\n', "'select' must be a list of strings"),
        ('[tool.golive-ci.severity]\nsecret-key = "fatal"\n', "unknown severity 'fatal'"),
    ],
)
def test_bad_config_is_a_clear_error(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    (project / "pyproject.toml").write_text(content)
    code, out, err = run_cli(capsys, "scan", "--select", "secret-key", str(project))
    assert code == 2 and message in err and "Traceback" not in err and out == ""


@pytest.mark.parametrize(
    ("line_before", "same_line_suffix"),
    [
        ("", "  # golive-ci: ignore[secret-key]"),
        ("", "  # golive-ci: ignore"),
        ("# golive-ci: ignore[secret-key]\n", ""),
        ("", "  # pragma: allowlist secret"),
        ("# pragma: allowlist nextline secret\n", ""),
        ("", "  // gitleaks:allow"),
        ("", "  # trufflehog:ignore"),
    ],
)
def test_inline_suppressions(tmp_path: Path, line_before: str, same_line_suffix: str) -> None:
    from golive_ci.config import Config
    from golive_ci.engine import scan

    (tmp_path / "a.py").write_text(f"x = 1\n{line_before}k = '{LIVE}'{same_line_suffix}\n")
    assert scan([tmp_path], tmp_path, Config(), select=["secret-key"]).findings == []


def test_suppression_for_another_rule_does_not_hide(tmp_path: Path) -> None:
    from golive_ci.config import Config
    from golive_ci.engine import scan

    (tmp_path / "a.py").write_text(f"k = '{LIVE}'  # golive-ci: ignore[card-number]\n")
    assert len(scan([tmp_path], tmp_path, Config(), select=["secret-key"]).findings) == 1
    (tmp_path / "a.py").write_text(f"# pragma: allowlist nextline secret\nx = 1\nk = '{LIVE}'\n")
    assert len(scan([tmp_path], tmp_path, Config(), select=["secret-key"]).findings) == 1


def test_git_repo_scans_tracked_and_untracked_but_not_ignored(
    git_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (git_repo / ".gitignore").write_text("ignored/\n")
    (git_repo / "ignored").mkdir()
    (git_repo / "ignored" / "k.txt").write_text(LIVE)
    (git_repo / "tracked.txt").write_text(LIVE)
    git(git_repo, "add", ".gitignore", "tracked.txt")
    git(git_repo, "commit", "-qm", "init")
    (git_repo / "new.txt").write_text(LIVE)
    _, out, _ = run_cli(capsys, "scan", "--select", "secret-key", "--format", "json", str(git_repo))
    assert sorted(f["path"] for f in json.loads(out)["findings"]) == ["new.txt", "tracked.txt"]


def test_walk_outside_git_skips_vendored_and_virtualenv_folders(tmp_path: Path) -> None:
    from golive_ci.config import Config
    from golive_ci.engine import scan

    for folder in ("node_modules/pkg", ".venv/lib", ".git", "build", "src"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "k.js").write_text(f"const k = '{LIVE}'")
    assert [f.path for f in scan([tmp_path], tmp_path, Config(), select=["secret-key"]).findings] == ["src/k.js"]


def test_rules_command_lists_and_documents(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "rules")
    assert code == 0
    assert any(line.split()[0] == "secret-key" for line in out.splitlines())
    code, out, _ = run_cli(capsys, "rules", "secret-key")
    assert code == 0
    for heading in ("# secret-key", "## Why it matters", "## Example", "## Fix"):
        assert heading in out
    assert run_cli(capsys, "rules", "nope")[0] == 2


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "golive_ci", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("golive-ci ")


def test_git_grep_prefilter_finds_the_same_and_counts_every_file(git_repo: Path) -> None:
    from golive_ci.config import Config
    from golive_ci.engine import scan

    (git_repo / "a.py").write_text(f"k = '{LIVE}'\n")
    (git_repo / "b.txt").write_text("nothing here\n")
    (git_repo / "c.bin").write_bytes(b"\0" + LIVE.encode())
    (git_repo / "gone.py").write_text("x = 1\n")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-qm", "init")
    (git_repo / "gone.py").unlink()  # tracked but deleted in the work tree
    (git_repo / "untracked.env").write_text(f"STRIPE={LIVE}\n")
    report = scan([git_repo], git_repo, Config(), select=["secret-key"])  # needles: git grep picks files
    # c.bin holds a NUL byte: the key rule reads binary files too (issue 10 item 6).
    assert sorted(f.path for f in report.findings) == ["a.py", "c.bin", "untracked.env"]
    assert report.files_scanned + report.files_skipped >= 4
    walked = scan([git_repo], git_repo, Config(), select=["secret-key", "card-number"])  # no prefilter
    assert sorted(f.path for f in walked.findings if f.rule == "secret-key") == ["a.py", "c.bin", "untracked.env"]


@pytest.mark.parametrize("select", [["secret-key"], ["secret-key", "card-number"]], ids=["git-grep", "ls-files"])
def test_a_folder_git_ignores_is_walked_when_named(git_repo: Path, select: list[str]) -> None:
    from golive_ci.config import Config
    from golive_ci.engine import scan

    (git_repo / ".gitignore").write_text("vendor-copy/\n")
    (git_repo / "vendor-copy").mkdir()
    (git_repo / "vendor-copy" / "settings.py").write_text(f"k = '{LIVE}'\n")
    git(git_repo, "add", ".gitignore")
    git(git_repo, "commit", "-qm", "init")
    assert scan([git_repo], git_repo, Config(), select=select).findings == []  # the repository: ignored
    named = git_repo / "vendor-copy"
    report = scan([named], named, Config(), select=select)  # named explicitly: read
    assert [(f.path, f.rule) for f in report.findings] == [("settings.py", "secret-key")]


def test_help_is_wrapped_to_the_terminal_width_without_importing_shutil() -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from golive_ci.cli import main\n"
        "try:\n    main(['scan', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('shutil' in sys.modules)\n"
    )
    for columns in ("60", "150"):
        env = {**os.environ, "COLUMNS": columns}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
        lines = out.splitlines()
        assert lines[-1] == "False"
        assert max(len(line) for line in lines[:-1]) <= int(columns)
        assert max(len(line) for line in lines[:-1]) > 50
